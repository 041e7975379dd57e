import { useQuery } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { decisionListQuery, titleIn } from '../api/decisions.ts';
import { documentListQuery } from '../api/documents.ts';
import { type Meeting, meetingQuery, meetingsApi, recordQuery, type SummaryRecord } from '../api/meetings.ts';
import { directionOf, fromLocalInput, Localized, MeetingNav, useMeetingAction, useTitleLanguages } from '../components/meetings/meeting-bits.tsx';
import { FormOutcome, SelectField, SubmitButton, TextField } from '../components/portal/form.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { intlDataLocale, languageName } from '../i18n/display-names.ts';
import { rootRoute } from './root.tsx';
import './meetings.css';

type Entry = SummaryRecord['entries'][number];
type Correction = SummaryRecord['corrections'][number];

/** The Secretariat drafts the summary of one item, in one of the forum's languages. */
function DraftForm({ m, entry }: { m: Meeting; entry: Entry }) {
  const intl = useIntl();
  const { forum } = useTitleLanguages();
  const action = useMeetingAction();
  const [language, setLanguage] = useState(entry.language ?? forum[0] ?? 'en');
  const [text, setText] = useState(entry.text ?? '');
  const dataLocale = intlDataLocale(intl.locale);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(() => meetingsApi.draftRecord(m.id, entry.itemId, language, text));
  };
  return (
    <form className="meeting-form meeting-record__draft" onSubmit={submit} noValidate aria-label={intl.formatMessage({ id: 'meetings.record.draftFor' }, { number: entry.number ?? '' })}>
      <SelectField name="language" label={<FormattedMessage id="meetings.record.language" />} value={language} onChange={setLanguage} errors={action.errors} options={forum.map((l) => ({ value: l, label: languageName(l, dataLocale) }))} />
      <TextField name="text" multiline lang={language} label={<FormattedMessage id="meetings.record.summary" values={{ number: entry.number ?? '' }} />} value={text} onChange={setText} errors={action.errors} />
      <FormOutcome error={action.error} saved={action.saved} />
      <SubmitButton busy={action.busy}>
        <FormattedMessage id="meetings.record.saveDraft" />
      </SubmitButton>
    </form>
  );
}

/** A participating delegation proposes a correction to one item's summary, before the deadline. */
function CorrectionForm({ m, entry }: { m: Meeting; entry: Entry }) {
  const intl = useIntl();
  const action = useMeetingAction();
  const [text, setText] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run(() => meetingsApi.proposeCorrection(m.id, entry.itemId, text))) setText('');
  };
  return (
    <form className="meeting-form meeting-record__correct" onSubmit={submit} noValidate aria-label={intl.formatMessage({ id: 'meetings.record.correctFor' }, { number: entry.number ?? '' })}>
      <TextField name="text" multiline label={<FormattedMessage id="meetings.record.correction" values={{ number: entry.number ?? '' }} />} value={text} onChange={setText} errors={action.errors} />
      <FormOutcome error={action.error} saved={action.saved} />
      <SubmitButton busy={action.busy}>
        <FormattedMessage id="meetings.record.propose" />
      </SubmitButton>
    </form>
  );
}

function CorrectionRow({ m, c, record }: { m: Meeting; c: Correction; record: SummaryRecord }) {
  const action = useMeetingAction();
  const [note, setNote] = useState('');
  const decide = (accept: boolean) => void action.run(() => meetingsApi.decideCorrection(m.id, c.id, accept, note.trim() || undefined));
  return (
    <li className="meeting-correction" data-testid="correction">
      <p>
        <strong>{c.party}</strong>{' '}
        <span className={`meeting-pill meeting-pill--${c.status}`}>
          <FormattedMessage id={`meetings.record.correctionStatus.${c.status}`} />
        </span>
      </p>
      <p dir="auto" className="meeting-correction__text">
        {c.text}
      </p>
      {c.decisionNote ? (
        <p>
          <FormattedMessage id="meetings.agenda.note" />: <span dir="auto">{c.decisionNote}</span>
        </p>
      ) : null}
      {m.can.manage && c.status === 'pending' && record.status !== 'final' ? (
        <div className="meeting-decide">
          <TextField name={`note-${c.id}`} label={<FormattedMessage id="meetings.agenda.note" />} value={note} onChange={setNote} errors={action.errors} />
          <div className="meeting-actions">
            <button type="button" className="button meeting-button--small" disabled={action.busy} onClick={() => decide(true)}>
              <FormattedMessage id="meetings.record.accept" />
            </button>
            <button type="button" className="button meeting-button--secondary meeting-button--small" disabled={action.busy} onClick={() => decide(false)}>
              <FormattedMessage id="meetings.record.reject" />
            </button>
          </div>
          {action.error ? <ProblemMessage error={action.error} /> : null}
        </div>
      ) : null}
    </li>
  );
}

