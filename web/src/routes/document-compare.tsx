import { useQueries, useQuery } from '@tanstack/react-query';
import { createRoute, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { type CompareSide, compareQuery, type DocumentDetail, directionOfLanguage, documentQuery, type ParagraphChange, revisionsQuery } from '../api/documents.ts';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { languageName } from '../i18n/display-names.ts';
import { rootRoute } from './root.tsx';
import '../components/list/list.css';
import './documents.css';

/**
 * Two versions of one language's text side by side, paragraph by paragraph, with the words taken out
 * and put in marked (and said, for screen readers): any two saved revisions of this document, or of
 * two documents of its family — Rev.1 against the original it revised.
 */

interface Choice extends CompareSide {
  symbol: string;
  createdAt: string;
  latest: boolean;
}

const key = (s: CompareSide) => `${s.id}:${s.n}`;
const parseSide = (v: unknown): CompareSide | undefined => {
  if (typeof v !== 'string') return undefined;
  const m = /^([0-9a-f-]{36}):(\d{1,6})$/.exec(v);
  return m ? { id: m[1], n: Number(m[2]) } : undefined;
};

/** Every saved revision of `lang` in the document's family that the reader may see, oldest first. */
function useChoices(doc: DocumentDetail, lang: string): { choices: Choice[]; pending: boolean; error: unknown } {
  const members = doc.family.length > 0 ? doc.family : [{ id: doc.id, symbol: doc.symbol, status: doc.status, relation: doc.relation }];
  const details = useQueries({ queries: members.map((f) => documentQuery(f.id)) });
  const withLang = details.map((d) => d.data).filter((d): d is DocumentDetail => !!d && d.languageVersions.some((v) => v.language === lang && v.revision !== null));
  const revisions = useQueries({ queries: withLang.map((d) => revisionsQuery(d.id, lang)) });
  const pending = details.some((d) => d.isPending) || revisions.some((r) => r.isPending);
  const error = details.find((d) => d.isError)?.error ?? revisions.find((r) => r.isError)?.error ?? null;
  const choices: Choice[] = [];
  withLang.forEach((d, i) => {
    const revs = [...(revisions[i]?.data ?? [])].sort((a, b) => a.n - b.n);
    for (const r of revs) choices.push({ id: d.id, n: r.n, symbol: d.symbol, createdAt: r.createdAt, latest: r.n === revs[revs.length - 1].n });
  });
  return { choices, pending, error };
}

function Words({ change, side }: { change: ParagraphChange; side: 'from' | 'to' }) {
  const intl = useIntl();
  const other = side === 'from' ? 'added' : 'removed';
  return (
    <>
      {change.words
        .filter((w) => w.op !== other)
        .map((w, i) =>
          w.op === 'same' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: the words of one paragraph never reorder
            <span key={i}>{w.text}</span>
          ) : w.op === 'removed' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <del key={i} className="doc-diff__del">
              <span className="sr-only">{`${intl.formatMessage({ id: 'documents.compare.removedMark' })} `}</span>
              {w.text}
            </del>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <ins key={i} className="doc-diff__ins">
              <span className="sr-only">{`${intl.formatMessage({ id: 'documents.compare.addedMark' })} `}</span>
              {w.text}
            </ins>
          ),
        )}
    </>
  );
}

