import { useQuery } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { type Me, meQuery } from '../api/account.ts';
import {
  type ActionPlan,
  type Activity,
  type ActivityStatus,
  activityStatuses,
  actionPlanQuery,
  type ApprovalStep,
  approvalSteps,
  type Area,
  areaQuery,
  cbmApi,
  type CoordinatorRole,
  coordinatorRoles,
  dimensionsQuery,
  type Offer,
  offersQuery,
  type Term,
  textIn,
} from '../api/cbm.ts';
import { ChangeOutcome, SubmitRow, CbmNav, Day, Disclosure, Field, Period, PartyName, partyLabel, StatusBadge, Texts, useCbmChange } from '../components/cbm/cbm-bits.tsx';
import { DataTable } from '../components/list/data-table.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { PartyList, VersionChips } from './cbm.tsx';
import { rootRoute } from './root.tsx';

const today = () => new Date().toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Coordination

function Coordination({ area, me }: { area: Area; me: Me | null | undefined }) {
  const intl = useIntl();
  return (
    <section className="cbm-section" aria-labelledby="coordination-h">
      <h2 id="coordination-h">
        <FormattedMessage id="cbm.area.coordination" />
      </h2>
      {area.terms.length === 0 ? (
        <p>
          <FormattedMessage id="cbm.area.noTerms" />
        </p>
      ) : (
        <DataTable<Term>
          caption={intl.formatMessage({ id: 'cbm.area.coordination' })}
          columns={[
            { heading: 'cbm.term.party', cell: (t) => <PartyName party={t.party} /> },
            { heading: 'cbm.term.role', cell: (t) => <FormattedMessage id={`cbm.role.${t.role}`} /> },
            { heading: 'cbm.term.period', cell: (t) => <TermPeriod term={t} /> },
            {
              heading: 'cbm.term.inOffice',
              cell: (t) =>
                t.inOffice ? (
                  <strong>
                    <span aria-hidden="true">✓ </span>
                    <FormattedMessage id="cbm.term.yes" />
                  </strong>
                ) : (
                  <FormattedMessage id="cbm.term.no" />
                ),
            },
            { heading: 'cbm.term.decision', cell: (t) => <DecisionRef link={t} /> },
          ]}
          rows={area.terms}
          rowKey={(t) => t.id}
        />
      )}
      {area.can.recordTerms ? (
        <Disclosure label={<FormattedMessage id="cbm.termForm.heading" />}>
          <TermForm area={area} />
        </Disclosure>
      ) : null}
      {area.can.offer && !(me && area.coordinators.some((t) => t.party.code === me.party.code)) ? (
        <Disclosure label={<FormattedMessage id="cbm.offer.heading" />}>
          <OfferForm area={area} />
        </Disclosure>
      ) : null}
      {me && (me.party.kind === 'member-state' || me.party.kind === 'secretariat') ? <Offers area={area} /> : null}
    </section>
  );
}

