// Global styles first, so component styles imported below come later in the cascade.
import './styles/tokens.css';
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { applyLocaleToDocument, defaultLocale, initialLocale } from './i18n/locales.ts';
import { loadMessages } from './i18n/messages.ts';

async function start() {
  let locale = initialLocale();
  // Set lang/dir before the first paint so a right-to-left reader never sees the page flip.
  applyLocaleToDocument(locale);
  let messages: Awaited<ReturnType<typeof loadMessages>>;
  try {
    messages = await loadMessages(locale);
  } catch {
    locale = defaultLocale;
    applyLocaleToDocument(locale);
    messages = await loadMessages(locale);
  }
  const container = document.getElementById('root');
  if (!container) throw new Error('#root is missing from index.html');
  createRoot(container).render(
    <StrictMode>
      <App initialLocale={locale} initialMessages={messages} />
    </StrictMode>,
  );
}

void start();
