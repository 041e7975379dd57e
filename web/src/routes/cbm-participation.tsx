import { useQuery } from '@tanstack/react-query';
import { createRoute, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { type Me, meQuery } from '../api/account.ts';
import { areasQuery, cbmApi, type Declaration, dimensionsQuery, type Measure, measuresQuery, participationQuery, textIn } from '../api/cbm.ts';
import { ChangeOutcome, CbmNav, Day, Field, PartyName, Texts, useCbmChange } from '../components/cbm/cbm-bits.tsx';
import { DataTable } from '../components/list/data-table.tsx';
import { Loading, Notice, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { rootRoute } from './root.tsx';

const canDeclare = (me: Me) => me.party.kind === 'member-state' && (me.user.role === 'focal-point' || me.user.role === 'head-of-delegation');
const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code, 'en', { numeric: true });
/** Measures in Catalogue order: by dimension (its position), then area, then number. */
const catalogueOrder = (dimensionOrder: readonly string[]) => (a: Measure, b: Measure) =>
  dimensionOrder.indexOf(a.dimensionCode) - dimensionOrder.indexOf(b.dimensionCode) ||
  a.areaCode.localeCompare(b.areaCode, 'en', { numeric: true }) ||
  byCode(a, b);

function DeclarationEditor({ me, measure, current, onClose }: { me: Me; measure: Measure; current: Declaration | undefined; onClose: () => void }) {
  const intl = useIntl();
  const ids = useId();
  const change = useCbmChange();
  const [since, setSince] = useState(current?.since ?? new Date().toISOString().slice(0, 10));
  const [withdrawn, setWithdrawn] = useState(current?.withdrawn ?? '');
  const first = useRef<HTMLInputElement>(null);
  // The editor opens away from the button that opened it: take the focus there.
  useEffect(() => first.current?.focus(), []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void change.run(() => cbmApi.declare(me.party.code, measure.id, { since, withdrawn: withdrawn || null }));
  };
  return (
    <form className="cbm-form cbm-form--panel" onSubmit={submit} noValidate aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>
        <FormattedMessage id="cbm.participation.declareHeading" values={{ measure: `${measure.code} ${textIn(measure.title, intl.locale).text}` }} />
      </h3>
      <div className="cbm-row">
        <Field label={<FormattedMessage id="cbm.participation.since" />} name="since" problems={change.fields} idBase={ids}>
          {(a) => <input ref={first} id={a.id} aria-describedby={a.describedBy} aria-invalid={a.invalid || undefined} type="date" dir="ltr" value={since} onChange={(e) => setSince(e.target.value)} />}
        </Field>
        <Field label={<FormattedMessage id="cbm.participation.withdrawn" />} name="withdrawn" problems={change.fields} idBase={ids} hint={<FormattedMessage id="cbm.participation.withdrawnHint" />}>
          {(a) => <input id={a.id} aria-describedby={a.describedBy} aria-invalid={a.invalid || undefined} type="date" dir="ltr" value={withdrawn} onChange={(e) => setWithdrawn(e.target.value)} />}
        </Field>
      </div>
      <div className="cbm-row">
        <button type="submit" className="button" disabled={change.busy}>
          <FormattedMessage id="cbm.save" />
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          <FormattedMessage id="cbm.close" />
        </button>
      </div>
      <ChangeOutcome change={change} />
    </form>
  );
}

function MyDeclarations({ me }: { me: Me }) {
  const intl = useIntl();
  const measures = useQuery(measuresQuery({}));
  const mine = useQuery(participationQuery({ party: me.party.code }));
  const dimensions = useQuery(dimensionsQuery);
  const [editing, setEditing] = useState<string | null>(null);
  if (measures.isPending || mine.isPending) return <Loading />;
  if (measures.isError) return <ProblemMessage error={measures.error} />;
  if (mine.isError) return <ProblemMessage error={mine.error} />;
  const of = (m: Measure) => mine.data.items.find((d) => d.measureId === m.id);
  const order = [...(dimensions.data?.items ?? [])].sort((a, b) => a.position - b.position).map((d) => d.code);
  const rows = [...measures.data.items].sort(catalogueOrder(order));
  const current = rows.find((m) => m.id === editing);
  const count = mine.data.items.filter((d) => d.inForce).length;
  return (
    <section className="cbm-section" aria-labelledby="mine-h">
      <h2 id="mine-h">
        <FormattedMessage id="cbm.participation.mine" values={{ state: <PartyName key="s" party={me.party} /> }} />
      </h2>
      <p role="status">
        <FormattedMessage id="cbm.participation.mineCount" values={{ count }} />
      </p>
      {current ? <DeclarationEditor key={current.id} me={me} measure={current} current={of(current)} onClose={() => setEditing(null)} /> : null}
      <DataTable<Measure>
        caption={intl.formatMessage({ id: 'cbm.participation.mineCaption' })}
        columns={[
          { heading: 'cbm.measure.number', dir: 'ltr', cell: (m) => <span className="cbm-code">{m.code}</span> },
          { heading: 'cbm.measure.title', cell: (m) => <Texts value={m.title} /> },
          {
            heading: 'cbm.participation.state',
            cell: (m) => {
              const d = of(m);
              if (!d) return <FormattedMessage id="cbm.participation.notDeclared" />;
              if (!d.inForce && d.withdrawn)
                return <FormattedMessage id="cbm.participation.withdrawnOn" values={{ day: <Day key="d" value={d.withdrawn} /> }} />;
              return (
                <strong>
                  <span aria-hidden="true">✓ </span>
                  <FormattedMessage id="cbm.participation.takesPartSince" values={{ day: <Day key="d" value={d.since} /> }} />
                </strong>
              );
            },
          },
          {
            heading: 'cbm.activity.actions',
            cell: (m) => (
              <button type="button" className="button button--secondary button--small" aria-expanded={editing === m.id} onClick={() => setEditing(editing === m.id ? null : m.id)}>
                <FormattedMessage id={of(m) ? 'cbm.participation.change' : 'cbm.participation.declare'} values={{ measure: m.code }} />
              </button>
            ),
          },
        ]}
        rows={rows}
        rowKey={(m) => m.id}
      />
    </section>
  );
}

function WhoTakesPart({ me }: { me: Me }) {
  const intl = useIntl();
  const ids = useId();
  const navigate = useNavigate();
  const { area: chosen } = cbmParticipationRoute.useSearch();
  const areas = useQuery(areasQuery({}));
  const mineToCoordinate = (areas.data?.items ?? []).filter((a) => a.coordinators.some((t) => t.party.code === me.party.code));
  const area = chosen ?? mineToCoordinate[0]?.code ?? areas.data?.items[0]?.code;
  const measures = useQuery({ ...measuresQuery({ area }), enabled: Boolean(area) });
  const declarations = useQuery({ ...participationQuery({ area }), enabled: Boolean(area) });
  const rows = [...(measures.data?.items ?? [])].sort(byCode);
  return (
    <section className="cbm-section" aria-labelledby="who-h">
      <h2 id="who-h">
        <FormattedMessage id="cbm.participation.who" />
      </h2>
      {mineToCoordinate.length ? (
        <p>
          <FormattedMessage id="cbm.participation.youCoordinate" values={{ areas: intl.formatList(mineToCoordinate.map((a) => `${a.code} ${textIn(a.names, intl.locale).text}`)) }} />
        </p>
      ) : null}
      <form className="cbm-filters" onSubmit={(e) => e.preventDefault()} aria-label={intl.formatMessage({ id: 'cbm.filters' })}>
        <div className="cbm-field">
          <label htmlFor={`${ids}-area`}>
            <FormattedMessage id="cbm.filter.area" />
          </label>
          <select id={`${ids}-area`} value={area ?? ''} onChange={(e) => void navigate({ to: '/cbm/participation', search: { area: e.target.value || undefined } })}>
            {(areas.data?.items ?? []).map((a) => (
              <option key={a.code} value={a.code}>
                {a.code} — {textIn(a.names, intl.locale).text}
              </option>
            ))}
          </select>
        </div>
      </form>
      {measures.isPending || declarations.isPending ? <Loading /> : null}
      {declarations.isError ? <ProblemMessage error={declarations.error} /> : null}
      {measures.data && declarations.data ? (
        rows.length ? (
          <DataTable<Measure>
            caption={intl.formatMessage({ id: 'cbm.participation.who' })}
            columns={[
              { heading: 'cbm.measure.number', dir: 'ltr', cell: (m) => <span className="cbm-code">{m.code}</span> },
              { heading: 'cbm.measure.title', cell: (m) => <Texts value={m.title} /> },
              {
                heading: 'cbm.participation.parties',
                cell: (m) => {
                  const list = declarations.data.items.filter((d) => d.measureId === m.id && d.inForce).sort((a, b) => a.party.code.localeCompare(b.party.code));
                  if (!list.length) return <FormattedMessage id="cbm.participation.nobody" />;
                  return (
                    <ul className="cbm-list cbm-list--inline">
                      {list.map((d) => (
                        <li key={d.id}>
                          <PartyName party={d.party} />{' '}
                          <span className="cbm-meta">
                            (<FormattedMessage id="cbm.participation.sinceShort" values={{ day: <Day key="d" value={d.since} /> }} />)
                          </span>
                        </li>
                      ))}
                    </ul>
                  );
                },
              },
            ]}
            rows={rows}
            rowKey={(m) => m.id}
          />
        ) : (
          <p>
            <FormattedMessage id="cbm.catalogue.noMeasures" />
          </p>
        )
      ) : null}
    </section>
  );
}

function ParticipationPage() {
  const intl = useIntl();
  const me = useQuery(meQuery);
  useDocumentTitle(intl.formatMessage({ id: 'cbm.participation.title' }));
  return (
    <div className="cbm">
      <h1>
        <FormattedMessage id="cbm.participation.title" />
      </h1>
      <CbmNav signedIn={Boolean(me.data)} />
      <p className="cbm-lead">
        <FormattedMessage id="cbm.participation.lead" />
      </p>
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <Notice tone="info" title={<FormattedMessage id="cbm.participation.signIn" />}>
          <p>
            <Link to="/sign-in">
              <FormattedMessage id="cbm.signInLink" />
            </Link>
          </p>
        </Notice>
      ) : null}
      {me.data && canDeclare(me.data) ? <MyDeclarations me={me.data} /> : null}
      {me.data ? <WhoTakesPart me={me.data} /> : null}
    </div>
  );
}

export const cbmParticipationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cbm/participation',
  component: ParticipationPage,
  validateSearch: (s: Record<string, unknown>): { area?: string } => ({
    area: typeof s.area === 'string' && /^[A-Za-z]{1,8}\.[0-9]{1,3}$/.test(s.area) ? s.area : undefined,
  }),
});
