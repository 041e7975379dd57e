import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { type Me, meQuery } from '../api/account.ts';
import {
  blockingKinds,
  commentsQuery,
  type Decision,
  decisionQuery,
  decisionsApi,
  decisionsKey,
  kindsWithText,
  type PositionKind,
  type Positions,
  positionsQuery,
  stepUpCodes,
  titleIn,
} from '../api/decisions.ts';
import { isApiError } from '../api/client.ts';
import { Countdown, DecisionStateBadge, InstantIn, PositionLabel, StateName, viewerTimeZone } from '../components/decisions/decision-bits.tsx';
import { Outcome } from '../components/decisions/outcome.tsx';
import { StepUpPrompt, useStepUp } from '../components/decisions/step-up.tsx';
import { DataTable } from '../components/list/data-table.tsx';
import { Loading, Notice, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { intlDataLocale, regionName } from '../i18n/display-names.ts';
import { rootRoute } from './root.tsx';
import './decisions.css';

/** Runs a change, refreshes every decisions query, keeps the last problem to show. */
function useChange() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ busy: boolean; error: unknown; done: boolean }>({ busy: false, error: null, done: false });
  const run = async (send: () => Promise<unknown>): Promise<boolean> => {
    setState({ busy: true, error: null, done: false });
    try {
      await send();
      await queryClient.invalidateQueries({ queryKey: decisionsKey });
      setState({ busy: false, error: null, done: true });
      return true;
    } catch (error) {
      setState({ busy: false, error, done: false });
      return false;
    }
  };
  return { ...state, run };
}

// ---------------------------------------------------------------------------------------------
// A state's position

const choosable: PositionKind[] = ['joins', 'no-objection', 'objection', 'amendment', 'reservation', 'interpretative-statement'];

