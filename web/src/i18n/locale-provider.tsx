import { createContext, type ReactNode, useCallback, useContext, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { IntlProvider } from 'react-intl';
import { applyLocaleToDocument, defaultLocale, type LocaleCode, storeLocale } from './locales.ts';
import { loadMessages, type Messages } from './messages.ts';

interface LocaleContextValue {
  locale: LocaleCode;
  /** Loads the catalogue, then switches; remembers the choice for the next visit. */
  setLocale: (code: LocaleCode) => Promise<void>;
}

const LocaleContext = createContext<LocaleContextValue | null>(null);

export function useLocale(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale must be used inside <LocaleProvider>');
  return value;
}

export function LocaleProvider(props: { initialLocale: LocaleCode; initialMessages: Messages; children: ReactNode }) {
  const [state, setState] = useState({ locale: props.initialLocale, messages: props.initialMessages });
  // Only the latest request wins when someone flicks quickly through the list.
  const latest = useRef<LocaleCode>(props.initialLocale);

  const setLocale = useCallback(async (code: LocaleCode) => {
    latest.current = code;
    storeLocale(code);
    const messages = await loadMessages(code);
    if (latest.current === code) setState({ locale: code, messages });
  }, []);

  useLayoutEffect(() => {
    applyLocaleToDocument(state.locale);
  }, [state.locale]);

  const value = useMemo(() => ({ locale: state.locale, setLocale }), [state.locale, setLocale]);

  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={state.locale} defaultLocale={defaultLocale} messages={state.messages}>
        {props.children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
