import { useQuery } from '@tanstack/react-query';
import { createRoute, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { meQuery } from '../api/account.ts';
import { type DocumentFilter, type DocumentStatus, type DocumentType, documentListQuery, documentStatuses, documentTypes, pageSize } from '../api/documents.ts';
import { bodiesQuery } from '../api/registry.ts';
import { DataTable } from '../components/list/data-table.tsx';
import { Pager } from '../components/list/pager.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { languageName } from '../i18n/display-names.ts';
import { pickLocalized } from '../i18n/localized-text.ts';
import { rootRoute } from './root.tsx';
import './documents.css';

/** Languages offered in filters and forms: the forum's UI languages and the other UN languages. */
export const documentLanguages = ['en', 'ru', 'zh', 'ar', 'vi', 'fa', 'kk', 'tr', 'fr', 'es'];

export function canCreateDocuments(me: { powers: { isSecretariat: boolean }; user: { role: string; party: { kind: string } } } | null | undefined): boolean {
  if (!me) return false;
  return me.powers.isSecretariat || (me.user.party.kind === 'member-state' && (me.user.role === 'focal-point' || me.user.role === 'head-of-delegation'));
}

export function StatusBadge({ status }: { status: DocumentStatus }) {
  return (
    <span className={`doc-status doc-status--${status}`}>
      <span aria-hidden="true" className="doc-status__mark" />
      <FormattedMessage id={`documents.status.${status}`} />
    </span>
  );
}

export function LanguageChips({ languages }: { languages: { language: string; status: string; role: string }[] }) {
  const intl = useIntl();
  return (
    <ul className="doc-langs">
      {languages.map((l) => (
        <li key={l.language} className={`doc-langs__item doc-langs__item--${l.status}`} title={intl.formatMessage({ id: `documents.langStatus.${l.status}` as 'documents.langStatus.ready' })}>
          <abbr title={languageName(l.language, intl.locale)}>{l.language}</abbr>
          <span className="sr-only">
            {' '}
            <FormattedMessage id={`documents.langStatus.${l.status}` as 'documents.langStatus.ready'} />
          </span>
        </li>
      ))}
    </ul>
  );
}

function Filters({ filter }: { filter: DocumentFilter }) {
  const intl = useIntl();
  const navigate = useNavigate();
  const bodies = useQuery(bodiesQuery);
  const [draft, setDraft] = useState(filter);
  useEffect(() => setDraft(filter), [filter]);
  const set = (k: keyof DocumentFilter, v: string) => setDraft((d) => ({ ...d, [k]: v === '' ? undefined : k === 'year' ? Number(v) : v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void navigate({ to: '/documents', search: { ...draft, page: undefined } });
  };
  const select = (name: keyof DocumentFilter, label: string, any: string, options: { value: string; label: string }[]) => (
    <div className="doc-filters__field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} value={String(draft[name] ?? '')} onChange={(e) => set(name, e.target.value)}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form className="doc-filters" onSubmit={submit} aria-label={intl.formatMessage({ id: 'documents.filters' })}>
      <div className="doc-filters__field doc-filters__field--wide">
        <label htmlFor="f-q">
          <FormattedMessage id="documents.search" />
        </label>
        <input id="f-q" type="search" dir="auto" value={draft.q ?? ''} onChange={(e) => set('q', e.target.value)} />
      </div>
      {select(
        'body',
        intl.formatMessage({ id: 'documents.body' }),
        intl.formatMessage({ id: 'documents.anyBody' }),
        (bodies.data?.bodies ?? []).map((b) => ({ value: b.code, label: `${b.code} – ${pickLocalized(b.names, intl.locale)?.text ?? b.code}` })),
      )}
      {select(
        'type',
        intl.formatMessage({ id: 'documents.type' }),
        intl.formatMessage({ id: 'documents.anyType' }),
        documentTypes.map((t) => ({ value: t, label: intl.formatMessage({ id: `documents.type.${t}` }) })),
      )}
      {select(
        'status',
        intl.formatMessage({ id: 'documents.status' }),
        intl.formatMessage({ id: 'documents.anyStatus' }),
        documentStatuses.map((s) => ({ value: s, label: intl.formatMessage({ id: `documents.status.${s}` }) })),
      )}
      {select(
        'language',
        intl.formatMessage({ id: 'documents.language' }),
        intl.formatMessage({ id: 'documents.anyLanguage' }),
        documentLanguages.map((l) => ({ value: l, label: languageName(l, intl.locale) })),
      )}
      <div className="doc-filters__field doc-filters__field--narrow">
        <label htmlFor="f-year">
          <FormattedMessage id="documents.year" />
        </label>
        <input id="f-year" type="number" inputMode="numeric" min={1990} max={2100} dir="ltr" value={draft.year ?? ''} onChange={(e) => set('year', e.target.value)} />
      </div>
      {select('sort', intl.formatMessage({ id: 'documents.sort' }), intl.formatMessage({ id: 'documents.sort.-date' }), [
        { value: 'date', label: intl.formatMessage({ id: 'documents.sort.date' }) },
        { value: 'symbol', label: intl.formatMessage({ id: 'documents.sort.symbol' }) },
        { value: 'title', label: intl.formatMessage({ id: 'documents.sort.title' }) },
        { value: '-updated', label: intl.formatMessage({ id: 'documents.sort.-updated' }) },
      ])}
      <div className="doc-filters__actions">
        <button type="submit" className="button">
          <FormattedMessage id="documents.apply" />
        </button>
        <Link to="/documents" search={{}} className="doc-filters__reset">
          <FormattedMessage id="documents.reset" />
        </Link>
      </div>
    </form>
  );
}

function DocumentsPage() {
  const intl = useIntl();
  const filter = documentsRoute.useSearch();
  const me = useQuery(meQuery);
  const list = useQuery(documentListQuery(filter));
  useDocumentTitle(intl.formatMessage({ id: 'documents.title' }));
  const page = filter.page ?? 1;
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / pageSize)) : 1;
  return (
    <div className="documents">
      <div className="doc-head">
        <h1>
          <FormattedMessage id="documents.title" />
        </h1>
        <div className="doc-head__links">
          {canCreateDocuments(me.data) ? (
            <Link to="/documents/new" className="button">
              <FormattedMessage id="documents.new" />
            </Link>
          ) : null}
          {me.data?.powers.isSecretariat ? (
            <Link to="/documents/translations">
              <FormattedMessage id="documents.dashboardLink" />
            </Link>
          ) : null}
        </div>
      </div>
      <Filters filter={filter} />
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ProblemMessage error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        <>
          <p role="status" className="doc-count">
            <FormattedMessage id="documents.count" values={{ count: list.data.total }} />
          </p>
          {list.data.items.length === 0 ? (
            <p>
              <FormattedMessage id="documents.none" />
            </p>
          ) : (
            <DataTable
              caption={<FormattedMessage id="documents.title" />}
              rows={list.data.items}
              rowKey={(d) => d.id}
              columns={[
                {
                  heading: 'documents.col.symbol',
                  cell: (d) => (
                    <Link to="/documents/$id" params={{ id: d.id }} className="doc-symbol" dir="ltr">
                      {d.symbol}
                    </Link>
                  ),
                },
                {
                  heading: 'documents.col.title',
                  cell: (d) => (
                    <span lang={d.originalLanguage} dir="auto">
                      {d.title}
                    </span>
                  ),
                },
                { heading: 'documents.col.type', cell: (d) => <FormattedMessage id={`documents.type.${d.type}`} /> },
                { heading: 'documents.col.date', cell: (d) => <FormattedDate value={`${d.date}T12:00:00Z`} dateStyle="medium" timeZone="UTC" /> },
                { heading: 'documents.col.status', cell: (d) => <StatusBadge status={d.status} /> },
                { heading: 'documents.col.languages', cell: (d) => <LanguageChips languages={d.languages} /> },
              ]}
            />
          )}
          <Pager
            page={page}
            pages={pages}
            link={(p, rel, label) => (
              <Link to="/documents" search={{ ...filter, page: p }} rel={rel}>
                {label}
              </Link>
            )}
          />
        </>
      ) : null}
    </div>
  );
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export const documentsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/documents',
  component: DocumentsPage,
  validateSearch: (s: Record<string, unknown>): DocumentFilter => {
    const year = Number(s.year);
    const page = Number(s.page);
    return {
      q: str(s.q),
      body: str(s.body),
      type: documentTypes.includes(s.type as DocumentType) ? (s.type as DocumentType) : undefined,
      status: documentStatuses.includes(s.status as DocumentStatus) ? (s.status as DocumentStatus) : undefined,
      language: str(s.language),
      year: Number.isInteger(year) && year > 1900 ? year : undefined,
      sort: ['date', '-date', 'symbol', 'title', '-updated'].includes(s.sort as string) ? (s.sort as string) : undefined,
      page: Number.isInteger(page) && page > 1 ? page : undefined,
    };
  },
});
