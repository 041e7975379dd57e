import { useQueryClient } from '@tanstack/react-query';
import { Link, useRouterState } from '@tanstack/react-router';
import { type ReactNode, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Me } from '../../api/account.ts';
import { type ActivityStatus, type CbmPartyRef, cbmKey, type EventStatus, type OfferState, type PlanStatus, type ReportStatus, textIn } from '../../api/cbm.ts';
import { isApiError } from '../../api/client.ts';
import { intlDataLocale, regionName } from '../../i18n/display-names.ts';
import type { MessageId } from '../../i18n/messages.ts';
import './cbm.css';

/** The CBM section's own navigation, shown on every CBM page under its heading. */
export function CbmNav({ signedIn }: { signedIn: boolean }) {
  const intl = useIntl();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const year = new Date().getFullYear();
  // Which entry the page belongs to: an area is part of the catalogue, an event part of a year's plan.
  const section =
    pathname.startsWith('/cbm/plans') || pathname.startsWith('/cbm/events')
      ? 'plan'
      : pathname.startsWith('/cbm/participation')
        ? 'participation'
        : pathname.startsWith('/cbm/reports')
          ? 'reports'
          : pathname.startsWith('/cbm/dashboard')
            ? 'dashboard'
            : 'catalogue';
  const current = (s: string) => (section === s ? ('page' as const) : undefined);
  return (
    <nav className="cbm-nav" aria-label={intl.formatMessage({ id: 'cbm.nav.label' })}>
      <ul>
        <li>
          <Link to="/cbm" activeOptions={{ exact: true, includeSearch: false }} aria-current={current('catalogue')}>
            <FormattedMessage id="cbm.nav.catalogue" />
          </Link>
        </li>
        <li>
          <Link to="/cbm/plans/$year" params={{ year: String(year) }} activeOptions={{ exact: true, includeSearch: false }} aria-current={current('plan')}>
            <FormattedMessage id="cbm.nav.plan" />
          </Link>
        </li>
        {signedIn ? (
          <li>
            <Link to="/cbm/participation" activeOptions={{ exact: true, includeSearch: false }} aria-current={current('participation')}>
              <FormattedMessage id="cbm.nav.participation" />
            </Link>
          </li>
        ) : null}
        {signedIn ? (
          <li>
            <Link to="/cbm/reports" search={{}} activeOptions={{ exact: true, includeSearch: false }} aria-current={current('reports')}>
              <FormattedMessage id="cbm.nav.reports" />
            </Link>
          </li>
        ) : null}
        <li>
          <Link to="/cbm/dashboard" activeOptions={{ exact: true, includeSearch: false }} aria-current={current('dashboard')}>
            <FormattedMessage id="cbm.nav.dashboard" />
          </Link>
        </li>
      </ul>
    </nav>
  );
}

/** Localized text from the API, marked with the language it is actually in. */
export function Texts({ value, as = 'span' }: { value: Record<string, string> | null | undefined; as?: 'span' | 'p' | 'div' }) {
  const intl = useIntl();
  const t = textIn(value, intl.locale);
  const Tag = as;
  return (
    <Tag lang={t.lang && t.lang !== intl.locale ? t.lang : undefined} dir="auto">
      {t.text}
    </Tag>
  );
}

/** A party's name: from the API's names in the reader's language, else the country name Intl knows. */
export function partyLabel(party: CbmPartyRef | { code: string; names?: Record<string, string> }, locale: string): string {
  const own = party.names ? textIn(party.names, locale) : null;
  if (own?.text && own.lang === locale.split('-')[0]) return own.text;
  if (/^[A-Z]{2}$/.test(party.code)) {
    const name = regionName(party.code, intlDataLocale(locale));
    if (name && name !== party.code) return name;
  }
  return own?.text || party.code;
}

export function PartyName({ party }: { party: CbmPartyRef | { code: string; names?: Record<string, string> } }) {
  const intl = useIntl();
  return <span>{partyLabel(party, intl.locale)}</span>;
}