function CirculateForm({ m }: { m: Meeting }) {
  const action = useMeetingAction();
  const [deadline, setDeadline] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(() => meetingsApi.circulateRecord(m.id, fromLocalInput(deadline, m.timeZone)));
  };
  return (
    <form className="meeting-form meeting-panel" onSubmit={submit} noValidate aria-labelledby="circulate-heading">
      <h2 id="circulate-heading">
        <FormattedMessage id="meetings.record.circulateTitle" />
      </h2>
      <TextField
        name="correctionsDeadline"
        dir="ltr"
        type={'datetime-local' as 'text'}
        required
        label={<FormattedMessage id="meetings.record.deadline" />}
        hint={<FormattedMessage id="meetings.convene.hint" values={{ zone: m.timeZone }} />}
        value={deadline}
        onChange={setDeadline}
        errors={action.errors}
      />
      <FormOutcome error={action.error} saved={false} />
      <SubmitButton busy={action.busy}>
        <FormattedMessage id="meetings.record.circulate" />
      </SubmitButton>
    </form>
  );
}

/**
 * The Secretariat links outcome documents (found by symbol) and the body's adopted decisions to the
 * meeting; what is already linked is left out of the choices.
 */
function OutcomeForm({ m, record }: { m: Meeting; record: SummaryRecord }) {
  const intl = useIntl();
  const docAction = useMeetingAction();
  const decisionAction = useMeetingAction();
  const [q, setQ] = useState('');
  const [decisionId, setDecisionId] = useState('');
  const found = useQuery({ ...documentListQuery({ q: q.trim() }), enabled: q.trim().length >= 2 });
  const decisions = useQuery(decisionListQuery({ body: m.body.code, state: 'adopted' }));
  const linkedDocs = new Set(record.outcomes.map((o) => o.documentId));
  const linkedDecisions = new Set(record.outcomes.map((o) => o.decisionId));
  const candidates = (found.data?.items ?? []).filter((d) => !linkedDocs.has(d.id)).slice(0, 5);
  const options = (decisions.data?.items ?? [])
    .filter((d) => !linkedDecisions.has(d.id))
    .map((d) => {
      const symbol = d.textDocument?.symbol ?? d.outcomeDocument?.symbol;
      const title = titleIn(d.title, intl.locale).text;
      return { value: d.id, label: symbol ? intl.formatMessage({ id: 'meetings.decisionOption' }, { symbol, title }) : title };
    });
  const linkDecision = async (e: FormEvent) => {
    e.preventDefault();
    if (await decisionAction.run(() => meetingsApi.linkOutcome(m.id, { decisionId }))) setDecisionId('');
  };
  return (
    <section className="meeting-panel" aria-labelledby="link-outcomes-heading">
      <h2 id="link-outcomes-heading">
        <FormattedMessage id="meetings.record.linkTitle" />
      </h2>
      <div className="meeting-form">
        <TextField name="documentId" label={<FormattedMessage id="meetings.record.findOutcome" />} hint={<FormattedMessage id="meetings.agenda.findDocumentHint" />} value={q} onChange={setQ} errors={docAction.errors} />
        {candidates.length ? (
          <ul className="meeting-docs__found" aria-live="polite">
            {candidates.map((d) => (
              <li key={d.id}>
                <button type="button" className="button meeting-button--secondary meeting-button--small" disabled={docAction.busy} onClick={() => void docAction.run(() => meetingsApi.linkOutcome(m.id, { documentId: d.id }))}>
                  <FormattedMessage id="meetings.agenda.linkDocument" values={{ symbol: d.symbol }} />
                </button>{' '}
                {d.title}
              </li>
            ))}
          </ul>
        ) : null}
        {docAction.error ? <ProblemMessage error={docAction.error} /> : null}
      </div>
      {decisions.isError ? <ProblemMessage error={decisions.error} /> : null}
      {options.length ? (
        <form className="meeting-form" onSubmit={linkDecision} noValidate aria-label={intl.formatMessage({ id: 'meetings.record.linkDecisionForm' })}>
          <SelectField
            name="decisionId"
            label={<FormattedMessage id="meetings.record.decision" />}
            value={decisionId}
            onChange={setDecisionId}
            errors={decisionAction.errors}
            options={[{ value: '', label: intl.formatMessage({ id: 'meetings.chooseDecision' }) }, ...options]}
          />
          <FormOutcome error={decisionAction.error} saved={false} />
          <SubmitButton busy={decisionAction.busy}>
            <FormattedMessage id="meetings.record.linkDecision" />
          </SubmitButton>
        </form>
      ) : null}
    </section>
  );
}

