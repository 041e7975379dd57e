import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Me } from '../../api/account.ts';
import { type AccessLevel, type AnnualPlan, areasQuery, cbmApi, type EventDetail, type EventKind, type EventStatus, eventKinds, eventStatuses, textIn } from '../../api/cbm.ts';
import { fieldErrors, partiesQuery } from '../../api/registry.ts';
import { filled, TitleInputs } from '../meetings/meeting-bits.tsx';
import { ChangeOutcome, SubmitRow, Field, type FieldProblem, isSecretariat, partyLabel, useCbmChange } from './cbm-bits.tsx';

/**
 * The core facts of a CBM event — kind, title per language, priority area, host, dates, place or online
 * link, status and who may see it — as one set of fields, used to add an event to a year's plan and to
 * edit one. The choices of host and area follow what the API says the caller may do.
 */
export interface EventDraft {
  kind: EventKind | '';
  title: Record<string, string>;
  area: string;
  host: string;
  startsOn: string;
  endsOn: string;
  place: string;
  onlineUrl: string;
  status: EventStatus;
  access: AccessLevel;
  changeNote: string;
}

const emptyDraft = (host: string): EventDraft => ({
  kind: '',
  title: {},
  area: '',
  host,
  startsOn: '',
  endsOn: '',
  place: '',
  onlineUrl: '',
  status: 'planned',
  access: 'members',
  changeNote: '',
});

const draftOf = (e: EventDetail): EventDraft => ({
  kind: e.kind,
  title: { ...e.title },
  area: e.areaCode,
  host: e.host.code,
  startsOn: e.startsOn,
  endsOn: e.endsOn,
  place: e.place ?? '',
  onlineUrl: e.onlineUrl ?? '',
  status: e.status,
  access: e.access,
  changeNote: '',
});

type A = { id: string; describedBy: string | undefined; invalid: boolean };
const attrs = (a: A) => ({ id: a.id, 'aria-describedby': a.describedBy, 'aria-invalid': a.invalid || undefined });

/** Member-state codes with their names in the reader's language (names from the registry when it has them). */
function useHostLabels() {
  const intl = useIntl();
  const parties = useQuery(partiesQuery);
  const members = (parties.data?.parties ?? []).filter((p) => p.kind === 'member-state');
  const label = (code: string) => partyLabel({ code, names: members.find((p) => p.code === code)?.names as Record<string, string> | undefined }, intl.locale);
  return { memberCodes: members.map((p) => p.code), label };
}