/** The Secretariat records a term the SOC assigned (without an offer on record, e.g. from the SOC's list of coordinators). */
function TermForm({ area }: { area: Area }) {
  const intl = useIntl();
  const ids = useId();
  const change = useCbmChange();
  const [party, setParty] = useState('');
  const [role, setRole] = useState<CoordinatorRole>('coordinator');
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState('');
  const [decisionRef, setDecisionRef] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void change.run(() => cbmApi.createTerm({ area: area.code, party: party.trim().toUpperCase(), role, from: from || null, to: to || null, decisionRef: decisionRef.trim() || null }));
  };
  const field = (a: { id: string; describedBy: string | undefined; invalid: boolean }) => ({ id: a.id, 'aria-describedby': a.describedBy, 'aria-invalid': a.invalid || undefined });
  return (
    <form className="cbm-form cbm-form--panel" onSubmit={submit} noValidate aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>
        <FormattedMessage id="cbm.termForm.heading" />
      </h3>
      <div className="cbm-row">
        <Field label={<FormattedMessage id="cbm.term.party" />} name="party" problems={change.fields} idBase={ids} hint={<FormattedMessage id="cbm.activity.partyHint" />}>
          {(a) => <input {...field(a)} type="text" dir="ltr" autoComplete="off" value={party} onChange={(e) => setParty(e.target.value)} />}
        </Field>
        <Field label={<FormattedMessage id="cbm.term.role" />} name="role" problems={change.fields} idBase={ids}>
          {(a) => (
            <select {...field(a)} value={role} onChange={(e) => setRole(e.target.value as CoordinatorRole)}>
              {coordinatorRoles.map((r) => (
                <option key={r} value={r}>
                  {intl.formatMessage({ id: `cbm.role.${r}` })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={<FormattedMessage id="cbm.termForm.from" />} name="from" problems={change.fields} idBase={ids}>
          {(a) => <input {...field(a)} type="date" dir="ltr" value={from} onChange={(e) => setFrom(e.target.value)} />}
        </Field>
        <Field label={<FormattedMessage id="cbm.termForm.to" />} name="to" problems={change.fields} idBase={ids}>
          {(a) => <input {...field(a)} type="date" dir="ltr" value={to} onChange={(e) => setTo(e.target.value)} />}
        </Field>
      </div>
      <Field label={<FormattedMessage id="cbm.step.decisionRef" />} name="decisionRef" problems={change.fields} idBase={ids} hint={<FormattedMessage id="cbm.step.decisionRefHint" />}>
        {(a) => <input {...field(a)} type="text" dir="ltr" value={decisionRef} onChange={(e) => setDecisionRef(e.target.value)} />}
      </Field>
      <SubmitRow change={change} label="cbm.termForm.submit" />
    </form>
  );
}

/** Offers to coordinate the area: members read them; the Secretariat forwards them to the SOC and records its answer. */
function Offers({ area }: { area: Area }) {
  const intl = useIntl();
  const offers = useQuery(offersQuery({ area: area.code }));
  const [deciding, setDeciding] = useState<string | null>(null);
  const forward = useCbmChange();
  const current = offers.data?.items.find((o) => o.id === deciding && o.can.decide) ?? null;
  return (
    <section className="cbm-section" aria-labelledby="offers-h">
      <h3 id="offers-h">
        <FormattedMessage id="cbm.offers.heading" />
      </h3>
      {offers.isPending ? <Loading /> : null}
      {offers.isError ? <ProblemMessage error={offers.error} onRetry={() => void offers.refetch()} /> : null}
      {offers.data && offers.data.items.length === 0 ? (
        <p>
          <FormattedMessage id="cbm.offers.none" />
        </p>
      ) : null}
      {offers.data && offers.data.items.length ? (
        <DataTable<Offer>
          caption={intl.formatMessage({ id: 'cbm.offers.heading' })}
          columns={[
            { heading: 'cbm.term.party', cell: (o) => <PartyName party={o.party} /> },
            { heading: 'cbm.term.role', cell: (o) => <FormattedMessage id={`cbm.role.${o.role}`} /> },
            { heading: 'cbm.offers.offeredAt', cell: (o) => <time dateTime={o.offeredAt}>{intl.formatDate(o.offeredAt, { dateStyle: 'medium', timeZone: 'UTC' })}</time> },
            { heading: 'cbm.offers.stage', cell: (o) => <StatusBadge kind="offer" status={o.state} /> },
            { heading: 'cbm.plan.decision', cell: (o) => <DecisionRef link={o} /> },
            offers.data.items.some((o) => o.can.forward || o.can.decide) && {
              heading: 'cbm.activity.actions',
              cell: (o) =>
                o.can.forward ? (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    disabled={forward.busy}
                    aria-label={intl.formatMessage({ id: 'cbm.offers.forwardOf' }, { state: partyLabel(o.party, intl.locale) })}
                    onClick={() => void forward.run(() => cbmApi.forwardOffer(o.id, {}))}
                  >
                    <FormattedMessage id="cbm.offers.forward" />
                  </button>
                ) : o.can.decide ? (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-expanded={deciding === o.id}
                    aria-label={intl.formatMessage({ id: 'cbm.offers.decideOf' }, { state: partyLabel(o.party, intl.locale) })}
                    onClick={() => setDeciding(deciding === o.id ? null : o.id)}
                  >
                    <FormattedMessage id="cbm.offers.decide" />
                  </button>
                ) : null,
            },
          ]}
          rows={offers.data.items}
          rowKey={(o) => o.id}
        />
      ) : null}
      <ChangeOutcome change={forward} />
      {current ? <DecideForm key={current.id} offer={current} onDone={() => setDeciding(null)} /> : null}
    </section>
  );
}

function DecideForm({ offer, onDone }: { offer: Offer; onDone: () => void }) {
  const intl = useIntl();
  const ids = useId();
  const change = useCbmChange();
  const [outcome, setOutcome] = useState<'accepted' | 'declined'>('accepted');
  const [decisionRef, setDecisionRef] = useState('');
  const [from, setFrom] = useState(today());
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await change.run(() => cbmApi.decideOffer(offer.id, { outcome, decisionRef: decisionRef.trim() || null, from: outcome === 'accepted' ? from || null : null }));
    if (ok) onDone();
  };
  const field = (a: { id: string; describedBy: string | undefined; invalid: boolean }) => ({ id: a.id, 'aria-describedby': a.describedBy, 'aria-invalid': a.invalid || undefined });
  return (
    <form className="cbm-form cbm-form--panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${ids}-h`}>
      <h4 id={`${ids}-h`}>
        <FormattedMessage id="cbm.offers.decideHeading" values={{ state: partyLabel(offer.party, intl.locale) }} />
      </h4>
      <fieldset className="cbm-fieldset">
        <legend>
          <FormattedMessage id="cbm.offers.outcome" />
        </legend>
        {(['accepted', 'declined'] as const).map((o, i) => (
          <label key={o} className="cbm-check">
            <input ref={i === 0 ? first : undefined} type="radio" name={`${ids}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
            <FormattedMessage id={`cbm.offerStatus.${o}`} />
          </label>
        ))}
      </fieldset>
      <div className="cbm-row">
        <Field label={<FormattedMessage id="cbm.step.decisionRef" />} name="decisionRef" problems={change.fields} idBase={ids} hint={<FormattedMessage id="cbm.step.decisionRefHint" />}>
          {(a) => <input {...field(a)} type="text" dir="ltr" value={decisionRef} onChange={(e) => setDecisionRef(e.target.value)} />}
        </Field>
        {outcome === 'accepted' ? (
          <Field label={<FormattedMessage id="cbm.termForm.from" />} name="from" problems={change.fields} idBase={ids}>
            {(a) => <input {...field(a)} type="date" dir="ltr" value={from} onChange={(e) => setFrom(e.target.value)} />}
          </Field>
        ) : null}
      </div>
      <div className="cbm-row">
        <button type="submit" className="button" disabled={change.busy}>
          <FormattedMessage id="cbm.offers.decideSubmit" />
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          <FormattedMessage id="cbm.close" />
        </button>
      </div>
      <ChangeOutcome change={change} />
    </form>
  );
}

function TermPeriod({ term }: { term: Term }) {
  if (!term.from && !term.to) return <FormattedMessage id="cbm.term.open" />;
  if (!term.to)
    return (
      <FormattedMessage id="cbm.term.since" values={{ from: <Day key="f" value={term.from} /> }} />
    );
  return <Period from={term.from} to={term.to} />;
}

export function DecisionRef({ link }: { link: { decisionId: string | null; decisionRef: string | null } }) {
  if (link.decisionId)
    return (
      <Link to="/decisions/$id" params={{ id: link.decisionId }} dir="ltr">
        {link.decisionRef ?? <FormattedMessage id="cbm.decision.open" />}
      </Link>
    );
  if (link.decisionRef)
    return (
      <span dir="ltr" className="cbm-code">
        {link.decisionRef}
      </span>
    );
  return <>—</>;
}

function OfferForm({ area }: { area: Area }) {
  const intl = useIntl();
  const ids = useId();
  const change = useCbmChange();
  const [role, setRole] = useState<CoordinatorRole>('co-coordinator');
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void change.run(() => cbmApi.offer({ area: area.code, role, note: note.trim() || null }));
  };
  return (
    <form className="cbm-form" onSubmit={submit} noValidate aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>
        <FormattedMessage id="cbm.offer.heading" />
      </h3>
      <Field label={<FormattedMessage id="cbm.offer.role" />} name="role" problems={change.fields} idBase={ids}>
        {(a) => (
          <select id={a.id} aria-describedby={a.describedBy} aria-invalid={a.invalid || undefined} value={role} onChange={(e) => setRole(e.target.value as CoordinatorRole)}>
            {coordinatorRoles.map((r) => (
              <option key={r} value={r}>
                {intl.formatMessage({ id: `cbm.role.${r}` })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={<FormattedMessage id="cbm.offer.note" />} name="note" problems={change.fields} idBase={ids}>
        {(a) => <textarea id={a.id} aria-describedby={a.describedBy} aria-invalid={a.invalid || undefined} dir="auto" value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <SubmitRow change={change} label="cbm.offer.submit" />
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// The action plan

function ApprovalPath({ plan }: { plan: ActionPlan }) {
  return (
    <section className="cbm-section" aria-labelledby="approval-h">
      <h3 id="approval-h">
        <FormattedMessage id="cbm.plan.approvalPath" />
      </h3>
      <ol className="cbm-steps">
        {approvalSteps.map((step) => {
          const done = plan.steps.find((s) => s.step === step);
          return (
            <li key={step} className={done ? 'cbm-step cbm-step--done' : 'cbm-step'}>
              <span className="cbm-step__mark" aria-hidden="true">
                {done ? '✓' : '○'}
              </span>
              <div>
                <strong>
                  <FormattedMessage id={`cbm.step.${step}`} />
                </strong>
                <div className="cbm-meta">
                  {done ? (
                    <>
                      <FormattedMessage id="cbm.step.doneOn" values={{ day: <Day key="d" value={done.on} /> }} />
                      {done.decisionId || done.decisionRef ? (
                        <>
                          {' · '}
                          <FormattedMessage id="cbm.step.decision" values={{ decision: <DecisionRef key="r" link={done} /> }} />
                        </>
                      ) : null}
                      {done.note ? (
                        <>
                          {' · '}
                          <span dir="auto">{done.note}</span>
                        </>
                      ) : null}
                    </>
                  ) : (
                    <FormattedMessage id="cbm.step.pending" />
                  )}
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      {plan.can.recordStep || plan.can.approve ? <StepForm plan={plan} /> : null}
    </section>
  );
}

function StepForm({ plan }: { plan: ActionPlan }) {
  const ids = useId();
  const change = useCbmChange();
  const next: ApprovalStep | null = plan.status === 'draft' ? 'experts-meeting' : plan.status === 'experts-meeting' ? 'swg' : plan.status === 'swg' ? 'soc-approved' : null;
  const [on, setOn] = useState(today());
  const [decisionRef, setDecisionRef] = useState('');
  const [note, setNote] = useState('');
  if (!next) return null;
  if (next === 'soc-approved' && !plan.can.approve) return null;
  if (next !== 'soc-approved' && !plan.can.recordStep) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void change.run(() => cbmApi.recordStep(plan.id, { step: next, on, decisionRef: decisionRef.trim() || null, note: note.trim() || null }));
  };
  return (
    <form className="cbm-form" onSubmit={submit} noValidate aria-labelledby={`${ids}-h`}>
      <h4 id={`${ids}-h`}>
        <FormattedMessage id="cbm.step.record" values={{ step: <FormattedMessage key="s" id={`cbm.step.${next}`} /> }} />
      </h4>
      <div className="cbm-row">
        <Field label={<FormattedMessage id="cbm.step.on" />} name="on" problems={change.fields} idBase={ids}>
          {(a) => <input id={a.id} type="date" dir="ltr" aria-describedby={a.describedBy} aria-invalid={a.invalid || undefined} value={on} onChange={(e) => setOn(e.target.value)} />}
        </Field>
        {next === 'soc-approved' ? (
          <Field label={<FormattedMessage id="cbm.step.decisionRef" />} name="decisionRef" problems={change.fields} idBase={ids} hint={<FormattedMessage id="cbm.step.decisionRefHint" />}>
            {(a) => <input id={a.id} type="text" dir="ltr" aria-describedby={a.describedBy} aria-invalid={a.invalid || undefined} value={decisionRef} onChange={(e) => setDecisionRef(e.target.value)} />}
          </Field>
        ) : null}
      </div>
      <Field label={<FormattedMessage id="cbm.step.note" />} name="note" problems={change.fields} idBase={ids}>
        {(a) => <textarea id={a.id} dir="auto" aria-describedby={a.describedBy} aria-invalid={a.invalid || undefined} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <SubmitRow change={change} label="cbm.step.submit" />
    </form>
  );
}

function Percent({ value }: { value: number | null }) {
  const intl = useIntl();
  if (value === null) return <>—</>;
  return <>{intl.formatNumber(value / 100, { style: 'percent', maximumFractionDigits: 1 })}</>;
}

function Milestones({ activity }: { activity: Activity }) {
  if (activity.milestones.length === 0) return <>—</>;
  return (
    <ul className="cbm-milestones">
      {activity.milestones.map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: milestones have no id; their order is their identity
        <li key={i}>
          <span aria-hidden="true">{m.done ? '✓ ' : '○ '}</span>
          <span dir="auto">{m.title}</span>
          {m.due ? (
            <>
              {' '}
              (<Day value={m.due} />)
            </>
          ) : null}
          <span className="sr-only">
            {' '}
            <FormattedMessage id={m.done ? 'cbm.milestone.done' : 'cbm.milestone.open'} />
          </span>
        </li>
      ))}
    </ul>
  );
}

function ActivityEditor({ plan, activity, onClose }: { plan: ActionPlan; activity: Activity | null; onClose: () => void }) {
  const intl = useIntl();
  const ids = useId();
  const change = useCbmChange();
  const lang = intl.locale.split('-')[0];
  const [title, setTitle] = useState(activity ? textIn(activity.title, intl.locale).text : '');
  const [status, setStatus] = useState<ActivityStatus>(activity?.status ?? 'planned');
  const [percent, setPercent] = useState(String(activity?.percentDone ?? 0));
  const [lead, setLead] = useState(activity?.leadParty?.code ?? '');
  const [parties, setParties] = useState(activity?.parties.map((p) => p.code).join(', ') ?? '');
  const [from, setFrom] = useState(activity?.plannedFrom ?? '');
  const [to, setTo] = useState(activity?.plannedTo ?? '');
  const [results, setResults] = useState(activity?.results ? textIn(activity.results, intl.locale).text : '');
  const [milestones, setMilestones] = useState(activity?.milestones ?? []);
  const first = useRef<HTMLInputElement>(null);
  // Opened from a button in the table above: take the focus into the form.
  useEffect(() => first.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = percent.trim() === '' ? Number.NaN : Number(percent);
    const body = {
      title: { ...(activity?.title ?? {}), [lang]: title.trim() },
      status,
      percentDone: Number.isFinite(n) ? n : (percent as unknown as number),
      leadParty: lead.trim() || null,
      parties: parties
        .split(/[\s,;]+/)
        .map((p) => p.trim().toUpperCase())
        .filter(Boolean),
      plannedFrom: from || null,
      plannedTo: to || null,
      milestones,
      results: results.trim() ? { ...(activity?.results ?? {}), [lang]: results.trim() } : null,
    };
    const ok = await change.run(() => (activity ? cbmApi.updateActivity(activity.id, body) : cbmApi.createActivity(plan.id, body)));
    if (ok && !activity) onClose();
  };
  const field = (a: { id: string; describedBy: string | undefined; invalid: boolean }) => ({ id: a.id, 'aria-describedby': a.describedBy, 'aria-invalid': a.invalid || undefined });

  return (
    <form className="cbm-form cbm-form--panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${ids}-h`}>
      <h4 id={`${ids}-h`}>
        {activity ? <FormattedMessage id="cbm.activity.editHeading" values={{ title: textIn(activity.title, intl.locale).text }} /> : <FormattedMessage id="cbm.activity.addHeading" />}
      </h4>
      <Field label={<FormattedMessage id="cbm.activity.title" />} name="title" problems={change.fields} idBase={ids}>
        {(a) => <input {...field(a)} ref={first} type="text" dir="auto" value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <div className="cbm-row">
        <Field label={<FormattedMessage id="cbm.activity.status" />} name="status" problems={change.fields} idBase={ids}>
          {(a) => (
            <select {...field(a)} value={status} onChange={(e) => setStatus(e.target.value as ActivityStatus)}>
              {activityStatuses.map((s) => (
                <option key={s} value={s}>
                  {intl.formatMessage({ id: `cbm.activityStatus.${s}` })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={<FormattedMessage id="cbm.activity.percent" />} name="percentDone" problems={change.fields} idBase={ids} hint={<FormattedMessage id="cbm.activity.percentHint" />}>
          {(a) => <input {...field(a)} type="number" inputMode="numeric" dir="ltr" value={percent} onChange={(e) => setPercent(e.target.value)} />}
        </Field>
        <Field label={<FormattedMessage id="cbm.activity.lead" />} name="leadParty" problems={change.fields} idBase={ids} hint={<FormattedMessage id="cbm.activity.partyHint" />}>
          {(a) => <input {...field(a)} type="text" dir="ltr" value={lead} onChange={(e) => setLead(e.target.value)} />}
        </Field>
      </div>
      <Field label={<FormattedMessage id="cbm.activity.parties" />} name="parties" problems={change.fields} idBase={ids} hint={<FormattedMessage id="cbm.activity.partiesHint" />}>
        {(a) => <input {...field(a)} type="text" dir="ltr" value={parties} onChange={(e) => setParties(e.target.value)} />}
      </Field>
      <div className="cbm-row">
        <Field label={<FormattedMessage id="cbm.activity.from" />} name="plannedFrom" problems={change.fields} idBase={ids}>
          {(a) => <input {...field(a)} type="date" dir="ltr" value={from} onChange={(e) => setFrom(e.target.value)} />}
        </Field>
        <Field label={<FormattedMessage id="cbm.activity.to" />} name="plannedTo" problems={change.fields} idBase={ids}>
          {(a) => <input {...field(a)} type="date" dir="ltr" value={to} onChange={(e) => setTo(e.target.value)} />}
        </Field>
      </div>
      {milestones.length ? (
        <fieldset className="cbm-fieldset">
          <legend>
            <FormattedMessage id="cbm.activity.milestones" />
          </legend>
          {milestones.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: milestones have no id
            <label key={i} className="cbm-check">
              <input type="checkbox" checked={m.done} onChange={(e) => setMilestones(milestones.map((x, j) => (j === i ? { ...x, done: e.target.checked } : x)))} />
              <span dir="auto">{m.title}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <Field label={<FormattedMessage id="cbm.activity.results" />} name="results" problems={change.fields} idBase={ids}>
        {(a) => <textarea {...field(a)} dir="auto" value={results} onChange={(e) => setResults(e.target.value)} />}
      </Field>
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

function Activities({ plan }: { plan: ActionPlan }) {
  const intl = useIntl();
  const [editing, setEditing] = useState<string | null>(null);
  const canEdit = plan.can.edit;
  const current = plan.activities.find((a) => a.id === editing) ?? null;
  return (
    <section className="cbm-section" aria-labelledby="activities-h">
      <h3 id="activities-h">
        <FormattedMessage id="cbm.plan.activities" />
      </h3>
      {plan.activities.length === 0 ? (
        <p>
          <FormattedMessage id="cbm.plan.noActivities" />
        </p>
      ) : (
        <DataTable<Activity>
          caption={intl.formatMessage({ id: 'cbm.plan.activities' })}
          columns={[
            { heading: 'cbm.activity.title', cell: (a) => <Texts value={a.title} /> },
            { heading: 'cbm.activity.lead', cell: (a) => (a.leadParty ? <PartyName party={a.leadParty} /> : '—') },
            { heading: 'cbm.activity.parties', cell: (a) => (a.parties.length ? <PartyList parties={a.parties} /> : '—') },
            { heading: 'cbm.activity.period', cell: (a) => <Period from={a.plannedFrom} to={a.plannedTo} /> },
            { heading: 'cbm.activity.status', cell: (a) => <StatusBadge kind="activity" status={a.status} /> },
            { heading: 'cbm.activity.percent', cell: (a) => <Percent value={a.percentDone} /> },
            { heading: 'cbm.activity.milestones', cell: (a) => <Milestones activity={a} /> },
            { heading: 'cbm.activity.results', cell: (a) => (a.results ? <Texts value={a.results} /> : '—') },
            canEdit && {
              heading: 'cbm.activity.actions',
              cell: (a) => (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-expanded={editing === a.id}
                  aria-label={intl.formatMessage({ id: 'cbm.activity.edit' }, { title: textIn(a.title, intl.locale).text })}
                  onClick={() => setEditing(editing === a.id ? null : a.id)}
                >
                  <FormattedMessage id="cbm.edit" />
                </button>
              ),
            },
          ]}
          rows={plan.activities}
          rowKey={(a) => a.id}
        />
      )}
      {canEdit && editing && current ? <ActivityEditor key={current.id} plan={plan} activity={current} onClose={() => setEditing(null)} /> : null}
      {canEdit && editing === 'new' ? <ActivityEditor plan={plan} activity={null} onClose={() => setEditing(null)} /> : null}
      {canEdit && editing !== 'new' ? (
        <div>
          <button type="button" className="button button--secondary" onClick={() => setEditing('new')}>
            <FormattedMessage id="cbm.activity.add" />
          </button>
        </div>
      ) : null}
    </section>
  );
}

function PlanDetails({ plan }: { plan: ActionPlan }) {
  const intl = useIntl();
  const ids = useId();
  const change = useCbmChange();
  const lang = intl.locale.split('-')[0];
  const [title, setTitle] = useState(textIn(plan.title, intl.locale).text);
  const [from, setFrom] = useState(plan.periodFrom ?? '');
  const [to, setTo] = useState(plan.periodTo ?? '');
  const editable = plan.can.edit && plan.status !== 'soc-approved';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void change.run(() => cbmApi.updatePlan(plan.id, { title: { ...plan.title, [lang]: title.trim() }, periodFrom: from || null, periodTo: to || null }));
  };
  return (
    <>
      <dl className="cbm-facts">
        <div>
          <dt>
            <FormattedMessage id="cbm.plan.status" />
          </dt>
          <dd>
            <StatusBadge kind="plan" status={plan.status} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cbm.plan.period" />
          </dt>
          <dd>
            <Period from={plan.periodFrom} to={plan.periodTo} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cbm.plan.conceptPaper" />
          </dt>
          <dd>
            {plan.conceptPaper ? (
              <Link to="/documents/$id" params={{ id: plan.conceptPaper.id }}>
                <span dir="ltr">{plan.conceptPaper.symbol}</span> — <span dir="auto">{plan.conceptPaper.title}</span>
              </Link>
            ) : (
              <FormattedMessage id="cbm.plan.noConceptPaper" />
            )}
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cbm.plan.percentDone" />
          </dt>
          <dd>
            <Percent value={plan.averagePercent} />
          </dd>
        </div>
        {plan.decisionId || plan.decisionRef ? (
          <div>
            <dt>
              <FormattedMessage id="cbm.plan.decision" />
            </dt>
            <dd>
              <DecisionRef link={plan} />
            </dd>
          </div>
        ) : null}
      </dl>
      {editable ? (
        <Disclosure label={<FormattedMessage id="cbm.plan.edit" />}>
        <form className="cbm-form cbm-form--panel" onSubmit={submit} noValidate aria-labelledby={`${ids}-h`}>
          <h4 id={`${ids}-h`}>
            <FormattedMessage id="cbm.plan.edit" />
          </h4>
          <Field label={<FormattedMessage id="cbm.plan.title" />} name="title" problems={change.fields} idBase={ids}>
            {(a) => <input id={a.id} aria-describedby={a.describedBy} aria-invalid={a.invalid || undefined} type="text" dir="auto" value={title} onChange={(e) => setTitle(e.target.value)} />}
          </Field>
          <div className="cbm-row">
            <Field label={<FormattedMessage id="cbm.plan.from" />} name="periodFrom" problems={change.fields} idBase={ids}>
              {(a) => <input id={a.id} aria-describedby={a.describedBy} aria-invalid={a.invalid || undefined} type="date" dir="ltr" value={from} onChange={(e) => setFrom(e.target.value)} />}
            </Field>
            <Field label={<FormattedMessage id="cbm.plan.to" />} name="periodTo" problems={change.fields} idBase={ids}>
              {(a) => <input id={a.id} aria-describedby={a.describedBy} aria-invalid={a.invalid || undefined} type="date" dir="ltr" value={to} onChange={(e) => setTo(e.target.value)} />}
            </Field>
          </div>
          <SubmitRow change={change} label="cbm.save" />
        </form>
        </Disclosure>
      ) : null}
    </>
  );
}

function NewPlanForm({ area }: { area: Area }) {
  const intl = useIntl();
  const ids = useId();
  const change = useCbmChange();
  const [title, setTitle] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void change.run(() => cbmApi.createPlan({ area: area.code, title: { [intl.locale.split('-')[0]]: title.trim() }, periodFrom: from || null, periodTo: to || null }));
  };
  return (
    <form className="cbm-form cbm-form--panel" onSubmit={submit} noValidate aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>
        <FormattedMessage id="cbm.plan.create" />
      </h3>
      <Field label={<FormattedMessage id="cbm.plan.title" />} name="title" problems={change.fields} idBase={ids}>
        {(a) => <input id={a.id} aria-describedby={a.describedBy} aria-invalid={a.invalid || undefined} type="text" dir="auto" value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <div className="cbm-row">
        <Field label={<FormattedMessage id="cbm.plan.from" />} name="periodFrom" problems={change.fields} idBase={ids}>
          {(a) => <input id={a.id} aria-describedby={a.describedBy} aria-invalid={a.invalid || undefined} type="date" dir="ltr" value={from} onChange={(e) => setFrom(e.target.value)} />}
        </Field>
        <Field label={<FormattedMessage id="cbm.plan.to" />} name="periodTo" problems={change.fields} idBase={ids}>
          {(a) => <input id={a.id} aria-describedby={a.describedBy} aria-invalid={a.invalid || undefined} type="date" dir="ltr" value={to} onChange={(e) => setTo(e.target.value)} />}
        </Field>
      </div>
      <SubmitRow change={change} label="cbm.plan.createSubmit" />
    </form>
  );
}

function ActionPlanSection({ area, me }: { area: Area; me: Me | null | undefined }) {
  const plan = useQuery({ ...actionPlanQuery(area.actionPlan?.id ?? ''), enabled: Boolean(area.actionPlan && me) });
  return (
    <section className="cbm-section" aria-labelledby="plan-h">
      <h2 id="plan-h">
        <FormattedMessage id="cbm.plan.heading" />
      </h2>
      {!me ? (
        <p>
          <FormattedMessage id="cbm.plan.membersOnly" />
        </p>
      ) : !area.actionPlan ? (
        <>
          <p>
            <FormattedMessage id="cbm.plan.none" />
          </p>
          {area.can.editPlan ? <NewPlanForm area={area} /> : null}
        </>
      ) : plan.isPending ? (
        <Loading />
      ) : plan.isError ? (
        <ProblemMessage error={plan.error} onRetry={() => void plan.refetch()} />
      ) : (
        <>
          <p className="cbm-plan-title">
            <Texts value={plan.data.title} />
          </p>
          {plan.data.can.edit ? (
            <p className="cbm-note">
              <span aria-hidden="true">✎ </span>
              <FormattedMessage id="cbm.plan.youMayEdit" />
            </p>
          ) : null}
          <PlanDetails plan={plan.data} />
          <ApprovalPath plan={plan.data} />
          <Activities plan={plan.data} />
        </>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------

function AreaPage() {
  const intl = useIntl();
  const { area: key } = cbmAreaRoute.useParams();
  const me = useQuery(meQuery);
  const area = useQuery(areaQuery(key));
  const dimensions = useQuery(dimensionsQuery);
  const name = area.data ? textIn(area.data.names, intl.locale).text : '';
  useDocumentTitle(name || intl.formatMessage({ id: 'cbm.area.title' }));
  if (area.isPending)
    return (
      <div className="cbm">
        <h1>
          <FormattedMessage id="cbm.area.title" />
        </h1>
        <Loading />
      </div>
    );
  if (area.isError)
    return (
      <div className="cbm">
        <h1>
          <FormattedMessage id="cbm.area.title" />
        </h1>
        <ProblemMessage error={area.error} onRetry={() => void area.refetch()} />
      </div>
    );
  const a = area.data;
  const dimension = dimensions.data?.items.find((d) => d.code === a.dimensionCode);
  return (
    <div className="cbm">
      <p className="cbm-breadcrumb">
        <Link to="/cbm">
          <FormattedMessage id="cbm.catalogue.title" />
        </Link>
        {dimension ? (
          <>
            {' '}
            <span aria-hidden="true" className="flip-rtl">
              ›
            </span>{' '}
            <Texts value={dimension.names} />
          </>
        ) : null}
      </p>
      <h1>
        <Texts value={a.names} />{' '}
        <span className="cbm-code" dir="ltr">
          {a.code}
        </span>
      </h1>
      <CbmNav signedIn={Boolean(me.data)} />
      <dl className="cbm-facts">
        <div>
          <dt>
            <FormattedMessage id="cbm.area.coordinator" />
          </dt>
          <dd>
            {a.coordinators.some((t) => t.role === 'coordinator') ? (
              <PartyList parties={a.coordinators.filter((t) => t.role === 'coordinator').map((t) => t.party)} />
            ) : (
              <FormattedMessage id="cbm.area.noCoordinator" />
            )}
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cbm.area.coCoordinators" />
          </dt>
          <dd>{a.coordinators.some((t) => t.role === 'co-coordinator') ? <PartyList parties={a.coordinators.filter((t) => t.role === 'co-coordinator').map((t) => t.party)} /> : '—'}</dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cbm.measure.versions" />
          </dt>
          <dd>
            <VersionChips versions={a.versions} />
          </dd>
        </div>
      </dl>
      <ActionPlanSection area={a} me={me.data} />
      <Coordination area={a} me={me.data} />
      <section className="cbm-section" aria-labelledby="measures-h">
        <h2 id="measures-h">
          <FormattedMessage id="cbm.area.measures" />
        </h2>
        {a.measures.length === 0 ? (
          <p>
            <FormattedMessage id="cbm.catalogue.noMeasures" />
          </p>
        ) : (
          <ol className="cbm-measure-list">
            {[...a.measures]
              .sort((x, y) => x.code.localeCompare(y.code, 'en', { numeric: true }))
              .map((m) => (
                <li key={m.id}>
                  <span className="cbm-code" dir="ltr">
                    {m.code}
                  </span>{' '}
                  <strong>
                    <Texts value={m.title} />
                  </strong>{' '}
                  <VersionChips versions={m.versions} />
                  {Object.keys(m.text).length ? <Texts value={m.text} as="p" /> : null}
                </li>
              ))}
          </ol>
        )}
      </section>
      <p>
        <Link to="/cbm/plans/$year" params={{ year: String(new Date().getFullYear()) }} search={{ area: a.code }}>
          <FormattedMessage id="cbm.area.eventsLink" />
        </Link>
      </p>
    </div>
  );
}

export const cbmAreaRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cbm/areas/$area',
  component: AreaPage,
});