function PositionPanel({ decision, me }: { decision: Decision; me: Me }) {
  const intl = useIntl();
  const ids = useId();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<PositionKind | null>(null);
  const [text, setText] = useState('');
  const [confirming, setConfirming] = useState(false);
  const kinds = decision.myPosition && blockingKinds.includes(decision.myPosition) ? [...choosable, 'withdrawn-objection' as const] : choosable;
  const needsText = kind !== null && kindsWithText.includes(kind);
  const textLabel = kind === 'objection' ? 'decisions.act.reason' : kind === 'amendment' ? 'decisions.act.amendmentText' : 'decisions.act.statementText';
  // Recording asks for a fresh two-factor code at the moment of acting (the step-up prompt), then sends again.
  const act = useStepUp(
    (code) => decisionsApi.position(decision.id, kind!, needsText ? text.trim() : '', code),
    async () => {
      setConfirming(false);
      setKind(null);
      setText('');
      await queryClient.invalidateQueries({ queryKey: decisionsKey });
    },
  );
  const notEnabled = isApiError(act.error) && act.error.code === stepUpCodes.notEnabled;

  const review = (e: FormEvent) => {
    e.preventDefault();
    if (kind && (!needsText || text.trim())) setConfirming(true);
  };

  return (
    <section className="dec-section" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>
        <FormattedMessage id="decisions.act.heading" values={{ state: <StateName key="s" code={me.party.code} /> }} />
      </h2>
      <div className="dec-panel">
        {decision.myPosition ? (
          <p>
            <FormattedMessage id="decisions.act.current" values={{ position: <strong key="p">{intl.formatMessage({ id: `decisions.position.${decision.myPosition}` })}</strong> }} />
          </p>
        ) : null}
        {!me.user.totpEnabled || notEnabled ? (
          <Notice tone="info" title={<FormattedMessage id="decisions.act.mfaTitle" />}>
            <p>
              <FormattedMessage id="decisions.act.totpOff" />
            </p>
            <p>
              <Link to="/account">
                <FormattedMessage id="decisions.act.mfaLink" />
              </Link>
            </p>
          </Notice>
        ) : confirming && kind ? (
          <div className="dec-confirm">
            <p id={`${ids}-c`}>
              <FormattedMessage
                id="decisions.act.confirmQuestion"
                values={{ position: <strong key="p">{intl.formatMessage({ id: `decisions.position.${kind}` })}</strong>, state: <StateName key="s" code={me.party.code} /> }}
              />
            </p>
            {needsText ? (
              <blockquote dir="auto" className="dec-zone">
                {text}
              </blockquote>
            ) : null}
            {act.asking ? (
              <StepUpPrompt
                busy={act.busy}
                codeError={act.codeError}
                confirmLabel={intl.formatMessage({ id: 'decisions.act.confirm' })}
                onSubmit={(code) => void act.attempt(code)}
                onCancel={act.cancel}
              />
            ) : (
              <>
                <p>
                  <FormattedMessage id="decisions.act.confirmNote" />
                </p>
                <div className="dec-row">
                  <button type="button" className="button" disabled={act.busy} onClick={() => void act.attempt(null)}>
                    <FormattedMessage id="decisions.act.confirm" />
                  </button>
                  <button type="button" className="button button--secondary" disabled={act.busy} onClick={() => setConfirming(false)}>
                    <FormattedMessage id="decisions.act.back" />
                  </button>
                </div>
              </>
            )}
          </div>
        ) : (
          <form onSubmit={review} className="dec-section">
            <fieldset>
              <legend>
                <FormattedMessage id="decisions.act.choose" />
              </legend>
              {kinds.map((k) => (
                <label key={k} className="dec-choice">
                  <input type="radio" name={`${ids}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
                  <span>
                    <PositionLabel kind={k} />
                    {blockingKinds.includes(k) ? (
                      <span className="dec-zone">
                        {' '}
                        <FormattedMessage id="decisions.act.breaksSilence" />
                      </span>
                    ) : null}
                  </span>
                </label>
              ))}
            </fieldset>
            {needsText ? (
              <div className="dec-field">
                <label htmlFor={`${ids}-text`}>
                  <FormattedMessage id={textLabel} />
                </label>
                <textarea id={`${ids}-text`} dir="auto" required value={text} onChange={(e) => setText(e.target.value)} maxLength={20000} />
              </div>
            ) : null}
            <div>
              <button type="submit" className="button" disabled={!kind || (needsText && !text.trim())}>
                <FormattedMessage id="decisions.act.review" />
              </button>
            </div>
          </form>
        )}
        {act.done ? (
          <p role="status">
            <FormattedMessage id="decisions.act.recorded" />
          </p>
        ) : null}
        {act.error && !notEnabled ? <ProblemMessage error={act.error} /> : null}
      </div>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// The Chair's actions

export function DeadlineFields({ value, onChange, idPrefix }: { value: { date: string; time: string; zone: string }; onChange: (v: { date: string; time: string; zone: string }) => void; idPrefix: string }) {
  return (
    <div className="dec-row">
      <div className="dec-field">
        <label htmlFor={`${idPrefix}-date`}>
          <FormattedMessage id="decisions.chair.date" />
        </label>
        <input id={`${idPrefix}-date`} type="date" required dir="ltr" value={value.date} onChange={(e) => onChange({ ...value, date: e.target.value })} />
      </div>
      <div className="dec-field">
        <label htmlFor={`${idPrefix}-time`}>
          <FormattedMessage id="decisions.chair.time" />
        </label>
        <input id={`${idPrefix}-time`} type="time" required dir="ltr" value={value.time} onChange={(e) => onChange({ ...value, time: e.target.value })} />
      </div>
      <div className="dec-field">
        <label htmlFor={`${idPrefix}-zone`}>
          <FormattedMessage id="decisions.chair.zone" />
        </label>
        <input id={`${idPrefix}-zone`} type="text" required dir="ltr" value={value.zone} onChange={(e) => onChange({ ...value, zone: e.target.value })} />
      </div>
    </div>
  );
}

function ChairPanel({ decision }: { decision: Decision }) {
  const ids = useId();
  const change = useChange();
  const [explicit, setExplicit] = useState(false);
  const [deadline, setDeadline] = useState({ date: decision.expiry?.date ?? '', time: decision.expiry?.time ?? '18:00', zone: decision.expiry?.zone ?? 'Asia/Almaty' });
  // Once circulated (or extended), an extension starts from the deadline in force.
  const expiry = decision.expiry;
  useEffect(() => {
    if (expiry) setDeadline({ date: expiry.date, time: expiry.time, zone: expiry.zone });
  }, [expiry]);
  const [reason, setReason] = useState('');
  const [withdrawing, setWithdrawing] = useState(false);
  const can = decision.can;
  if (!can.launch && !can.extend && !can.withdraw && !can.recordFinding) return null;
  const submit = (send: () => Promise<unknown>) => (e: FormEvent) => {
    e.preventDefault();
    void change.run(send);
  };

  return (
    <section className="dec-section" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>
        <FormattedMessage id="decisions.chair.heading" />
      </h2>
      <div className="dec-panel">
        {can.launch ? (
          <form onSubmit={submit(() => decisionsApi.launch(decision.id, explicit ? deadline : null))} className="dec-section">
            {decision.procedure === 'silence' ? (
              <fieldset>
                <legend>
                  <FormattedMessage id="decisions.chair.deadline" />
                </legend>
                <label className="dec-choice">
                  <input type="radio" name={`${ids}-dl`} checked={!explicit} onChange={() => setExplicit(false)} />
                  <FormattedMessage id="decisions.chair.defaultDeadline" />
                </label>
                <label className="dec-choice">
                  <input type="radio" name={`${ids}-dl`} checked={explicit} onChange={() => setExplicit(true)} />
                  <FormattedMessage id="decisions.chair.explicitDeadline" />
                </label>
                {explicit ? <DeadlineFields value={deadline} onChange={setDeadline} idPrefix={`${ids}-launch`} /> : null}
              </fieldset>
            ) : null}
            <div>
              <button type="submit" className="button" disabled={change.busy}>
                <FormattedMessage id={decision.procedure === 'silence' ? 'decisions.chair.circulate' : 'decisions.chair.present'} />
              </button>
            </div>
          </form>
        ) : null}
        {can.extend ? (
          <form onSubmit={submit(() => decisionsApi.extend(decision.id, deadline, reason))} className="dec-section">
            <fieldset>
              <legend>
                <FormattedMessage id="decisions.chair.extend" />
              </legend>
              <DeadlineFields value={deadline} onChange={setDeadline} idPrefix={`${ids}-extend`} />
              <div className="dec-field">
                <label htmlFor={`${ids}-extend-reason`}>
                  <FormattedMessage id="decisions.chair.reason" />
                </label>
                <input id={`${ids}-extend-reason`} type="text" dir="auto" value={reason} onChange={(e) => setReason(e.target.value)} />
              </div>
            </fieldset>
            <div>
              <button type="submit" className="button" disabled={change.busy}>
                <FormattedMessage id="decisions.chair.extendButton" />
              </button>
            </div>
          </form>
        ) : null}
        {can.recordFinding ? (
          <p>
            <Link to="/decisions/$id/session" params={{ id: decision.id }} className="button">
              <FormattedMessage id="decisions.session.run" />
            </Link>
          </p>
        ) : null}
        {can.withdraw ? (
          withdrawing ? (
            <form onSubmit={submit(() => decisionsApi.withdraw(decision.id, reason))} className="dec-confirm">
              <div className="dec-field">
                <label htmlFor={`${ids}-wreason`}>
                  <FormattedMessage id="decisions.chair.reason" />
                </label>
                <input id={`${ids}-wreason`} type="text" dir="auto" value={reason} onChange={(e) => setReason(e.target.value)} />
              </div>
              <div className="dec-row">
                <button type="submit" className="button" disabled={change.busy}>
                  <FormattedMessage id="decisions.chair.withdrawConfirm" />
                </button>
                <button type="button" className="button button--secondary" onClick={() => setWithdrawing(false)}>
                  <FormattedMessage id="decisions.act.back" />
                </button>
              </div>
            </form>
          ) : (
            <div>
              <button type="button" className="button button--secondary" onClick={() => setWithdrawing(true)}>
                <FormattedMessage id="decisions.chair.withdraw" />
              </button>
            </div>
          )
        ) : null}
        {change.done ? (
          <p role="status">
            <FormattedMessage id="decisions.chair.done" />
          </p>
        ) : null}
        {change.error ? <ProblemMessage error={change.error} /> : null}
      </div>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Positions, outcome, comments

function PositionsTable({ positions }: { positions: Positions }) {
  const intl = useIntl();
  if (!positions.members) return null;
  const dataLocale = intlDataLocale(intl.locale);
  const members = [...positions.members].sort((a, b) => regionName(a.partyCode, dataLocale).localeCompare(regionName(b.partyCode, dataLocale), dataLocale));
  return (
    <section className="dec-section" aria-labelledby="dec-positions-h">
      <h2 id="dec-positions-h">
        <FormattedMessage id="decisions.positions.heading" />
      </h2>
      <DataTable
        caption={<FormattedMessage id="decisions.positions.heading" />}
        rows={members}
        rowKey={(m) => m.partyCode}
        columns={[
          { heading: 'decisions.positions.state', cell: (m) => <StateName code={m.partyCode} /> },
          { heading: 'decisions.positions.position', cell: (m) => (m.position ? <PositionLabel kind={m.position.kind} /> : <FormattedMessage id="decisions.positions.none" />) },
          { heading: 'decisions.positions.text', dir: 'auto', cell: (m) => m.position?.text ?? '' },
          { heading: 'decisions.positions.recorded', cell: (m) => (m.position ? intl.formatDate(m.position.recordedAt, { dateStyle: 'medium', timeStyle: 'short' }) : '') },
        ]}
      />
    </section>
  );
}

function Comments({ decision }: { decision: Decision }) {
  const ids = useId();
  const comments = useQuery(commentsQuery(decision.id));
  const change = useChange();
  const [text, setText] = useState('');
  if (comments.isError || (!comments.data?.items.length && !decision.can.comment)) return null;
  return (
    <section className="dec-section" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>
        <FormattedMessage id="decisions.comments.heading" />
      </h2>
      <ul className="dec-annexes">
        {(comments.data?.items ?? []).map((c) => (
          <li key={c.id}>
            <strong>
              <StateName code={c.partyCode} />
            </strong>
            : <span dir="auto">{c.text}</span>
          </li>
        ))}
      </ul>
      {decision.can.comment ? (
        <form
          className="dec-panel"
          onSubmit={(e) => {
            e.preventDefault();
            void change.run(() => decisionsApi.comment(decision.id, text.trim())).then((ok) => ok && setText(''));
          }}
        >
          <div className="dec-field">
            <label htmlFor={`${ids}-c`}>
              <FormattedMessage id="decisions.comments.label" />
            </label>
            <textarea id={`${ids}-c`} dir="auto" required value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          <div>
            <button type="submit" className="button" disabled={change.busy || !text.trim()}>
              <FormattedMessage id="decisions.comments.send" />
            </button>
          </div>
          {change.error ? <ProblemMessage error={change.error} /> : null}
        </form>
      ) : null}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------

function DecisionPage() {
  const intl = useIntl();
  const { id } = decisionRoute.useParams();
  const queryClient = useQueryClient();
  const me = useQuery(meQuery);
  const decision = useQuery(decisionQuery(id));
  const positions = useQuery(positionsQuery(id));
  const title = decision.data ? titleIn(decision.data.title, intl.locale) : null;
  useDocumentTitle(title?.text ?? intl.formatMessage({ id: 'decisions.title' }));
  const onExpired = useCallback(() => void queryClient.invalidateQueries({ queryKey: decisionsKey }), [queryClient]);

  if (decision.isPending) return <Loading />;
  if (decision.isError) return <ProblemMessage error={decision.error} headingLevel={1} onRetry={() => void decision.refetch()} />;
  const d = decision.data;
  const zone = viewerTimeZone(me.data?.user.timeZone);
  const running = d.state === 'circulated' || d.state === 'silence-broken';
  return (
    <article className="dec-page">
      <header className="dec-section">
        <p className="dec-page__meta">
          <Link to="/decisions">
            <FormattedMessage id="decisions.backToList" />
          </Link>
        </p>
        <h1 lang={title?.lang} dir="auto">
          {title?.text}
        </h1>
        <p className="dec-page__meta">
          <DecisionStateBadge state={d.state} />
          <span>
            <FormattedMessage id="decisions.meta.body" values={{ body: <span key="b" dir="ltr">{d.bodyCode}</span> }} />
          </span>
          <span>
            <FormattedMessage id={`decisions.procedure.${d.procedure}`} />
          </span>
          <span>
            <FormattedMessage id={`decisions.proposer.${d.proposer.kind}`} />
            {d.proposer.partyCode ? (
              <>
                {' '}
                (<StateName code={d.proposer.partyCode} />)
              </>
            ) : null}
          </span>
        </p>
      </header>

      {d.state === 'silence-broken' ? (
        <Notice tone="error" title={<FormattedMessage id="decisions.brokenTitle" />}>
          <p>
            <FormattedMessage id="decisions.brokenBody" />
          </p>
        </Notice>
      ) : null}

      {d.expiry && d.procedure === 'silence' ? (
        <section className="dec-section" aria-labelledby="dec-deadline-h">
          <h2 id="dec-deadline-h">
            <FormattedMessage id="decisions.deadline.heading" />
          </h2>
          {running ? <Countdown expiry={d.expiry} serverNow={d.now} viewerZone={zone} onExpired={onExpired} /> : <InstantIn at={d.expiry.at} zone={d.expiry.zone} />}
          {d.extensions.length ? (
            <ul className="dec-history">
              {d.extensions.map((e) => (
                <li key={e.at}>
                  <FormattedMessage id="decisions.deadline.extended" values={{ from: <InstantIn key="f" at={e.from.at} zone={e.from.zone} />, to: <InstantIn key="t" at={e.to.at} zone={e.to.zone} /> }} />
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}

      {d.textDocument ? (
        <section className="dec-section" aria-labelledby="dec-text-h">
          <h2 id="dec-text-h">
            <FormattedMessage id="decisions.text.heading" />
          </h2>
          <p className="dec-row">
            <Link to="/documents/$id" params={{ id: d.textDocument.id }} dir="ltr">
              {d.textDocument.symbol}
            </Link>
            <Link to="/documents/$id/parallel" params={{ id: d.textDocument.id }}>
              <FormattedMessage id="decisions.text.parallel" />
            </Link>
          </p>
        </section>
      ) : null}

      <Outcome decision={d} zone={zone} />
      {d.can.recordPosition && me.data ? <PositionPanel decision={d} me={me.data} /> : null}
      <ChairPanel decision={d} />
      {positions.data ? <PositionsTable positions={positions.data} /> : null}
      {me.data ? <Comments decision={d} /> : null}
    </article>
  );
}

export const decisionRoute = createRoute({ getParentRoute: () => rootRoute, path: '/decisions/$id', component: DecisionPage });
