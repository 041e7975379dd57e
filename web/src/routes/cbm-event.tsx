import { useQuery } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { meQuery } from '../api/account.ts';
import { documentListQuery } from '../api/documents.ts';
import { cbmApi, type EventDetail, eventQuery, textIn } from '../api/cbm.ts';
import { ChangeOutcome, SubmitRow, CbmNav, DemoLabel, Disclosure, Field, PartyName, partyLabel, Period, StatusBadge, Texts, useCbmChange } from '../components/cbm/cbm-bits.tsx';
import { EditEventForm } from '../components/cbm/event-form.tsx';
import { DataTable } from '../components/list/data-table.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { rootRoute } from './root.tsx';

type Props = { id: string; describedBy: string | undefined; invalid: boolean };
const attrs = (a: Props) => ({ id: a.id, 'aria-describedby': a.describedBy, 'aria-invalid': a.invalid || undefined });

function EditParticipants({ event }: { event: EventDetail }) {
  const ids = useId();
  const change = useCbmChange();
  const [parties, setParties] = useState(event.participants.map((p) => p.party.code).join(', '));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const list = parties
      .split(/[\s,;]+/)
      .map((p) => p.trim().toUpperCase())
      .filter(Boolean);
    void change.run(() => cbmApi.setParticipants(event.id, list));
  };
  return (
    <form className="cbm-form cbm-form--panel" onSubmit={submit} noValidate aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>
        <FormattedMessage id="cbm.event.editParticipants" />
      </h3>
      <Field label={<FormattedMessage id="cbm.activity.parties" />} name="parties" problems={change.fields} idBase={ids} hint={<FormattedMessage id="cbm.activity.partiesHint" />}>
        {(a) => <input {...attrs(a)} type="text" dir="ltr" value={parties} onChange={(e) => setParties(e.target.value)} />}
      </Field>
      <SubmitRow change={change} label="cbm.save" />
    </form>
  );
}

