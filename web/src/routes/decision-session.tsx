import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { meQuery } from '../api/account.ts';
import { type Decision, decisionQuery, decisionsApi, decisionsKey, titleIn } from '../api/decisions.ts';
import { documentQuery, languageTextQuery } from '../api/documents.ts';
import { meetingQuery } from '../api/meetings.ts';
import { partiesQuery } from '../api/registry.ts';
import { DecisionStateBadge, StateName, viewerTimeZone } from '../components/decisions/decision-bits.tsx';
import { Outcome } from '../components/decisions/outcome.tsx';
import { Loading, Notice, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { intlDataLocale, regionName } from '../i18n/display-names.ts';
import { pickLocalized } from '../i18n/localized-text.ts';
import { rootRoute } from './root.tsx';
import './decisions.css';

/** The text the Chair presents: the draft in the reader's language when it is ready, else its original. */
function PresentedText({ documentId }: { documentId: string }) {
  const intl = useIntl();
  const doc = useQuery(documentQuery(documentId));
  const primary = intl.locale.split('-')[0];
  const ready = doc.data?.languages.filter((l) => l.status === 'ready').map((l) => l.language) ?? [];
  const lang = ready.includes(primary) ? primary : (doc.data?.originalLanguage ?? null);
  const text = useQuery({ ...languageTextQuery(documentId, lang ?? ''), enabled: !!lang });
  if (doc.isPending || (lang && text.isPending)) return <Loading />;
  if (doc.isError) return <ProblemMessage error={doc.error} />;
  return (
    <div className="dec-text" lang={lang ?? undefined} dir="auto">
      <p className="dec-zone" dir="ltr">
        {doc.data.symbol}
      </p>
      {(text.data?.paragraphs ?? []).map((p) => (
        <p key={p.n}>{p.plain}</p>
      ))}
    </div>
  );
}

function MeetingName({ id }: { id: string }) {
  const intl = useIntl();
  const meeting = useQuery(meetingQuery(id));
  if (!meeting.data) return null;
  const name = pickLocalized(meeting.data.title, intl.locale);
  return (
    <p className="dec-page__meta">
      <FormattedMessage
        id="decisions.session.meeting"
        values={{
          meeting: (
            <Link key="m" to="/meetings/$meetingId" params={{ meetingId: id }} lang={name?.lang}>
              {name?.text}
            </Link>
          ),
        }}
      />
    </p>
  );
}

/** The Chair's finding: no objection (adopted), or objection by the states named; recorded with the time. */
function FindingForm({ decision }: { decision: Decision }) {
  const intl = useIntl();
  const ids = useId();
  const queryClient = useQueryClient();
  const parties = useQuery(partiesQuery);
  const [outcome, setOutcome] = useState<'no-objection' | 'objection' | null>(null);
  const [objectors, setObjectors] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const [state, setState] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  const dataLocale = intlDataLocale(intl.locale);
  // The member states today (a decision presented and found on in one step has no members recorded yet).
  const members = (parties.data?.parties ?? [])
    .filter((p) => p.kind === 'member-state')
    .map((p) => ({ partyCode: p.code }))
    .sort((a, b) => regionName(a.partyCode, dataLocale).localeCompare(regionName(b.partyCode, dataLocale), dataLocale));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!outcome) return;
    if (outcome === 'objection' && objectors.length === 0) {
      setMissing(true);
      return;
    }
    setState({ busy: true, error: null });
    try {
      await decisionsApi.finding(decision.id, outcome, outcome === 'objection' ? objectors : [], note.trim());
      await queryClient.invalidateQueries({ queryKey: decisionsKey });
      setState({ busy: false, error: null });
    } catch (error) {
      setState({ busy: false, error });
    }
  };

  return (
    <form className="dec-panel" onSubmit={(e) => void submit(e)} aria-labelledby={`${ids}-q`}>
      <fieldset>
        <legend id={`${ids}-q`} className="dec-question">
          <FormattedMessage id="decisions.session.question" />
        </legend>
        <label className="dec-choice">
          <input type="radio" name={`${ids}-o`} checked={outcome === 'no-objection'} onChange={() => setOutcome('no-objection')} />
          <FormattedMessage id="decisions.session.noObjection" />
        </label>
        <label className="dec-choice">
          <input type="radio" name={`${ids}-o`} checked={outcome === 'objection'} onChange={() => setOutcome('objection')} />
          <FormattedMessage id="decisions.session.objection" />
        </label>
      </fieldset>
      {outcome === 'objection' ? (
        <fieldset aria-describedby={missing ? `${ids}-missing` : undefined}>
          <legend>
            <FormattedMessage id="decisions.session.objectors" />
          </legend>
          {missing ? (
            <p id={`${ids}-missing`} className="dec-field__error" role="alert">
              <FormattedMessage id="decisions.session.objectorsRequired" />
            </p>
          ) : null}
          <div className="dec-states">
            {members.map((m) => (
              <label key={m.partyCode} className="dec-choice">
                <input
                  type="checkbox"
                  checked={objectors.includes(m.partyCode)}
                  onChange={(e) => {
                    setMissing(false);
                    setObjectors((o) => (e.target.checked ? [...o, m.partyCode] : o.filter((c) => c !== m.partyCode)));
                  }}
                />
                <StateName code={m.partyCode} />
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className="dec-field">
        <label htmlFor={`${ids}-note`}>
          <FormattedMessage id="decisions.session.note" />
        </label>
        <input id={`${ids}-note`} type="text" dir="auto" maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div>
        <button type="submit" className="button" disabled={!outcome || state.busy}>
          <FormattedMessage id="decisions.session.record" />
        </button>
      </div>
      {state.error ? <ProblemMessage error={state.error} /> : null}
    </form>
  );
}

function DecisionSessionPage() {
  const intl = useIntl();
  const { id } = decisionSessionRoute.useParams();
  const me = useQuery(meQuery);
  const decision = useQuery(decisionQuery(id));
  const title = decision.data ? titleIn(decision.data.title, intl.locale) : null;
  useDocumentTitle(`${intl.formatMessage({ id: 'decisions.session.title' })}: ${title?.text ?? ''}`);

  if (decision.isPending) return <Loading />;
  if (decision.isError) return <ProblemMessage error={decision.error} headingLevel={1} onRetry={() => void decision.refetch()} />;
  const d = decision.data;
  const zone = viewerTimeZone(me.data?.user.timeZone);
  return (
    <article className="dec-page dec-session">
      <header className="dec-section">
        <p className="dec-page__meta">
          <Link to="/decisions/$id" params={{ id }}>
            <FormattedMessage id="decisions.backToList" />
          </Link>
        </p>
        <p className="dec-eyebrow">
          <FormattedMessage id="decisions.session.title" />
        </p>
        <h1 lang={title?.lang} dir="auto">
          {title?.text}
        </h1>
        <p className="dec-page__meta">
          <DecisionStateBadge state={d.state} />
          <span>
            <FormattedMessage id="decisions.meta.body" values={{ body: <span key="b" dir="ltr">{d.bodyCode}</span> }} />
          </span>
        </p>
        {d.meetingId ? <MeetingName id={d.meetingId} /> : null}
      </header>

      <section className="dec-section dec-step" aria-labelledby="dec-s1">
        <h2 id="dec-s1">
          <FormattedMessage id="decisions.session.step1" />
        </h2>
        {d.textDocument ? (
          <PresentedText documentId={d.textDocument.id} />
        ) : (
          <p>
            <FormattedMessage id="decisions.session.noText" />
          </p>
        )}
      </section>

      {d.finding ? (
        <Outcome decision={d} zone={zone}>
          {d.finding.onBehalfOfChair ? (
            <p>
              <FormattedMessage id="decisions.session.onBehalf" />
            </p>
          ) : null}
        </Outcome>
      ) : d.can.recordFinding ? (
        <section className="dec-section dec-step" aria-labelledby="dec-s2">
          <h2 id="dec-s2">
            <FormattedMessage id="decisions.session.step2" />
          </h2>
          <FindingForm decision={d} />
        </section>
      ) : (
        <Notice tone="info" title={<FormattedMessage id="decisions.session.title" />}>
          <p>
            <FormattedMessage id="decisions.session.notHere" />
          </p>
        </Notice>
      )}
    </article>
  );
}

export const decisionSessionRoute = createRoute({ getParentRoute: () => rootRoute, path: '/decisions/$id/session', component: DecisionSessionPage });
