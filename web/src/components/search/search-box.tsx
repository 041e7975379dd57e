import { useNavigate, useRouterState } from '@tanstack/react-router';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import './search.css';

/** The search box of the header: a search landmark with a visible-on-focus label, going to /search. */
export function SearchBox() {
  const intl = useIntl();
  const navigate = useNavigate();
  const id = useId();
  const current = useRouterState({ select: (s) => (s.location.pathname === '/search' ? ((s.location.search as { q?: string }).q ?? '') : '') });
  const [q, setQ] = useState(current);
  useEffect(() => setQ(current), [current]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = q.trim();
    if (!text) return;
    void navigate({ to: '/search', search: { q: text } });
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: role=search on the form is understood by every screen reader; <search> is not yet everywhere
    <form role="search" className="search-box" onSubmit={submit} aria-label={intl.formatMessage({ id: 'search.landmark' })}>
      <label htmlFor={id} className="sr-only">
        <FormattedMessage id="search.label" />
      </label>
      <input
        id={id}
        className="search-box__input"
        type="search"
        name="q"
        value={q}
        maxLength={300}
        dir="auto"
        autoComplete="off"
        placeholder={intl.formatMessage({ id: 'search.placeholder' })}
        onChange={(e) => setQ(e.target.value)}
      />
      <button type="submit" className="search-box__button">
        <FormattedMessage id="search.submit" />
      </button>
    </form>
  );
}
