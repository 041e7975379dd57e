import { useQuery } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { type ChairTerm, chairmanshipsQuery, abilitiesQuery } from '../api/registry.ts';
import { CodeBadge, English, Localized, PartialDate, Uncertain } from '../components/portal/portal-bits.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { rootRoute } from './root.tsx';
import './chairmanship.css';

function Term({ term, isCurrent, isAdmin }: { term: ChairTerm; isCurrent: boolean; isAdmin: boolean }) {
  return (
    <li className={`chair-term${isCurrent ? ' chair-term--current' : ''}`} aria-current={isCurrent ? 'true' : undefined}>
      <div className="chair-term__when">
        {term.end ? (
          <FormattedMessage id="portal.chair.term" values={{ start: <PartialDate key="s" value={term.start} />, end: <PartialDate key="e" value={term.end} /> }} />
        ) : (
          <FormattedMessage id="portal.chair.openTerm" values={{ start: <PartialDate key="s" value={term.start} /> }} />
        )}
      </div>
      <div className="chair-term__card">
        <div className="chair-term__head">
          <CodeBadge code={term.party.code} />
          <Link to="/parties/$code" params={{ code: term.party.code }} className="chair-term__party">
            <Localized value={term.party.shortNames} />
          </Link>
          {isCurrent ? (
            <strong className="chair-term__badge">
              <FormattedMessage id="portal.chair.current" />
            </strong>
          ) : null}
        </div>
        <p className="chair-term__how">
          <span className="chair-term__label">
            <FormattedMessage id="portal.chair.decided" />
          </span>{' '}
          <English>{term.howDecided}</English>
        </p>
        {term.decidedOn ? (
          <p className="chair-term__how">
            <FormattedMessage id="portal.chair.decidedOn" values={{ date: <PartialDate key="d" value={term.decidedOn} /> }} />
          </p>
        ) : null}
        {term.uncertain ? <Uncertain note={term.uncertain} showNote /> : null}
        {isAdmin ? (
          <p className="chair-term__how">
            <Link to="/admin/chairmanships/$id" params={{ id: term.id }}>
              <FormattedMessage id="portal.admin.editTerm" />
            </Link>
          </p>
        ) : null}
      </div>
    </li>
  );
}

function ChairmanshipPage() {
  const intl = useIntl();
  useDocumentTitle(intl.formatMessage({ id: 'portal.chair.title' }));
  const chairs = useQuery(chairmanshipsQuery);
  const abilities = useQuery(abilitiesQuery);
  const isAdmin = Boolean(abilities.data?.canEdit);
  const heading = (
    <div className="portal-heading-row">
      <h1>
        <FormattedMessage id="portal.chair.title" />
      </h1>
      {isAdmin ? (
        <Link className="portal-edit" to="/admin/chairmanships/$id" params={{ id: 'new' }}>
          <FormattedMessage id="portal.admin.newTerm" />
        </Link>
      ) : null}
    </div>
  );
  if (chairs.isPending) {
    return (
      <>
        {heading}
        <Loading />
      </>
    );
  }
  if (chairs.isError) {
    return (
      <>
        {heading}
        <ProblemMessage error={chairs.error} onRetry={() => void chairs.refetch()} />
      </>
    );
  }
  const { current, terms } = chairs.data;
  // Newest first: the Chair in office opens the timeline.
  const ordered = [...terms].reverse();
  return (
    <article>
      {heading}
      <p className="portal-lead">
        {current ? (
          <FormattedMessage
            id="portal.chair.summary"
            values={{ party: <Localized key="p" value={current.party.shortNames} />, date: <PartialDate key="d" value={chairs.data.on} /> }}
          />
        ) : (
          <FormattedMessage id="portal.chair.none" />
        )}
      </p>
      <h2>
        <FormattedMessage id="portal.chair.timeline" />
      </h2>
      <ol className="chair-timeline">
        {ordered.map((t) => (
          <Term key={t.id} term={t} isCurrent={current?.id === t.id} isAdmin={isAdmin} />
        ))}
      </ol>
    </article>
  );
}

export const chairmanshipRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/chairmanship',
  component: ChairmanshipPage,
});
