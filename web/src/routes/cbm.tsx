import { useQuery } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { meQuery } from '../api/account.ts';
import { areasQuery, type CatalogueVersionCode, catalogueVersionCodes, catalogueVersionsQuery, dimensionsQuery, type Measure, measuresQuery, textIn } from '../api/cbm.ts';
import { CbmNav, partyLabel, Texts } from '../components/cbm/cbm-bits.tsx';
import { DataTable } from '../components/list/data-table.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { rootRoute } from './root.tsx';

/** The Catalogue of CBMs: dimensions → priority areas → numbered measures, in the 2004 or 2021 version. */
function CataloguePage() {
  const intl = useIntl();
  const { version } = cbmRoute.useSearch();
  const me = useQuery(meQuery);
  const versions = useQuery(catalogueVersionsQuery);
  const dimensions = useQuery(dimensionsQuery);
  const areas = useQuery(areasQuery({ version }));
  const measures = useQuery(measuresQuery({ version }));
  useDocumentTitle(intl.formatMessage({ id: 'cbm.catalogue.title' }));
  const failed = [dimensions, areas, measures].find((q) => q.isError);
  const chosen = versions.data?.items.find((v) => v.code === version);

  return (
    <div className="cbm">
      <h1>
        <FormattedMessage id="cbm.catalogue.title" />
      </h1>
      <CbmNav signedIn={Boolean(me.data)} />
      <p className="cbm-lead">
        <FormattedMessage id="cbm.catalogue.lead" />
      </p>
      <nav className="cbm-switch" aria-label={intl.formatMessage({ id: 'cbm.catalogue.versionSwitch' })}>
        <ul>
          <li>
            <Link to="/cbm" search={{}} aria-current={version ? undefined : 'page'}>
              <FormattedMessage id="cbm.catalogue.allVersions" />
            </Link>
          </li>
          {catalogueVersionCodes.map((code) => (
            <li key={code}>
              <Link to="/cbm" search={{ version: code }} aria-current={version === code ? 'page' : undefined}>
                <FormattedMessage id="cbm.catalogue.version" values={{ year: code }} />
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {versions.data ? (
        <p role="status">
          {chosen ? (
            <FormattedMessage id="cbm.catalogue.versionCount" values={{ year: chosen.code, count: chosen.measureCount }} />
          ) : (
            <FormattedMessage id="cbm.catalogue.allCount" values={{ count: measures.data?.items.length ?? 0 }} />
          )}
        </p>
      ) : null}
      {dimensions.isPending || areas.isPending || measures.isPending ? <Loading /> : null}
      {failed ? <ProblemMessage error={failed.error} onRetry={() => void failed.refetch()} /> : null}
      {dimensions.data && areas.data && measures.data
        ? [...dimensions.data.items]
            .sort((a, b) => a.position - b.position)
            .map((d) => {
              const dimAreas = areas.data.items.filter((a) => a.dimensionCode === d.code);
              const name = textIn(d.names, intl.locale);
              return (
                <section key={d.code} className="cbm-dimension" aria-labelledby={`dim-${d.code}`}>
                  <h2 id={`dim-${d.code}`}>
                    <span lang={name.lang !== intl.locale ? name.lang : undefined}>{name.text}</span>{' '}
                    <span className="cbm-code" dir="ltr">
                      {d.code}
                    </span>
                  </h2>
                  {dimAreas.length === 0 ? (
                    <p>
                      <FormattedMessage id="cbm.catalogue.noAreas" />
                    </p>
                  ) : null}
                  {dimAreas.map((a) => {
                    const areaMeasures = measures.data.items.filter((m) => m.areaCode === a.code).sort((x, y) => x.code.localeCompare(y.code, 'en', { numeric: true }));
                    const coordinators = a.coordinators.filter((t) => t.role === 'coordinator');
                    const co = a.coordinators.filter((t) => t.role === 'co-coordinator');
                    return (
                      <section key={a.code} className="cbm-area" aria-labelledby={`area-${a.code}`}>
                        <h3 id={`area-${a.code}`}>
                          <Link to="/cbm/areas/$area" params={{ area: a.code }}>
                            <Texts value={a.names} />
                          </Link>{' '}
                          <span className="cbm-code" dir="ltr">
                            {a.code}
                          </span>
                        </h3>
                        <p className="cbm-meta">
                          {coordinators.length ? (
                            <FormattedMessage id="cbm.area.coordinatorIs" values={{ parties: <PartyList key="p" parties={coordinators.map((t) => t.party)} /> }} />
                          ) : (
                            <FormattedMessage id="cbm.area.noCoordinator" />
                          )}
                          {co.length ? (
                            <>
                              {' · '}
                              <FormattedMessage id="cbm.area.coCoordinatorsAre" values={{ parties: <PartyList key="p" parties={co.map((t) => t.party)} /> }} />
                            </>
                          ) : null}
                        </p>
                        {areaMeasures.length ? (
                          <DataTable<Measure>
                            caption={<FormattedMessage id="cbm.catalogue.measuresOf" values={{ area: textIn(a.names, intl.locale).text }} />}
                            columns={[
                              { heading: 'cbm.measure.number', dir: 'ltr', cell: (m) => <span className="cbm-code">{m.code}</span> },
                              { heading: 'cbm.measure.title', cell: (m) => <Texts value={m.title} /> },
                              { heading: 'cbm.measure.versions', cell: (m) => <VersionChips versions={m.versions} /> },
                            ]}
                            rows={areaMeasures}
                            rowKey={(m) => m.id}
                            className="cbm-measures"
                          />
                        ) : (
                          <p className="cbm-meta">
                            <FormattedMessage id="cbm.catalogue.noMeasures" />
                          </p>
                        )}
                      </section>
                    );
                  })}
                </section>
              );
            })
        : null}
    </div>
  );
}

export function PartyList({ parties }: { parties: { code: string; names: Record<string, string> }[] }) {
  const intl = useIntl();
  return <>{intl.formatList(parties.map((p) => partyLabel(p, intl.locale)), { type: 'conjunction' })}</>;
}

export function VersionChips({ versions }: { versions: readonly CatalogueVersionCode[] }) {
  return (
    <span className="cbm-chips">
      {catalogueVersionCodes.map((v) =>
        versions.includes(v) ? (
          <span key={v} className="cbm-chip">
            <span aria-hidden="true">✓ </span>
            <FormattedMessage id="cbm.catalogue.version" values={{ year: v }} />
          </span>
        ) : (
          <span key={v} className="cbm-chip cbm-chip--absent">
            <span aria-hidden="true">– </span>
            <FormattedMessage id="cbm.catalogue.notInVersion" values={{ year: v }} />
          </span>
        ),
      )}
    </span>
  );
}

export const cbmRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cbm',
  component: CataloguePage,
  // `?version=2004` arrives as the number 2004 (the router parses search values as JSON).
  validateSearch: (s: Record<string, unknown>): { version?: CatalogueVersionCode } => {
    const version = String(s.version ?? '') as CatalogueVersionCode;
    return { version: catalogueVersionCodes.includes(version) ? version : undefined };
  },
});
