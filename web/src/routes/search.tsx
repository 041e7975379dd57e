import { useQuery } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { type ReactNode, useId } from 'react';
import { FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { bodiesQuery } from '../api/registry.ts';
import { type FacetValue, type SearchHit, type SearchItemType, type SearchParams, searchItemTypes, searchPageSize, searchQuery } from '../api/search.ts';
import { Highlighted } from '../components/search/segments.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { languageName } from '../i18n/display-names.ts';
import { pickLocalized } from '../i18n/localized-text.ts';
import { rootRoute } from './root.tsx';
import './search.css';

type FacetKey = 'type' | 'lang' | 'body' | 'year';

/** Where a hit leads: the page of the thing found, where the web app has one. */
function HitTitle({ hit }: { hit: SearchHit }) {
  const title = <Highlighted segments={hit.title} />;
  const code = typeof hit.ref.code === 'string' ? hit.ref.code : null;
  switch (hit.type) {
    case 'document':
      return hit.id.startsWith('bench-') ? title : <Link to="/documents/$id" params={{ id: hit.id }}>{title}</Link>;
    case 'glossary':
      return code ? (
        <Link to="/key-concepts/$code" params={{ code }} search={{ langs: undefined }}>
          {title}
        </Link>
      ) : (
        title
      );
    case 'party':
      return code ? <Link to="/parties/$code" params={{ code }}>{title}</Link> : title;
    case 'body':
      return <Link to="/bodies">{title}</Link>;
    case 'cbm':
      return <Link to="/exchange/submissions/$id" params={{ id: hit.id }}>{title}</Link>;
    case 'cbm-area':
      return code ? <Link to="/cbm/areas/$area" params={{ area: code }}>{title}</Link> : title;
    case 'cbm-measure': {
      // A measure is shown on its priority area's page.
      const area = typeof hit.ref.areaCode === 'string' ? hit.ref.areaCode : null;
      return area ? <Link to="/cbm/areas/$area" params={{ area }}>{title}</Link> : title;
    }
    case 'cbm-event':
      return <Link to="/cbm/events/$id" params={{ id: hit.id }}>{title}</Link>;
    default:
      return title;
  }
}

function Hit({ hit }: { hit: SearchHit }) {
  const intl = useIntl();
  // Documents carry a symbol; CBM areas and measures their number (NCT.1, 2.1.1).
  const symbol = typeof hit.ref.symbol === 'string' ? hit.ref.symbol : hit.type.startsWith('cbm-') && typeof hit.ref.code === 'string' ? hit.ref.code : null;
  return (
    <li className="search-hit">
      <p className="search-hit__meta">
        <span className={`search-hit__type search-hit__type--${hit.type}`}>
          <FormattedMessage id={`search.type.${hit.type}`} />
        </span>
        <span className="search-hit__lang">
          <abbr title={languageName(hit.lang, intl.locale)}>{hit.lang}</abbr>
        </span>
        {symbol ? (
          <span className="search-hit__symbol" dir="ltr">
            {symbol}
          </span>
        ) : null}
        {hit.year ? <span className="search-hit__year">{hit.year}</span> : null}
      </p>
      <h2 className="search-hit__title" lang={hit.lang} dir={hit.dir}>
        <HitTitle hit={hit} />
      </h2>
      {hit.snippet.length ? (
        <p className="search-hit__snippet" lang={hit.lang} dir={hit.dir}>
          <Highlighted segments={hit.snippet} />
        </p>
      ) : null}
    </li>
  );
}

function Facet({ name, label, values, current, params, render }: { name: FacetKey; label: ReactNode; values: FacetValue[]; current: string | undefined; params: SearchParams; render: (v: string) => ReactNode }) {
  const headingId = useId();
  if (values.length === 0 && !current) return null;
  const without = { ...params, [name]: undefined, page: undefined };
  return (
    <section className="search-facet" aria-labelledby={headingId}>
      <h3 id={headingId} className="search-facet__title">
        {label}
      </h3>
      <ul className="search-facet__list">
        {current ? (
          <li>
            <Link to="/search" search={without} className="search-facet__clear">
              <FormattedMessage id="search.facets.any" />
            </Link>
          </li>
        ) : null}
        {values.map((v) => {
          const selected = current === v.value;
          return (
            <li key={v.value}>
              <Link
                to="/search"
                search={{ ...params, [name]: name === 'year' ? Number(v.value) : v.value, page: undefined }}
                aria-current={selected ? 'true' : undefined}
                className={selected ? 'search-facet__value search-facet__value--selected' : 'search-facet__value'}
              >
                <span>{render(v.value)}</span>{' '}
                <span className="search-facet__count">
                  <FormattedNumber value={v.count} />
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function SearchPage() {
  const intl = useIntl();
  const params = searchRoute.useSearch();
  const result = useQuery(searchQuery(params));
  const bodies = useQuery(bodiesQuery);
  const facetsId = useId();
  useDocumentTitle(params.q ? intl.formatMessage({ id: 'search.titleWithQuery' }, { q: params.q }) : intl.formatMessage({ id: 'search.title' }));
  const bodyName = (code: string) => {
    const b = bodies.data?.bodies.find((x) => x.code === code);
    const n = b ? pickLocalized(b.names, intl.locale) : null;
    return n ? (
      <span lang={n.lang || undefined} dir="auto">
        {n.text}
      </span>
    ) : (
      code
    );
  };
  const data = result.data;
  const pages = data ? Math.ceil(data.total / searchPageSize) : 0;
  const page = params.page ?? 1;
  return (
    <div className="search-page">
      <h1>
        <FormattedMessage id="search.title" />
      </h1>
      {!params.q ? (
        <p>
          <FormattedMessage id="search.empty" />
        </p>
      ) : result.isPending ? (
        <Loading />
      ) : result.isError ? (
        <ProblemMessage error={result.error} />
      ) : data ? (
        <>
          <p className="search-page__summary" role="status">
            <FormattedMessage id="search.summary" values={{ count: data.total, q: <bdi key="q">{params.q}</bdi> }} />
          </p>
          {data.alsoSearched.length ? (
            <p className="search-page__also">
              <FormattedMessage
                id="search.alsoSearched"
                values={{
                  terms: (
                    <span key="t">
                      {data.alsoSearched.map((t, i) => (
                        <span key={t}>
                          {i > 0 ? intl.formatMessage({ id: 'search.listSeparator' }) : null}
                          <bdi className="search-page__term">{t}</bdi>
                        </span>
                      ))}
                    </span>
                  ),
                }}
              />
            </p>
          ) : null}
          <div className="search-page__layout">
            <nav className="search-facets" aria-labelledby={facetsId}>
              <h2 id={facetsId} className="search-facets__title">
                <FormattedMessage id="search.facets.title" />
              </h2>
              <Facet
                name="type"
                label={<FormattedMessage id="search.facets.type" />}
                values={data.facets.type}
                current={params.type}
                params={params}
                render={(v) => <FormattedMessage id={`search.type.${v as SearchItemType}`} />}
              />
              <Facet
                name="lang"
                label={<FormattedMessage id="search.facets.lang" />}
                values={data.facets.lang}
                current={params.lang}
                params={params}
                render={(v) => languageName(v, intl.locale)}
              />
              <Facet name="body" label={<FormattedMessage id="search.facets.body" />} values={data.facets.body} current={params.body} params={params} render={bodyName} />
              <Facet
                name="year"
                label={<FormattedMessage id="search.facets.year" />}
                values={data.facets.year}
                current={params.year ? String(params.year) : undefined}
                params={params}
                render={(v) => v}
              />
            </nav>
            <div className="search-results">
              {data.hits.length === 0 ? (
                <p>
                  <FormattedMessage id="search.noHits" />
                </p>
              ) : (
                <ol className="search-results__list">
                  {data.hits.map((h) => (
                    <Hit key={`${h.type}/${h.id}/${h.lang}`} hit={h} />
                  ))}
                </ol>
              )}
              {pages > 1 ? (
                <nav className="search-pager" aria-label={intl.formatMessage({ id: 'search.pages' })}>
                  {page > 1 ? (
                    <Link to="/search" search={{ ...params, page: page - 1 > 1 ? page - 1 : undefined }} rel="prev">
                      <FormattedMessage id="search.previous" />
                    </Link>
                  ) : null}
                  <span>
                    <FormattedMessage id="search.pageOf" values={{ page, pages }} />
                  </span>
                  {page < pages ? (
                    <Link to="/search" search={{ ...params, page: page + 1 }} rel="next">
                      <FormattedMessage id="search.next" />
                    </Link>
                  ) : null}
                </nav>
              ) : null}
            </div>
          </div>
        </>
      ) : null}
    </div>
  );
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

export const searchRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/search',
  component: SearchPage,
  validateSearch: (s: Record<string, unknown>): SearchParams => {
    const year = Number(s.year);
    const page = Number(s.page);
    const q = typeof s.q === 'string' ? s.q : typeof s.q === 'number' ? String(s.q) : undefined;
    return {
      q: q?.trim() ? q.slice(0, 300) : undefined,
      type: searchItemTypes.includes(s.type as SearchItemType) ? (s.type as SearchItemType) : undefined,
      lang: str(s.lang),
      body: str(s.body),
      year: Number.isInteger(year) && year > 1900 ? year : undefined,
      page: Number.isInteger(page) && page > 1 ? page : undefined,
    };
  },
});