function EditReport({ event }: { event: EventDetail }) {
  const intl = useIntl();
  const ids = useId();
  const change = useCbmChange();
  const lang = intl.locale.split('-')[0];
  const [results, setResults] = useState(event.report ? textIn(event.report.results, intl.locale).text : '');
  const parties = event.participants.map((p) => p.party);
  const [counts, setCounts] = useState<Record<string, string>>(() => {
    const out: Record<string, string> = {};
    for (const p of parties) out[p.code] = String(event.report?.participants.find((x) => x.party.code === p.code)?.count ?? '');
    return out;
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const participants = Object.entries(counts)
      .filter(([, v]) => v.trim() !== '')
      .map(([party, v]) => ({ party, count: Number.isFinite(Number(v)) ? Number(v) : (v as unknown as number) }));
    void change.run(() => cbmApi.writeReport(event.id, { results: { ...(event.report?.results ?? {}), [lang]: results.trim() }, participants }));
  };
  return (
    <form className="cbm-form cbm-form--panel" onSubmit={submit} noValidate aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>
        <FormattedMessage id={event.report ? 'cbm.report.edit' : 'cbm.report.write'} />
      </h3>
      <Field label={<FormattedMessage id="cbm.report.results" />} name="results" problems={change.fields} idBase={ids}>
        {(a) => <textarea {...attrs(a)} dir="auto" value={results} onChange={(e) => setResults(e.target.value)} />}
      </Field>
      <fieldset className="cbm-fieldset">
        <legend>
          <FormattedMessage id="cbm.report.numbers" />
        </legend>
        <div className="cbm-row">
          {parties.map((p, i) => (
            <Field key={p.code} label={partyLabel(p, intl.locale)} name={`participants.${i}.count`} problems={change.fields} idBase={ids}>
              {(a) => <input {...attrs(a)} type="number" inputMode="numeric" dir="ltr" value={counts[p.code] ?? ''} onChange={(e) => setCounts({ ...counts, [p.code]: e.target.value })} />}
            </Field>
          ))}
        </div>
      </fieldset>
      <SubmitRow change={change} label="cbm.report.submit" />
    </form>
  );
}

function DetachButton({ eventId, document }: { eventId: string; document: { id: string; symbol: string } }) {
  const intl = useIntl();
  const change = useCbmChange();
  return (
    <>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={change.busy}
        aria-label={intl.formatMessage({ id: 'cbm.eventDocs.detachOne' }, { symbol: document.symbol })}
        onClick={() => void change.run(() => cbmApi.detachDocument(eventId, document.id))}
      >
        <FormattedMessage id="cbm.eventDocs.detach" />
      </button>
      {change.error ? <ChangeOutcome change={change} /> : null}
    </>
  );
}

/** Pick a document by its symbol (the documents list searches symbols and titles) and attach it. */
function AttachDocument({ event }: { event: EventDetail }) {
  const intl = useIntl();
  const ids = useId();
  const change = useCbmChange();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  // Ask the documents list once the person pauses typing.
  useEffect(() => {
    const t = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(t);
  }, [typed]);
  const found = useQuery({ ...documentListQuery({ q, sort: 'symbol' }), enabled: q.length >= 2 });
  const attached = new Set(event.documents.map((d) => d.id));
  const candidates = (found.data?.items ?? []).filter((d) => !attached.has(d.id)).slice(0, 10);
  return (
    <section className="cbm-form cbm-form--panel" aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>
        <FormattedMessage id="cbm.eventDocs.attach" />
      </h3>
      <div className="cbm-field">
        <label htmlFor={`${ids}-q`}>
          <FormattedMessage id="cbm.eventDocs.symbol" />
        </label>
        <p className="cbm-field__hint" id={`${ids}-hint`}>
          <FormattedMessage id="cbm.eventDocs.symbolHint" />
        </p>
        <input id={`${ids}-q`} type="search" dir="ltr" autoComplete="off" aria-describedby={`${ids}-hint`} value={typed} onChange={(e) => setTyped(e.target.value)} />
      </div>
      {q.length >= 2 ? (
        found.isPending ? (
          <Loading />
        ) : found.isError ? (
          <ProblemMessage error={found.error} />
        ) : (
          <>
            <p role="status" className="cbm-meta">
              <FormattedMessage id="cbm.eventDocs.found" values={{ count: candidates.length }} />
            </p>
            {candidates.length ? (
              <ul className="cbm-list cbm-doc-picks" aria-label={intl.formatMessage({ id: 'cbm.eventDocs.results' })}>
                {candidates.map((d) => (
                  <li key={d.id}>
                    <span dir="ltr" className="cbm-code">
                      {d.symbol}
                    </span>{' '}
                    — <span dir="auto">{d.title}</span>{' '}
                    <button
                      type="button"
                      className="button button--small"
                      disabled={change.busy}
                      aria-label={intl.formatMessage({ id: 'cbm.eventDocs.attachOne' }, { symbol: d.symbol })}
                      onClick={async () => {
                        if (await change.run(() => cbmApi.attachDocument(event.id, d.id))) setTyped('');
                      }}
                    >
                      <FormattedMessage id="cbm.eventDocs.attachButton" />
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        )
      ) : null}
      <ChangeOutcome change={change} />
    </section>
  );
}

function EventPage() {
  const intl = useIntl();
  const { id } = cbmEventRoute.useParams();
  const me = useQuery(meQuery);
  const event = useQuery(eventQuery(id));
  useDocumentTitle(event.data ? textIn(event.data.title, intl.locale).text : intl.formatMessage({ id: 'cbm.event.pageTitle' }));
  if (!event.data)
    return (
      <div className="cbm">
        <h1>
          <FormattedMessage id="cbm.event.pageTitle" />
        </h1>
        {event.isError ? <ProblemMessage error={event.error} onRetry={() => void event.refetch()} /> : <Loading />}
      </div>
    );
  const e = event.data;
  return (
    <div className="cbm">
      <p className="cbm-breadcrumb">
        <Link to="/cbm/plans/$year" params={{ year: String(e.year) }}>
          <FormattedMessage id="cbm.annual.title" values={{ year: e.year }} />
        </Link>
      </p>
      <h1>
        <Texts value={e.title} />
        {e.isDemo ? (
          <>
            {' '}
            <DemoLabel label={e.label} />
          </>
        ) : null}
      </h1>
      <CbmNav signedIn={Boolean(me.data)} />
      {e.isDemo ? (
        <p className="cbm-note cbm-note--demo">
          <span aria-hidden="true">⚠ </span>
          <FormattedMessage id="cbm.demoNote" />
        </p>
      ) : null}
      <dl className="cbm-facts">
        <div>
          <dt>
            <FormattedMessage id="cbm.event.kind" />
          </dt>
          <dd>
            <FormattedMessage id={`cbm.eventKind.${e.kind}`} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cbm.event.dates" />
          </dt>
          <dd>
            <Period from={e.startsOn} to={e.endsOn} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cbm.event.host" />
          </dt>
          <dd>
            <PartyName party={e.host} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cbm.event.area" />
          </dt>
          <dd>
            <Link to="/cbm/areas/$area" params={{ area: e.areaCode }} dir="ltr">
              {e.areaCode}
            </Link>
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cbm.event.place" />
          </dt>
          <dd>
            {e.place ? <span dir="auto">{e.place}</span> : null}
            {e.place && e.onlineUrl ? ' · ' : null}
            {e.onlineUrl ? (
              <a href={e.onlineUrl} rel="noopener noreferrer" dir="ltr">
                <FormattedMessage id="cbm.event.onlineLink" />
              </a>
            ) : null}
            {!e.place && !e.onlineUrl ? '—' : null}
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cbm.event.status" />
          </dt>
          <dd>
            <StatusBadge kind="event" status={e.status} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cbm.event.access" />
          </dt>
          <dd>
            <FormattedMessage id={`cbm.access.${e.access}`} />
          </dd>
        </div>
      </dl>
      {e.can.edit ? (
        <p className="cbm-note">
          <span aria-hidden="true">✎ </span>
          <FormattedMessage id="cbm.event.youMayEdit" />
        </p>
      ) : null}
      {e.can.edit ? (
        <Disclosure label={<FormattedMessage id="cbm.event.edit" />}>
          <EditEventForm event={e} me={me.data} />
        </Disclosure>
      ) : null}

      <section className="cbm-section" aria-labelledby="participants-h">
        <h2 id="participants-h">
          <FormattedMessage id="cbm.event.participants" />
        </h2>
        {e.participants.length ? (
          <ul className="cbm-list">
            {e.participants.map((p) => (
              <li key={p.party.code}>
                <PartyName party={p.party} />
                {p.role === 'host' ? (
                  <>
                    {' '}
                    (<FormattedMessage id="cbm.event.hostRole" />)
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>
            <FormattedMessage id="cbm.event.noParticipants" />
          </p>
        )}
        {e.can.edit ? (
          <Disclosure label={<FormattedMessage id="cbm.event.editParticipants" />}>
            <EditParticipants event={e} />
          </Disclosure>
        ) : null}
      </section>

      <section className="cbm-section" aria-labelledby="documents-h">
        <h2 id="documents-h">
          <FormattedMessage id="cbm.event.documents" />
        </h2>
        {e.documents.length ? (
          <ul className="cbm-list">
            {e.documents.map((d) => (
              <li key={d.id}>
                <Link to="/documents/$id" params={{ id: d.id }}>
                  <span dir="ltr">{d.symbol}</span>
                </Link>{' '}
                — <span dir="auto">{d.title}</span>
                {e.can.edit ? (
                  <>
                    {' '}
                    <DetachButton eventId={e.id} document={d} />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>
            <FormattedMessage id="cbm.event.noDocuments" />
          </p>
        )}
        {e.can.edit ? (
          <Disclosure label={<FormattedMessage id="cbm.eventDocs.attach" />}>
            <AttachDocument event={e} />
          </Disclosure>
        ) : null}
      </section>

      <section className="cbm-section" aria-labelledby="report-h">
        <h2 id="report-h">
          <FormattedMessage id="cbm.report.heading" />
        </h2>
        {e.report ? (
          <>
            <Texts value={e.report.results} as="p" />
            <DataTable<{ party: { code: string; names: Record<string, string> }; count: number }>
              caption={intl.formatMessage({ id: 'cbm.report.numbers' })}
              showCaption
              columns={[
                { heading: 'cbm.report.party', cell: (r) => <PartyName party={r.party} /> },
                { heading: 'cbm.report.count', cell: (r) => intl.formatNumber(r.count) },
              ]}
              rows={e.report.participants}
              rowKey={(r) => r.party.code}
            />
            <p>
              <strong>
                <FormattedMessage id="cbm.report.total" values={{ count: e.report.totalParticipants }} />
              </strong>
            </p>
          </>
        ) : (
          <p>
            <FormattedMessage id="cbm.report.none" />
          </p>
        )}
        {e.can.edit ? (
          <Disclosure label={<FormattedMessage id={e.report ? 'cbm.report.edit' : 'cbm.report.write'} />}>
            <EditReport key={e.participants.map((p) => p.party.code).join()} event={e} />
          </Disclosure>
        ) : null}
      </section>
    </div>
  );
}

export const cbmEventRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cbm/events/$id',
  component: EventPage,
});