function RecordPage() {
  const { meetingId } = meetingRecordRoute.useParams();
  const intl = useIntl();
  const m = useQuery(meetingQuery(meetingId));
  const record = useQuery({ ...recordQuery(meetingId), enabled: !!m.data && (m.data.can.participants || m.data.record.status === 'final') });
  const finalize = useMeetingAction();
  useDocumentTitle(intl.formatMessage({ id: 'meetings.record.title' }));
  if (m.isPending) return <Loading />;
  if (m.isError) return <ProblemMessage error={m.error} headingLevel={1} />;
  const r = record.data;
  const drafting = m.data.can.manage && (m.data.status === 'in-session' || m.data.status === 'closed') && r?.status !== 'final';
  return (
    <article className="meeting meeting-record">
      <h1>
        <FormattedMessage id="meetings.record.title" /> — <Localized value={m.data.name} />
      </h1>
      <MeetingNav meeting={m.data} current="record" />
      {record.isPending && record.fetchStatus !== 'idle' ? <Loading /> : null}
      {record.isError ? <ProblemMessage error={record.error} /> : null}
      {r ? (
        <>
          <p className="meeting-record__status" role="status">
            <span className={`meeting-pill meeting-pill--${r.status}`}>
              <FormattedMessage id={`meetings.record.status.${r.status}`} />
            </span>{' '}
            {r.correctionsDeadline && r.status === 'circulated' ? (
              <FormattedMessage id="meetings.record.until" values={{ deadline: <FormattedDate key="d" value={r.correctionsDeadline} dateStyle="long" timeStyle="short" timeZone={m.data.timeZone} /> }} />
            ) : null}
          </p>
          {m.data.status !== 'in-session' && m.data.status !== 'closed' && m.data.status !== 'record-final' ? (
            <p>
              <FormattedMessage id="meetings.record.notYet" />
            </p>
          ) : null}
          <ol className="meeting-record__entries">
            {r.entries.map((e) => (
              <li key={e.itemId} className="meeting-record__entry" data-testid="record-entry">
                <h2 className="meeting-record__item">
                  <span className="meeting-agenda__number">{e.number}.</span> <Localized value={e.title} />
                </h2>
                {e.text ? (
                  <p className="meeting-record__text" lang={e.language ?? undefined} dir={e.language ? directionOf(e.language) : 'auto'}>
                    {e.text}
                  </p>
                ) : (
                  <p className="meeting-record__empty">
                    <FormattedMessage id="meetings.record.noSummary" />
                  </p>
                )}
                {drafting ? <DraftForm m={m.data} entry={e} /> : null}
                {r.corrections.some((c) => c.itemId === e.itemId) ? (
                  <section aria-label={intl.formatMessage({ id: 'meetings.record.correctionsFor' }, { number: e.number ?? '' })}>
                    <h3>
                      <FormattedMessage id="meetings.record.corrections" />
                    </h3>
                    <ul className="meeting-corrections">
                      {r.corrections
                        .filter((c) => c.itemId === e.itemId)
                        .map((c) => (
                          <CorrectionRow key={c.id} m={m.data} c={c} record={r} />
                        ))}
                    </ul>
                  </section>
                ) : null}
                {r.canCorrect && e.text ? <CorrectionForm m={m.data} entry={e} /> : null}
              </li>
            ))}
          </ol>
          {m.data.can.manage && m.data.status === 'closed' && r.status === 'draft' ? <CirculateForm m={m.data} /> : null}
          {m.data.can.manage && r.status === 'circulated' ? (
            <section className="meeting-panel" aria-labelledby="finalize-heading">
              <h2 id="finalize-heading">
                <FormattedMessage id="meetings.record.finalizeTitle" />
              </h2>
              <p>
                <FormattedMessage id="meetings.record.finalizeHint" />
              </p>
              <button type="button" className="button" disabled={finalize.busy} onClick={() => void finalize.run(() => meetingsApi.finalizeRecord(m.data.id))}>
                <FormattedMessage id="meetings.record.finalize" />
              </button>
              {finalize.error ? <ProblemMessage error={finalize.error} /> : null}
            </section>
          ) : null}
          {m.data.can.manage && m.data.status !== 'planned' && m.data.status !== 'convened' ? <OutcomeForm m={m.data} record={r} /> : null}
          {r.outcomes.length ? (
            <section aria-labelledby="outcomes-heading" className="meeting-panel">
              <h2 id="outcomes-heading">
                <FormattedMessage id="meetings.record.outcomes" />
              </h2>
              <ul data-testid="outcomes">
                {r.outcomes.map((o) => (
                  <li key={o.id}>
                    {o.documentId ? (
                      <>
                        <Link to="/documents/$id" params={{ id: o.documentId }} dir="ltr">
                          {o.symbol}
                        </Link>{' '}
                        {o.title}
                      </>
                    ) : o.decisionId ? (
                      <Link to="/decisions/$id" params={{ id: o.decisionId }}>
                        <Localized value={o.decisionTitle} />
                      </Link>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </article>
  );
}

export const meetingRecordRoute = createRoute({ getParentRoute: () => rootRoute, path: '/meetings/$meetingId/record', component: RecordPage });