/** A calendar day ('YYYY-MM-DD') in the reader's language. */
export function Day({ value }: { value: string | null | undefined }) {
  const intl = useIntl();
  if (!value) return <>—</>;
  const d = new Date(`${value}T00:00:00Z`);
  return <time dateTime={value}>{intl.formatDate(d, { dateStyle: 'medium', timeZone: 'UTC' })}</time>;
}

export function Period({ from, to }: { from: string | null | undefined; to: string | null | undefined }) {
  if (!from && !to) return <>—</>;
  if (from && to && from === to) return <Day value={from} />;
  return (
    <FormattedMessage id="cbm.period" values={{ from: <Day key="f" value={from} />, to: <Day key="t" value={to} /> }} />
  );
}

const marks: Record<string, string> = {
  draft: '✎',
  'experts-meeting': '◔',
  swg: '◑',
  'soc-approved': '✓',
  planned: '◷',
  'in-progress': '◑',
  completed: '✓',
  postponed: '↷',
  cancelled: '✕',
  held: '✓',
  approved: '✓',
  submitted: '➜',
  compiled: '✓',
  offered: '✎',
  forwarded: '➜',
  accepted: '✓',
  declined: '✕',
};

/** A status in words with a mark; colour only repeats what the words say. */
export function StatusBadge({
  kind,
  status,
}:
  | { kind: 'plan'; status: PlanStatus }
  | { kind: 'activity'; status: ActivityStatus }
  | { kind: 'event'; status: EventStatus }
  | { kind: 'annual'; status: 'draft' | 'approved' }
  | { kind: 'report'; status: ReportStatus }
  | { kind: 'offer'; status: OfferState }) {
  const id = `cbm.${kind}Status.${status}` as MessageId;
  return (
    <span className={`cbm-badge cbm-badge--${status}`}>
      <span aria-hidden="true">{marks[status] ?? '•'}</span> <FormattedMessage id={id} />
    </span>
  );
}

/** The visible label on demo data: never mistaken for a real CICA event. */
export function DemoLabel({ label }: { label?: string | null }) {
  return (
    <span className="cbm-demo">
      <FormattedMessage id="cbm.demo" />
      {label && label.toLowerCase() !== 'demo' ? <span className="sr-only"> ({label})</span> : null}
    </span>
  );
}

/** Who may do what, from the signed-in person (the API has the last word: controls follow its `can`). */
export function isSecretariat(me: Me | null | undefined): boolean {
  return Boolean(me?.powers.isSecretariat);
}

/** Runs a change, refreshes every CBM query, keeps the problem to show. */
export function useCbmChange() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ busy: boolean; error: unknown; done: boolean }>({ busy: false, error: null, done: false });
  const run = async (send: () => Promise<unknown>): Promise<boolean> => {
    setState({ busy: true, error: null, done: false });
    try {
      await send();
      await queryClient.invalidateQueries({ queryKey: cbmKey });
      setState({ busy: false, error: null, done: true });
      return true;
    } catch (error) {
      setState({ busy: false, error, done: false });
      return false;
    }
  };
  const reset = () => setState({ busy: false, error: null, done: false });
  return { ...state, run, reset, fields: fieldProblems(state.error) };
}

/** The server's reasons for a field, mapped to catalogue messages where we know them. */
const reasons: [RegExp, MessageId][] = [
  [/0–100|0-100/, 'cbm.field.percent'],
  [/stays in its year/, 'cbm.field.sameYear'],
  [/before/, 'cbm.field.dateOrder'],
  [/date/, 'cbm.field.date'],
  [/place or an online link/, 'cbm.field.placeOrLink'],
  [/http/, 'cbm.field.url'],
  [/party code/, 'cbm.field.party'],
  [/at least one language|too_small|>=1|at least 1/i, 'cbm.field.required'],
];

export interface FieldProblem {
  id: MessageId | null;
  text: string;
}

