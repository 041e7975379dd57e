import { useQuery } from '@tanstack/react-query';
import { createRoute, Link, useNavigate } from '@tanstack/react-router';
import { useId } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { conceptQuery, type GlossaryConcept, type GlossaryOrder, glossaryIndexQuery } from '../api/search.ts';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { languageName } from '../i18n/display-names.ts';
import { rootRoute } from './root.tsx';
import './key-concepts.css';

const rtl = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'ug', 'dv', 'ckb', 'sd']);
const dirOf = (lang: string) => (rtl.has(lang.split('-')[0] ?? '') ? 'rtl' : 'ltr');

/** A language's name in itself (its autonym), for the language switch. */
function autonym(lang: string): string {
  try {
    const n = new Intl.DisplayNames([lang], { type: 'language' }).of(lang);
    return n && n !== lang ? n : lang;
  } catch {
    return lang;
  }
}

const letterAnchor = (letter: string) => `letter-${[...letter].map((c) => c.codePointAt(0)!.toString(16)).join('-')}`;

function StatusNote({ status }: { status: 'draft' | 'approved' | 'deprecated' }) {
  if (status === 'approved') return null;
  return (
    <span className={`kc-status kc-status--${status}`}>
      <FormattedMessage id={`glossary.status.${status}`} />
    </span>
  );
}

function IndexPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const params = keyConceptsRoute.useSearch();
  const lang = params.lang ?? intl.locale;
  const index = useQuery(glossaryIndexQuery(lang, params.order));
  const switchId = useId();
  const lettersId = useId();
  useDocumentTitle(intl.formatMessage({ id: 'glossary.title' }));
  const data = index.data;
  return (
    <div className="kc-page">
      <h1>
        <FormattedMessage id="glossary.title" />
      </h1>
      <p className="kc-lead">
        <FormattedMessage id="glossary.lead" />
      </p>
      {index.isPending ? (
        <Loading />
      ) : index.isError ? (
        <ProblemMessage error={index.error} />
      ) : data ? (
        <>
          <nav className="kc-switch" aria-labelledby={switchId}>
            <h2 id={switchId} className="kc-switch__title">
              <FormattedMessage id="glossary.languageSwitch" />
            </h2>
            <ul className="kc-switch__list">
              {data.languages.map((l) => (
                <li key={l.lang}>
                  <Link
                    to="/key-concepts"
                    search={{ lang: l.lang }}
                    aria-current={l.lang === data.lang ? 'page' : undefined}
                    className={l.lang === data.lang ? 'kc-switch__item kc-switch__item--current' : 'kc-switch__item'}
                    lang={l.lang}
                    dir={dirOf(l.lang)}
                    title={languageName(l.lang, intl.locale)}
                  >
                    {autonym(l.lang)}
                  </Link>
                </li>
              ))}
            </ul>
            {data.lang.split('-')[0] === 'zh' ? (
              <p className="kc-order">
                <FormattedMessage id="glossary.order" />{' '}
                {(['pinyin', 'stroke'] as GlossaryOrder[]).map((o) => (
                  <Link
                    key={o}
                    to="/key-concepts"
                    search={{ lang: data.lang, order: o === 'pinyin' ? undefined : o }}
                    aria-current={data.order === o ? 'true' : undefined}
                    className={data.order === o ? 'kc-switch__item kc-switch__item--current' : 'kc-switch__item'}
                  >
                    <FormattedMessage id={`glossary.order.${o}`} />
                  </Link>
                ))}
              </p>
            ) : null}
          </nav>
          {data.entries.length === 0 ? (
            <p>
              <FormattedMessage id="glossary.none" values={{ language: languageName(data.lang, intl.locale) }} />
            </p>
          ) : (
            <>
              <nav className="kc-letters" aria-labelledby={lettersId}>
                <h2 id={lettersId} className="sr-only">
                  <FormattedMessage id="glossary.letters" />
                </h2>
                <ul className="kc-letters__list" lang={data.lang} dir={data.dir}>
                  {data.letters.map((l) => (
                    <li key={l.letter}>
                      <a href={`#${letterAnchor(l.letter)}`}>{l.letter}</a>
                    </li>
                  ))}
                </ul>
              </nav>
              {data.letters.map((l) => (
                <section key={l.letter} className="kc-letter" aria-labelledby={letterAnchor(l.letter)}>
                  <h2 id={letterAnchor(l.letter)} className="kc-letter__title" lang={data.lang} dir={data.dir}>
                    {l.letter}
                  </h2>
                  <ul className="kc-entries">
                    {data.entries
                      .filter((e) => e.letter === l.letter)
                      .map((e) => (
                        <li key={e.id} className="kc-entry" lang={data.lang} dir={data.dir}>
                          <Link to="/key-concepts/$code" params={{ code: e.code }} search={{ langs: undefined }} className="kc-entry__term">
                            {e.term}
                          </Link>
                          {e.abbreviations.length ? <span className="kc-entry__abbr"> ({e.abbreviations.join(', ')})</span> : null} <StatusNote status={e.status} />
                          {e.definition ? <p className="kc-entry__definition">{e.definition}</p> : null}
                        </li>
                      ))}
                  </ul>
                </section>
              ))}
            </>
          )}
          <p className="kc-downloads">
            <FormattedMessage id="glossary.download" />{' '}
            <a href="/api/glossary/export?format=tbx" download>
              TBX
            </a>{' '}
            ·{' '}
            <a href="/api/glossary/export?format=csv" download>
              CSV
            </a>
          </p>
        </>
      ) : null}
      {/* Keep the language choice in the address when the UI language has no entries. */}
      {data && !params.lang && data.entries.length === 0 && data.languages[0] ? (
        <p>
          <button type="button" className="kc-button" onClick={() => void navigate({ to: '/key-concepts', search: { lang: data.languages[0]!.lang } })}>
            <FormattedMessage id="glossary.showIn" values={{ language: languageName(data.languages[0].lang, intl.locale) }} />
          </button>
        </p>
      ) : null}
    </div>
  );
}