function Result({ lang, from, to, fromLabel, toLabel }: { lang: string; from: CompareSide; to: CompareSide; fromLabel: string; toLabel: string }) {
  const intl = useIntl();
  const cmp = useQuery(compareQuery(lang, from, to));
  if (cmp.isPending) return <Loading />;
  if (cmp.isError) return <ProblemMessage error={cmp.error} />;
  const count = (s: ParagraphChange['status']) => cmp.data.changes.filter((c) => c.status === s).length;
  const dir = directionOfLanguage(lang);
  return (
    <section aria-labelledby="doc-compare-result-h">
      <h2 id="doc-compare-result-h">
        <FormattedMessage id="documents.compare.result" />
      </h2>
      <p role="status" className="doc-count">
        <FormattedMessage id="documents.compare.summary" values={{ changed: count('changed'), added: count('added'), removed: count('removed'), same: count('same') }} />
      </p>
      <div className="list-table-wrap">
        <table className="list-table doc-diff">
          <caption className="sr-only">
            <FormattedMessage id="documents.compare.caption" values={{ from: fromLabel, to: toLabel, language: languageName(lang, intl.locale) }} />
          </caption>
          <thead>
            <tr>
              <th scope="col" className="doc-diff__state">
                <FormattedMessage id="documents.compare.change" />
              </th>
              <th scope="col">
                <FormattedMessage id="documents.compare.earlier" /> <span className="doc-diff__side">{fromLabel}</span>
              </th>
              <th scope="col">
                <FormattedMessage id="documents.compare.later" /> <span className="doc-diff__side">{toLabel}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {cmp.data.changes.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a comparison's rows never reorder
              <tr key={i} className={`doc-diff__row doc-diff__row--${c.status}`}>
                <th scope="row" className="doc-diff__state">
                  <span className={`doc-diff__tag doc-diff__tag--${c.status}`}>
                    <FormattedMessage id={`documents.compare.status.${c.status}`} />
                  </span>
                </th>
                <td lang={lang} dir={dir} className="doc-diff__cell">
                  {c.fromN !== null ? (
                    <>
                      <span className="doc-diff__n" dir="ltr">
                        {c.fromN}
                      </span>{' '}
                      <Words change={c} side="from" />
                    </>
                  ) : null}
                </td>
                <td lang={lang} dir={dir} className="doc-diff__cell">
                  {c.toN !== null ? (
                    <>
                      <span className="doc-diff__n" dir="ltr">
                        {c.toN}
                      </span>{' '}
                      <Words change={c} side="to" />
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ComparePicker({ doc }: { doc: DocumentDetail }) {
  const intl = useIntl();
  const navigate = useNavigate();
  const search = documentCompareRoute.useSearch();
  const lang = search.lang && doc.languageVersions.some((v) => v.language === search.lang) ? search.lang : doc.originalLanguage;
  const { choices, pending, error } = useChoices(doc, lang);
  const [draft, setDraft] = useState<{ from?: string; to?: string; lang?: string }>({});
  if (pending) return <Loading />;
  if (error) return <ProblemMessage error={error} />;
  const own = choices.filter((c) => c.id === doc.id);
  const latestOwn = own[own.length - 1];
  const parentLatest = choices.filter((c) => c.id === doc.parentId && c.latest)[0];
  const defaultFrom = parentLatest ?? own[own.length - 2] ?? choices[0];
  const valid = (s: CompareSide | undefined) => (s && choices.some((c) => key(c) === key(s)) ? s : undefined);
  const from = valid(parseSide(search.from)) ?? defaultFrom;
  const to = valid(parseSide(search.to)) ?? latestOwn ?? choices[choices.length - 1];
  const label = (c: CompareSide) => {
    const x = choices.find((y) => key(y) === key(c));
    return x ? intl.formatMessage({ id: 'documents.compare.option' }, { symbol: x.symbol, n: x.n, date: intl.formatDate(x.createdAt, { dateStyle: 'medium' }) }) : '';
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const l = draft.lang ?? lang;
    if (l !== lang) {
      void navigate({ to: '/documents/$id/compare', params: { id: doc.id }, search: { lang: l } });
      setDraft({});
      return;
    }
    void navigate({
      to: '/documents/$id/compare',
      params: { id: doc.id },
      search: { lang, from: draft.from ?? (from ? key(from) : undefined), to: draft.to ?? (to ? key(to) : undefined) },
    });
  };
  const options = choices.map((c) => (
    <option key={key(c)} value={key(c)}>
      {label(c)}
    </option>
  ));
  return (
    <>
      <form className="doc-filters no-print" onSubmit={submit} aria-label={intl.formatMessage({ id: 'documents.compare.choose' })}>
        <div className="doc-filters__field">
          <label htmlFor="cmp-lang">
            <FormattedMessage id="documents.field.language" />
          </label>
          <select id="cmp-lang" value={draft.lang ?? lang} onChange={(e) => setDraft({ lang: e.target.value })}>
            {doc.languageVersions.map((v) => (
              <option key={v.language} value={v.language}>
                {languageName(v.language, intl.locale)}
              </option>
            ))}
          </select>
        </div>
        {choices.length > 1 && (draft.lang ?? lang) === lang ? (
          <>
            <div className="doc-filters__field doc-filters__field--wide">
              <label htmlFor="cmp-from">
                <FormattedMessage id="documents.compare.earlier" />
              </label>
              <select id="cmp-from" value={draft.from ?? (from ? key(from) : '')} onChange={(e) => setDraft({ ...draft, from: e.target.value })}>
                {options}
              </select>
            </div>
            <div className="doc-filters__field doc-filters__field--wide">
              <label htmlFor="cmp-to">
                <FormattedMessage id="documents.compare.later" />
              </label>
              <select id="cmp-to" value={draft.to ?? (to ? key(to) : '')} onChange={(e) => setDraft({ ...draft, to: e.target.value })}>
                {options}
              </select>
            </div>
          </>
        ) : null}
        <div className="doc-filters__actions">
          <button type="submit" className="button">
            <FormattedMessage id="documents.compare.submit" />
          </button>
        </div>
      </form>
      {choices.length < 2 || !from || !to ? (
        <p>
          <FormattedMessage id="documents.compare.nothing" />
        </p>
      ) : (
        <Result key={`${lang}-${key(from)}-${key(to)}`} lang={lang} from={from} to={to} fromLabel={label(from)} toLabel={label(to)} />
      )}
    </>
  );
}

function ComparePage() {
  const intl = useIntl();
  const { id } = documentCompareRoute.useParams();
  const doc = useQuery(documentQuery(id));
  useDocumentTitle(doc.data ? `${intl.formatMessage({ id: 'documents.compare.title' })} – ${doc.data.symbol}` : null);
  if (doc.isPending) return <Loading />;
  if (doc.isError) return <ProblemMessage error={doc.error} headingLevel={1} />;
  return (
    <div className="documents doc-compare-page">
      <p className="doc-page__symbol">
        <Link to="/documents/$id" params={{ id }} dir="ltr">
          {doc.data.symbol}
        </Link>
      </p>
      <h1>
        <FormattedMessage id="documents.compare.title" />
      </h1>
      <p className="portal-muted">
        <FormattedMessage id="documents.compare.intro" />
      </p>
      <ComparePicker key={doc.data.id} doc={doc.data} />
    </div>
  );
}

export const documentCompareRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/documents/$id/compare',
  component: ComparePage,
  validateSearch: (s: Record<string, unknown>): { lang?: string; from?: string; to?: string } => ({
    lang: typeof s.lang === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(s.lang) ? s.lang : undefined,
    from: parseSide(s.from) ? (s.from as string) : undefined,
    to: parseSide(s.to) ? (s.to as string) : undefined,
  }),
});
