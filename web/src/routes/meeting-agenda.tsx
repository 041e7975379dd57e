import { useQuery } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { decisionListQuery, titleIn } from '../api/decisions.ts';
import { documentListQuery } from '../api/documents.ts';
import { type Agenda, type AgendaItem, agendaQuery, type Meeting, meetingQuery, meetingsApi } from '../api/meetings.ts';
import { filled, Localized, MeetingNav, TitleInputs, useMeetingAction } from '../components/meetings/meeting-bits.tsx';
import { FormOutcome, SelectField, SubmitButton, TextField } from '../components/portal/form.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { pickLocalized } from '../i18n/localized-text.ts';
import { rootRoute } from './root.tsx';
import './meetings.css';

type Doc = { id: string; symbol: string; title: string };

/** Documents linked to an item: the chosen ones, and a search by symbol or title to add more. */
function DocumentPicker({ value, onChange, errors }: { value: Doc[]; onChange: (v: Doc[]) => void; errors: Record<string, string> }) {
  const intl = useIntl();
  const [q, setQ] = useState('');
  const found = useQuery({ ...documentListQuery({ q: q.trim() }), enabled: q.trim().length >= 2 });
  const candidates = (found.data?.items ?? []).filter((d) => !value.some((v) => v.id === d.id)).slice(0, 5);
  return (
    <fieldset className="meeting-docs">
      <legend>
        <FormattedMessage id="meetings.agenda.documents" />
      </legend>
      {value.length ? (
        <ul className="meeting-docs__chosen">
          {value.map((d) => (
            <li key={d.id}>
              <span dir="ltr">{d.symbol}</span> {d.title}{' '}
              <button type="button" className="button meeting-button--secondary meeting-button--small" onClick={() => onChange(value.filter((v) => v.id !== d.id))} aria-label={intl.formatMessage({ id: 'meetings.agenda.unlinkDocument' }, { symbol: d.symbol })}>
                <FormattedMessage id="meetings.agenda.unlink" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <TextField name="documentIds" label={<FormattedMessage id="meetings.agenda.findDocument" />} hint={<FormattedMessage id="meetings.agenda.findDocumentHint" />} value={q} onChange={setQ} errors={errors} />
      {candidates.length ? (
        <ul className="meeting-docs__found" aria-live="polite">
          {candidates.map((d) => (
            <li key={d.id}>
              <button type="button" className="button meeting-button--secondary meeting-button--small" onClick={() => onChange([...value, { id: d.id, symbol: d.symbol, title: d.title }])}>
                <FormattedMessage id="meetings.agenda.linkDocument" values={{ symbol: d.symbol }} />
              </button>{' '}
              {d.title}
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

/** Adds an item (or a sub-item) or changes one: titles per language, where it sits, its documents. */
function ItemForm({ m, agenda, item, onDone }: { m: Meeting; agenda: Agenda; item?: AgendaItem; onDone?: () => void }) {
  const intl = useIntl();
  const action = useMeetingAction();
  const [title, setTitle] = useState<Record<string, string>>(item?.title ?? {});
  const [parentId, setParentId] = useState(item?.parentId ?? '');
  const [docs, setDocs] = useState<Doc[]>(item?.documents ?? []);
  const parents = agenda.items.filter((i) => !i.parentId && i.id !== item?.id);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { title: filled(title), parentId: parentId || null, documentIds: docs.map((d) => d.id) };
    const ok = await action.run(() => (item ? meetingsApi.updateItem(m.id, item.id, item.parentId === body.parentId ? { title: body.title, documentIds: body.documentIds } : body) : meetingsApi.addItem(m.id, body)));
    if (ok) {
      if (!item) {
        setTitle({});
        setDocs([]);
        setParentId('');
      }
      onDone?.();
    }
  };
  const headingId = item ? `edit-${item.id}` : 'add-item-heading';
  return (
    <form className="meeting-form meeting-item-form" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <h3 id={headingId}>{item ? <FormattedMessage id="meetings.agenda.editItem" values={{ number: item.number ?? '' }} /> : <FormattedMessage id="meetings.agenda.addItem" />}</h3>
      <TitleInputs legend={intl.formatMessage({ id: 'meetings.agenda.itemTitle' })} prefix="title" values={title} onChange={setTitle} errors={action.errors} />
      <SelectField
        name="parentId"
        label={<FormattedMessage id="meetings.agenda.placement" />}
        value={parentId}
        onChange={setParentId}
        errors={action.errors}
        options={[
          { value: '', label: intl.formatMessage({ id: 'meetings.agenda.topLevel' }) },
          ...parents.map((p) => ({ value: p.id, label: intl.formatMessage({ id: 'meetings.agenda.under' }, { number: p.number ?? '', title: pickLocalized(p.title, intl.locale)?.text ?? '' }) })),
        ]}
      />
      <DocumentPicker value={docs} onChange={setDocs} errors={action.errors} />
      <FormOutcome error={action.error} saved={action.saved && !item} />
      <div className="meeting-actions">
        <SubmitButton busy={action.busy}>
          <FormattedMessage id={item ? 'meetings.agenda.saveItem' : 'meetings.agenda.addItem'} />
        </SubmitButton>
        {onDone && item ? (
          <button type="button" className="button meeting-button--secondary" onClick={onDone}>
            <FormattedMessage id="meetings.cancel" />
          </button>
        ) : null}
      </div>
    </form>
  );
}

function AgendaRow({ m, agenda, item, editable }: { m: Meeting; agenda: Agenda; item: AgendaItem; editable: boolean }) {
  const intl = useIntl();
  const action = useMeetingAction();
  const [editing, setEditing] = useState(false);
  const siblings = agenda.items.filter((i) => i.parentId === item.parentId);
  const at = siblings.findIndex((i) => i.id === item.id);
  const move = (to: number) => void action.run(() => meetingsApi.updateItem(m.id, item.id, { index: to }));
  const n = item.number ?? '';
  return (
    <li className={item.parentId ? 'meeting-agenda__sub' : undefined} data-testid="agenda-item">
      <div className="meeting-agenda__row">
        <span className="meeting-agenda__number">{n}.</span>
        <span className="meeting-agenda__title">
          <Localized value={item.title} />
        </span>
        {editable ? (
          <span className="meeting-agenda__tools">
            <button type="button" className="button meeting-button--secondary meeting-button--small" disabled={at <= 0 || action.busy} onClick={() => move(at - 1)} aria-label={intl.formatMessage({ id: 'meetings.agenda.moveUp' }, { number: n })}>
              <span aria-hidden="true">↑</span>
            </button>
            <button
              type="button"
              className="button meeting-button--secondary meeting-button--small"
              disabled={at >= siblings.length - 1 || action.busy}
              onClick={() => move(at + 1)}
              aria-label={intl.formatMessage({ id: 'meetings.agenda.moveDown' }, { number: n })}
            >
              <span aria-hidden="true">↓</span>
            </button>
            <button type="button" className="button meeting-button--secondary meeting-button--small" aria-expanded={editing} onClick={() => setEditing(!editing)} aria-label={intl.formatMessage({ id: 'meetings.agenda.editItem' }, { number: n })}>
              <FormattedMessage id="meetings.agenda.edit" />
            </button>
            <button
              type="button"
              className="button meeting-button--secondary meeting-button--small"
              onClick={() => window.confirm(intl.formatMessage({ id: 'meetings.agenda.confirmDelete' }, { number: n })) && void action.run(() => meetingsApi.deleteItem(m.id, item.id))}
              aria-label={intl.formatMessage({ id: 'meetings.agenda.deleteItem' }, { number: n })}
            >
              <FormattedMessage id="meetings.agenda.delete" />
            </button>
          </span>
        ) : null}
      </div>
      {item.documents.length ? (
        <ul className="meeting-agenda__docs">
          {item.documents.map((d) => (
            <li key={d.id}>
              <Link to="/documents/$id" params={{ id: d.id }} dir="ltr">
                {d.symbol}
              </Link>{' '}
              {d.title}
            </li>
          ))}
        </ul>
      ) : null}
      {action.error ? <ProblemMessage error={action.error} /> : null}
      {editing ? <ItemForm m={m} agenda={agenda} item={item} onDone={() => setEditing(false)} /> : null}
    </li>
  );
}

/** A delegation asks for an item; it waits, without a number, for the Chair. */
function RequestForm({ m }: { m: Meeting }) {
  const intl = useIntl();
  const action = useMeetingAction();
  const [title, setTitle] = useState<Record<string, string>>({});
  const [explanation, setExplanation] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run(() => meetingsApi.requestItem(m.id, filled(title), explanation.trim() || undefined))) {
      setTitle({});
      setExplanation('');
    }
  };
  return (
    <form className="meeting-form" onSubmit={submit} noValidate aria-labelledby="request-heading">
      <h2 id="request-heading">
        <FormattedMessage id="meetings.agenda.requestTitle" />
      </h2>
      <TitleInputs legend={intl.formatMessage({ id: 'meetings.agenda.itemTitle' })} prefix="title" values={title} onChange={setTitle} errors={action.errors} />
      <TextField name="explanation" multiline label={<FormattedMessage id="meetings.agenda.explanation" />} value={explanation} onChange={setExplanation} errors={action.errors} />
      <FormOutcome error={action.error} saved={action.saved} />
      <SubmitButton busy={action.busy}>
        <FormattedMessage id="meetings.agenda.requestSubmit" />
      </SubmitButton>
    </form>
  );
}

function RequestRow({ m, item }: { m: Meeting; item: AgendaItem }) {
  const intl = useIntl();
  const action = useMeetingAction();
  const [note, setNote] = useState('');
  const decide = (accept: boolean) => void action.run(() => meetingsApi.decideRequest(m.id, item.id, accept, note.trim() || undefined));
  return (
    <li className="meeting-request" data-testid="agenda-request">
      <p className="meeting-request__title">
        <Localized value={item.title} /> <span className="meeting-request__by">({item.requestedBy})</span>{' '}
        <span className={`meeting-pill meeting-pill--${item.status}`}>
          <FormattedMessage id={`meetings.agenda.request.${item.status}`} />
        </span>
      </p>
      {item.explanation ? <p dir="auto">{item.explanation}</p> : null}
      {item.decisionNote ? (
        <p>
          <FormattedMessage id="meetings.agenda.note" />: <span dir="auto">{item.decisionNote}</span>
        </p>
      ) : null}
      {m.can.chair && item.status === 'requested' ? (
        <div className="meeting-request__decide">
          <TextField name={`note-${item.id}`} label={<FormattedMessage id="meetings.agenda.note" />} value={note} onChange={setNote} errors={action.errors} />
          <div className="meeting-actions">
            <button type="button" className="button" disabled={action.busy} onClick={() => decide(true)} aria-label={intl.formatMessage({ id: 'meetings.agenda.acceptNamed' }, { title: pickLocalized(item.title, intl.locale)?.text ?? '' })}>
              <FormattedMessage id="meetings.agenda.accept" />
            </button>
            <button type="button" className="button meeting-button--secondary" disabled={action.busy} onClick={() => decide(false)} aria-label={intl.formatMessage({ id: 'meetings.agenda.declineNamed' }, { title: pickLocalized(item.title, intl.locale)?.text ?? '' })}>
              <FormattedMessage id="meetings.agenda.decline" />
            </button>
          </div>
        </div>
      ) : null}
      {action.error ? <ProblemMessage error={action.error} /> : null}
    </li>
  );
}

/**
 * The Chair or the Secretariat adopts the agenda on a decision taken through the decisions module:
 * one of this body's decisions adopted by consensus. The API checks that it is of this meeting and
 * that its finding was "no objection", and its refusal is shown at the field.
 */
function AdoptByDecisionForm({ m }: { m: Meeting }) {
  const intl = useIntl();
  const action = useMeetingAction();
  const [decisionId, setDecisionId] = useState('');
  const decisions = useQuery(decisionListQuery({ body: m.body.code, state: 'adopted' }));
  const options = (decisions.data?.items ?? []).map((d) => {
    const symbol = d.textDocument?.symbol ?? d.outcomeDocument?.symbol;
    const title = titleIn(d.title, intl.locale).text;
    return { value: d.id, label: symbol ? intl.formatMessage({ id: 'meetings.decisionOption' }, { symbol, title }) : title };
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(() => meetingsApi.adoptAgenda(m.id, decisionId));
  };
  return (
    <form className="meeting-form meeting-panel" onSubmit={submit} noValidate aria-labelledby="adopt-decision-heading">
      <h2 id="adopt-decision-heading">
        <FormattedMessage id="meetings.agenda.adoptByDecisionTitle" />
      </h2>
      {decisions.isError ? <ProblemMessage error={decisions.error} /> : null}
      {decisions.isPending ? (
        <Loading />
      ) : options.length ? (
        <>
          <SelectField
            name="decisionId"
            label={<FormattedMessage id="meetings.agenda.decision" />}
            hint={<FormattedMessage id="meetings.agenda.decisionHint" />}
            value={decisionId}
            onChange={setDecisionId}
            errors={action.errors}
            options={[{ value: '', label: intl.formatMessage({ id: 'meetings.chooseDecision' }) }, ...options]}
          />
          <FormOutcome error={action.error} saved={false} />
          <SubmitButton busy={action.busy}>
            <FormattedMessage id="meetings.agenda.adoptByDecision" />
          </SubmitButton>
        </>
      ) : decisions.isSuccess ? (
        <p>
          <FormattedMessage id="meetings.agenda.noAdoptedDecisions" />
        </p>
      ) : null}
    </form>
  );
}

function AgendaPage() {
  const { meetingId } = meetingAgendaRoute.useParams();
  const intl = useIntl();
  const m = useQuery(meetingQuery(meetingId));
  const agenda = useQuery(agendaQuery(meetingId));
  const adopt = useMeetingAction();
  useDocumentTitle(intl.formatMessage({ id: 'meetings.agenda.title' }));
  if (m.isPending || agenda.isPending) return <Loading />;
  if (m.isError) return <ProblemMessage error={m.error} headingLevel={1} />;
  if (agenda.isError) return <ProblemMessage error={agenda.error} headingLevel={1} />;
  const provisional = agenda.data.status === 'provisional' && m.data.status !== 'closed' && m.data.status !== 'record-final';
  const editable = m.data.can.chair && provisional;
  return (
    <article className="meeting">
      <h1>
        <FormattedMessage id="meetings.agenda.title" /> — <Localized value={m.data.name} />
      </h1>
      <MeetingNav meeting={m.data} current="agenda" />
      <section aria-labelledby="agenda-list-heading" className="meeting-agenda">
        <h2 id="agenda-list-heading">
          <FormattedMessage id={agenda.data.status === 'adopted' ? 'meetings.agenda.adopted' : 'meetings.agenda.provisional'} />
        </h2>
        {agenda.data.items.length ? (
          <ol className="meeting-agenda__list meeting-agenda__list--edit">
            {agenda.data.items.map((i) => (
              <AgendaRow key={i.id} m={m.data} agenda={agenda.data} item={i} editable={editable} />
            ))}
          </ol>
        ) : (
          <p>
            <FormattedMessage id="meetings.agenda.empty" />
          </p>
        )}
        {m.data.can.chair && provisional && m.data.status === 'in-session' ? (
          <div className="meeting-actions">
            <button type="button" className="button" disabled={adopt.busy} onClick={() => void adopt.run(() => meetingsApi.adoptAgenda(m.data.id))}>
              <FormattedMessage id="meetings.agenda.adopt" />
            </button>
            {adopt.error ? <ProblemMessage error={adopt.error} /> : null}
          </div>
        ) : null}
        {agenda.data.status === 'adopted' && agenda.data.decisionId ? (
          <p data-testid="agenda-decision">
            <FormattedMessage id="meetings.agenda.adoptedByDecision" />{' '}
            <Link to="/decisions/$id" params={{ id: agenda.data.decisionId }}>
              <FormattedMessage id="meetings.agenda.openDecision" />
            </Link>
          </p>
        ) : null}
      </section>
      {m.data.can.chair && provisional ? <AdoptByDecisionForm m={m.data} /> : null}
      {editable ? (
        <section aria-labelledby="add-item-heading" className="meeting-panel">
          <ItemForm m={m.data} agenda={agenda.data} />
        </section>
      ) : null}
      {agenda.data.requests.length ? (
        <section aria-labelledby="requests-heading" className="meeting-panel">
          <h2 id="requests-heading">
            <FormattedMessage id="meetings.agenda.requests" />
          </h2>
          <ul className="meeting-requests">
            {agenda.data.requests.map((r) => (
              <RequestRow key={r.id} m={m.data} item={r} />
            ))}
          </ul>
        </section>
      ) : null}
      {m.data.can.requestItem && provisional ? (
        <section className="meeting-panel" aria-labelledby="request-heading">
          <RequestForm m={m.data} />
        </section>
      ) : null}
    </article>
  );
}

export const meetingAgendaRoute = createRoute({ getParentRoute: () => rootRoute, path: '/meetings/$meetingId/agenda', component: AgendaPage });
