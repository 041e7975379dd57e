import { useId } from 'react';
import { FormattedMessage } from 'react-intl';
import { useLocale } from '../../i18n/locale-provider.tsx';
import { isLocaleCode, locales } from '../../i18n/locales.ts';
import { GlobeIcon } from '../icons.tsx';

/** A native select with a visible label. Each language is named in itself, so anyone can find theirs. */
export function LanguageSwitcher() {
  const id = useId();
  const { locale, setLocale } = useLocale();
  return (
    <div className="language-switcher">
      <label htmlFor={id} className="language-switcher__label">
        <GlobeIcon />
        <FormattedMessage id="language.label" />
      </label>
      <select
        id={id}
        className="language-switcher__select"
        value={locale}
        onChange={(event) => {
          const code = event.target.value;
          if (isLocaleCode(code)) void setLocale(code);
        }}
      >
        {locales.map((l) => (
          <option key={l.code} value={l.code} lang={l.code} dir={l.dir}>
            {l.name}
          </option>
        ))}
      </select>
    </div>
  );
}