function Column({ l, ui }: { l: GlossaryConcept['languages'][number]; ui: { lang: string; dir: 'ltr' | 'rtl' } }) {
  const intl = useIntl();
  const headingId = useId();
  const paragraphs = (l.note ?? '').split(/\n{2,}/).filter((p) => p.trim() !== '');
  return (
    <section className="kc-column" lang={l.lang} dir={l.dir} aria-labelledby={headingId}>
      <h2 id={headingId} className="kc-column__language" lang={ui.lang} dir={ui.dir}>
        {languageName(l.lang, intl.locale)}
      </h2>
      <p className="kc-column__term">{l.preferred}</p>
      {l.abbreviations.length ? (
        <p className="kc-column__row">
          <span className="kc-column__label" lang={ui.lang} dir={ui.dir}>
            <FormattedMessage id="glossary.abbreviations" />
          </span>{' '}
          {l.abbreviations.join(' · ')}
        </p>
      ) : null}
      {l.synonyms.length ? (
        <p className="kc-column__row">
          <span className="kc-column__label" lang={ui.lang} dir={ui.dir}>
            <FormattedMessage id="glossary.synonyms" />
          </span>{' '}
          {l.synonyms.join(' · ')}
        </p>
      ) : null}
      {l.definition ? (
        <>
          <h3 className="kc-column__heading" lang={ui.lang} dir={ui.dir}>
            <FormattedMessage id="glossary.definition" />
          </h3>
          <p>{l.definition}</p>
        </>
      ) : null}
      {paragraphs.length ? (
        <>
          <h3 className="kc-column__heading" lang={ui.lang} dir={ui.dir}>
            <FormattedMessage id="glossary.note" />
          </h3>
          {paragraphs.map((p) => (
            <p key={p.slice(0, 40)}>{p}</p>
          ))}
        </>
      ) : null}
    </section>
  );
}

function EntryPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const { code } = keyConceptRoute.useParams();
  const { langs } = keyConceptRoute.useSearch();
  const concept = useQuery(conceptQuery(code));
  const c = concept.data;
  const heading = c ? (c.languages.find((l) => l.lang === intl.locale) ?? c.languages.find((l) => l.lang === 'en') ?? c.languages[0]) : undefined;
  useDocumentTitle(heading?.preferred ?? intl.formatMessage({ id: 'glossary.title' }));
  if (concept.isPending) return <Loading />;
  if (concept.isError || !c) return <ProblemMessage error={concept.error} headingLevel={1} />;
  const chosen = langs?.length ? c.languages.filter((l) => langs.includes(l.lang)) : c.languages;
  // The interface language first, then the others in the entry's order.
  const shown = [...(chosen.length ? chosen : c.languages)].sort((a, b) => Number(b.lang === intl.locale) - Number(a.lang === intl.locale));
  const ui = { lang: intl.locale, dir: dirOf(intl.locale) as 'ltr' | 'rtl' };
  const toggle = (lang: string) => {
    const current = shown.map((l) => l.lang);
    const next = current.includes(lang) ? current.filter((x) => x !== lang) : [...current, lang];
    const all = next.length === 0 || next.length === c.languages.length;
    void navigate({ to: '/key-concepts/$code', params: { code }, search: { langs: all ? undefined : c.languages.map((l) => l.lang).filter((x) => next.includes(x)) } });
  };
  return (
    <article className="kc-entry-page">
      <p className="kc-back">
        <Link to="/key-concepts" search={{ lang: heading?.lang }}>
          <FormattedMessage id="glossary.back" />
        </Link>
      </p>
      <h1 lang={heading?.lang} dir={heading?.dir}>
        {heading?.preferred}
      </h1>
      <dl className="kc-meta">
        {c.subject ? (
          <div>
            <dt>
              <FormattedMessage id="glossary.subject" />
            </dt>
            <dd lang="en">{c.subject}</dd>
          </div>
        ) : null}
        <div>
          <dt>
            <FormattedMessage id="glossary.statusLabel" />
          </dt>
          <dd>
            <FormattedMessage id={`glossary.status.${c.status}`} />
          </dd>
        </div>
        {c.source ? (
          <div>
            <dt>
              <FormattedMessage id="glossary.source" />
            </dt>
            <dd>
              {c.source.url ? (
                <a href={c.source.url} rel="noopener noreferrer" lang="en">
                  {c.source.title ?? c.source.url}
                </a>
              ) : (
                <span lang="en">{c.source.title}</span>
              )}
              {c.source.date ? <span>, {c.source.date}</span> : null}
            </dd>
          </div>
        ) : null}
      </dl>
      <fieldset className="kc-switch kc-fieldset">
        <legend className="kc-switch__title">
          <FormattedMessage id="glossary.languagesShown" />
        </legend>
        <ul className="kc-switch__list">
          {c.languages.map((l) => (
            <li key={l.lang}>
              <button
                type="button"
                className="kc-switch__toggle"
                aria-pressed={shown.some((s) => s.lang === l.lang)}
                onClick={() => toggle(l.lang)}
                title={languageName(l.lang, intl.locale)}
              >
                <span lang={l.lang} dir={l.dir}>
                  {autonym(l.lang)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className={`kc-parallel kc-parallel--${Math.min(shown.length, 4)}`}>
        {shown.map((l) => (
          <Column key={l.lang} l={l} ui={ui} />
        ))}
      </div>
    </article>
  );
}

export const keyConceptsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/key-concepts',
  component: IndexPage,
  validateSearch: (s: Record<string, unknown>): { lang?: string; order?: GlossaryOrder } => ({
    lang: typeof s.lang === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(s.lang) ? s.lang : undefined,
    order: s.order === 'stroke' ? 'stroke' : undefined,
  }),
});

export const keyConceptRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/key-concepts/$code',
  component: EntryPage,
  validateSearch: (s: Record<string, unknown>): { langs?: string[] } => {
    const raw = typeof s.langs === 'string' ? s.langs.split(',') : Array.isArray(s.langs) ? s.langs.map(String) : [];
    const langs = raw.filter((l) => /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(l));
    return { langs: langs.length ? langs : undefined };
  },
});