function EventFields(props: {
  draft: EventDraft;
  set: (d: EventDraft) => void;
  problems: Record<string, FieldProblem>;
  titleErrors: Record<string, string>;
  idBase: string;
  hosts: string[];
  areas: string[];
  hostLabel: (code: string) => string;
  withChangeNote: boolean;
}) {
  const intl = useIntl();
  const { draft, set, problems, idBase: ids } = props;
  const areaList = useQuery(areasQuery({}));
  const areaName = (code: string) => {
    const a = areaList.data?.items.find((x) => x.code === code);
    return a ? `${code} — ${textIn(a.names, intl.locale).text}` : code;
  };
  const hosts = [...props.hosts].sort((a, b) => props.hostLabel(a).localeCompare(props.hostLabel(b), intl.locale));
  const choose = intl.formatMessage({ id: 'cbm.form.choose' });
  const up = (patch: Partial<EventDraft>) => set({ ...draft, ...patch });
  return (
    <>
      <div className="cbm-row">
        <Field label={<FormattedMessage id="cbm.event.kind" />} name="kind" problems={problems} idBase={ids}>
          {(a) => (
            <select {...attrs(a)} required value={draft.kind} onChange={(e) => up({ kind: e.target.value as EventKind })}>
              <option value="">{choose}</option>
              {eventKinds.map((k) => (
                <option key={k} value={k}>
                  {intl.formatMessage({ id: `cbm.eventKind.${k}` })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={<FormattedMessage id="cbm.event.status" />} name="status" problems={problems} idBase={ids}>
          {(a) => (
            <select {...attrs(a)} value={draft.status} onChange={(e) => up({ status: e.target.value as EventStatus })}>
              {eventStatuses.map((s) => (
                <option key={s} value={s}>
                  {intl.formatMessage({ id: `cbm.eventStatus.${s}` })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={<FormattedMessage id="cbm.event.access" />} name="access" problems={problems} idBase={ids}>
          {(a) => (
            <select {...attrs(a)} value={draft.access} onChange={(e) => up({ access: e.target.value as AccessLevel })}>
              <option value="members">{intl.formatMessage({ id: 'cbm.access.members' })}</option>
              <option value="public">{intl.formatMessage({ id: 'cbm.access.public' })}</option>
            </select>
          )}
        </Field>
      </div>
      <TitleInputs legend={<FormattedMessage id="cbm.event.titleLegend" />} prefix="title" values={draft.title} onChange={(title) => up({ title })} errors={props.titleErrors} />
      <div className="cbm-row">
        <Field label={<FormattedMessage id="cbm.event.area" />} name="area" problems={problems} idBase={ids}>
          {(a) => (
            <select {...attrs(a)} required value={draft.area} onChange={(e) => up({ area: e.target.value })}>
              <option value="">{choose}</option>
              {props.areas.map((code) => (
                <option key={code} value={code}>
                  {areaName(code)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={<FormattedMessage id="cbm.event.host" />} name="host" problems={problems} idBase={ids}>
          {(a) => (
            <select {...attrs(a)} required value={draft.host} onChange={(e) => up({ host: e.target.value })}>
              {hosts.length > 1 ? <option value="">{choose}</option> : null}
              {hosts.map((code) => (
                <option key={code} value={code}>
                  {props.hostLabel(code)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="cbm-row">
        <Field label={<FormattedMessage id="cbm.event.startsOn" />} name="startsOn" problems={problems} idBase={ids}>
          {(a) => <input {...attrs(a)} type="date" dir="ltr" required value={draft.startsOn} onChange={(e) => up({ startsOn: e.target.value })} />}
        </Field>
        <Field label={<FormattedMessage id="cbm.event.endsOn" />} name="endsOn" problems={problems} idBase={ids}>
          {(a) => <input {...attrs(a)} type="date" dir="ltr" required value={draft.endsOn} onChange={(e) => up({ endsOn: e.target.value })} />}
        </Field>
      </div>
      <p className="cbm-field__hint" id={`${ids}-where`}>
        <FormattedMessage id="cbm.event.whereHint" />
      </p>
      <div className="cbm-row">
        <Field label={<FormattedMessage id="cbm.event.place" />} name="place" problems={problems} idBase={ids}>
          {(a) => <input {...attrs(a)} aria-describedby={[`${ids}-where`, a.describedBy].filter(Boolean).join(' ')} type="text" dir="auto" value={draft.place} onChange={(e) => up({ place: e.target.value })} />}
        </Field>
        <Field label={<FormattedMessage id="cbm.event.onlineUrl" />} name="onlineUrl" problems={problems} idBase={ids}>
          {(a) => <input {...attrs(a)} aria-describedby={[`${ids}-where`, a.describedBy].filter(Boolean).join(' ')} type="url" dir="ltr" value={draft.onlineUrl} onChange={(e) => up({ onlineUrl: e.target.value })} />}
        </Field>
      </div>
      {props.withChangeNote ? (
        <Field label={<FormattedMessage id="cbm.event.changeNote" />} name="changeNote" problems={problems} idBase={ids} hint={<FormattedMessage id="cbm.event.changeNoteHint" />}>
          {(a) => <textarea {...attrs(a)} dir="auto" value={draft.changeNote} onChange={(e) => up({ changeNote: e.target.value })} />}
        </Field>
      ) : null}
    </>
  );
}

/** What the form sends: empty texts as null (place, link, note), the title in the languages filled in. */
const bodyOf = (d: EventDraft) => ({
  kind: d.kind as EventKind,
  title: filled(d.title),
  area: d.area,
  host: d.host,
  startsOn: d.startsOn,
  endsOn: d.endsOn,
  place: d.place.trim() || null,
  onlineUrl: d.onlineUrl.trim() || null,
  status: d.status,
  access: d.access,
  changeNote: d.changeNote.trim() || null,
});

/** Empty choices are named at their field before anything is sent; a day outside the plan's year too. */
function localProblems(d: EventDraft, year: number | null): Record<string, FieldProblem> {
  const out: Record<string, FieldProblem> = {};
  const required = { id: 'cbm.field.required', text: '' } as const;
  if (!d.kind) out.kind = required;
  if (!d.area) out.area = required;
  if (!d.host) out.host = required;
  if (year !== null && /^\d{4}-/.test(d.startsOn) && Number(d.startsOn.slice(0, 4)) !== year) out.startsOn = { id: 'cbm.field.sameYear', text: '' };
  return out;
}

/**
 * Add an event to the year's plan. Offered when the plan's `can.edit` says so; hosts and areas are those the
 * API names (`can.eventHosts`: any area; `can.eventAreas`: any member state as host).
 */
export function AddEventForm({ plan }: { plan: AnnualPlan }) {
  const intl = useIntl();
  const ids = useId();
  const change = useCbmChange();
  const { memberCodes, label } = useHostLabels();
  const ownHost = plan.can.eventHosts.length === 1 && plan.can.eventAreas.length === 0 ? (plan.can.eventHosts[0] ?? '') : '';
  const [draft, setDraft] = useState<EventDraft>(() => emptyDraft(ownHost));
  const [local, setLocal] = useState<Record<string, FieldProblem>>({});
  const [added, setAdded] = useState<EventDetail | null>(null);
  const allAreas = (useQuery(areasQuery({})).data?.items ?? []).map((a) => a.code);
  // Any member state may host in the areas one coordinates; in the others, only the hosts one speaks for.
  const hosts = plan.can.eventAreas.length ? [...new Set([...plan.can.eventHosts, ...memberCodes])] : plan.can.eventHosts;
  const areas = plan.can.eventHosts.includes(draft.host) ? allAreas : plan.can.eventAreas;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAdded(null);
    const found = localProblems(draft, plan.year);
    setLocal(found);
    if (Object.keys(found).length) {
      change.reset();
      return;
    }
    let made: EventDetail | null = null;
    const ok = await change.run(async () => {
      made = await cbmApi.createEvent(bodyOf(draft));
    });
    if (ok && made) {
      setAdded(made);
      setDraft(emptyDraft(ownHost));
    }
  };
  return (
    <form className="cbm-form cbm-form--panel" onSubmit={submit} noValidate aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>
        <FormattedMessage id="cbm.annual.addEvent" />
      </h3>
      {plan.status === 'approved' ? (
        <p className="cbm-note">
          <FormattedMessage id="cbm.annual.addAfterApproval" />
        </p>
      ) : null}
      <EventFields
        draft={draft}
        set={setDraft}
        problems={{ ...change.fields, ...local }}
        titleErrors={fieldErrors(change.error)}
        idBase={ids}
        hosts={hosts}
        areas={areas}
        hostLabel={label}
        withChangeNote={plan.status === 'approved'}
      />
      <div>
        <button type="submit" className="button" disabled={change.busy}>
          <FormattedMessage id="cbm.annual.addEventSubmit" />
        </button>
      </div>
      {Object.keys(local).length ? (
        <p className="cbm-field__error" role="alert">
          <span aria-hidden="true">! </span>
          {intl.formatMessage({ id: 'cbm.error.fields' })}
        </p>
      ) : (
        <ChangeOutcome change={change} />
      )}
      {added ? (
        <p>
          <Link to="/cbm/events/$id" params={{ id: added.id }}>
            <span dir="auto">{textIn(added.title, intl.locale).text}</span>
          </Link>
        </p>
      ) : null}
    </form>
  );
}

/**
 * Edit an event's core facts (its host's focal point or head, or the Secretariat). Only the Secretariat may
 * hand an event to another host, so others see their own state as the only host.
 */
export function EditEventForm({ event, me }: { event: EventDetail; me: Me | null | undefined }) {
  const ids = useId();
  const change = useCbmChange();
  const { memberCodes, label } = useHostLabels();
  const [draft, setDraft] = useState<EventDraft>(() => draftOf(event));
  const [local, setLocal] = useState<Record<string, FieldProblem>>({});
  const allAreas = (useQuery(areasQuery({})).data?.items ?? []).map((a) => a.code);
  const hosts = isSecretariat(me) ? [...new Set([event.host.code, ...memberCodes])] : [event.host.code];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = localProblems(draft, null);
    setLocal(found);
    if (Object.keys(found).length) return;
    void change.run(() => cbmApi.updateEvent(event.id, bodyOf(draft)));
  };
  return (
    <form className="cbm-form cbm-form--panel" onSubmit={submit} noValidate aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>
        <FormattedMessage id="cbm.event.edit" />
      </h3>
      <EventFields
        draft={draft}
        set={setDraft}
        problems={{ ...change.fields, ...local }}
        titleErrors={fieldErrors(change.error)}
        idBase={ids}
        hosts={hosts}
        areas={allAreas.length ? allAreas : [event.areaCode]}
        hostLabel={label}
        withChangeNote
      />
      <SubmitRow change={change} label="cbm.save" />
    </form>
  );
}