/** Field errors of a problem, keyed by the field path without its `body.` prefix ('percentDone', 'title.en'). */
export function fieldProblems(err: unknown): Record<string, FieldProblem> {
  const out: Record<string, FieldProblem> = {};
  if (!isApiError(err)) return out;
  for (const e of err.problem.errors ?? []) {
    const field = e.field.replace(/^(body|querystring|params)\.?/, '') || 'form';
    const id = reasons.find(([re]) => re.test(e.message))?.[1] ?? null;
    out[field] ??= { id, text: e.message };
    // A problem with `title.en` is one with the title.
    const top = field.split('.')[0];
    out[top] ??= { id, text: e.message };
  }
  return out;
}

/** The error under a field, tied to it with aria-describedby by the caller (`id`). */
export function FieldError({ id, problem }: { id: string; problem: FieldProblem | undefined }) {
  if (!problem) return null;
  return (
    <p className="cbm-field__error" id={id}>
      <span aria-hidden="true">! </span>
      {problem.id ? (
        <FormattedMessage id={problem.id} />
      ) : (
        <>
          <FormattedMessage id="cbm.field.invalid" />{' '}
          <span lang="en" dir="ltr">
            ({problem.text})
          </span>
        </>
      )}
    </p>
  );
}

/** The CBM error codes with a message of their own. */
const codeMessages: Record<string, MessageId> = {
  forbidden: 'cbm.error.forbidden',
  'cbm.step_out_of_order': 'cbm.error.stepOrder',
  'cbm.plan_already_approved': 'cbm.error.planApproved',
  'cbm.decision_required': 'cbm.error.decisionRequired',
  'cbm.report_exists': 'cbm.error.reportExists',
  'cbm.review_exists': 'cbm.error.reviewExists',
  'cbm.document_linked': 'cbm.error.documentLinked',
  'cbm.unknown_party': 'cbm.error.unknownParty',
  validation_failed: 'cbm.error.fields',
};

/** A form's submit button (disabled while the change runs) and the change's outcome under it. */
export function SubmitRow({ change, label }: { change: { error: unknown; done: boolean; busy: boolean }; label: MessageId }) {
  return (
    <>
      <div>
        <button type="submit" className="button" disabled={change.busy}>
          <FormattedMessage id={label} />
        </button>
      </div>
      <ChangeOutcome change={change} />
    </>
  );
}

/** The outcome of a change: saved, or what went wrong (fields are shown at the fields). */
export function ChangeOutcome({ change }: { change: { error: unknown; done: boolean } }) {
  const intl = useIntl();
  if (change.done) {
    return (
      <p className="cbm-saved" role="status">
        <FormattedMessage id="cbm.saved" />
      </p>
    );
  }
  if (!change.error) return <p className="sr-only" role="status" />;
  const code = isApiError(change.error) ? change.error.code : '';
  const id: MessageId = codeMessages[code] ?? (isApiError(change.error) && change.error.status === 400 ? 'cbm.error.fields' : 'cbm.error.generic');
  return (
    <p className="cbm-field__error" role="alert">
      <span aria-hidden="true">! </span>
      {intl.formatMessage({ id })}
    </p>
  );
}

/** A button that shows and hides a panel (a form), telling screen readers whether it is open. */
export function Disclosure(props: { label: ReactNode; children: ReactNode; initiallyOpen?: boolean }) {
  const [open, setOpen] = useState(props.initiallyOpen ?? false);
  const id = useId();
  return (
    <div className="cbm-disclosure">
      <button type="button" className="button button--secondary" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>
        {props.label}
      </button>
      <div id={id} hidden={!open}>
        {open ? props.children : null}
      </div>
    </div>
  );
}

/** A labelled form field with its error below, the control wired to both. */
export function Field(props: { label: ReactNode; name: string; problems: Record<string, FieldProblem>; idBase: string; hint?: ReactNode; children: (a: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode }) {
  const id = `${props.idBase}-${props.name}`;
  const problem = props.problems[props.name];
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = problem ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="cbm-field">
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <p className="cbm-field__hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.children({ id, describedBy, invalid: Boolean(problem) })}
      <FieldError id={`${id}-error`} problem={problem} />
    </div>
  );
}
