import { useQuery } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { type Body, bodiesQuery, abilitiesQuery } from '../api/registry.ts';
import { English, Localized, PartialDate, Uncertain } from '../components/portal/portal-bits.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { rootRoute } from './root.tsx';
import './bodies.css';

function Participants({ body }: { body: Body }) {
  if (body.participants.length === 0) return null;
  return (
    <details className="body-card__participants">
      <summary>
        <FormattedMessage id="portal.bodies.participants" values={{ count: body.participants.length }} />
      </summary>
      <ul>
        {body.participants.map((p) => (
          <li key={`${p.party.code}-${p.role}-${p.scope ?? ''}-${p.from ?? ''}`}>
            {p.scope ? (
              <code dir="ltr" className="body-card__scope">
                {p.scope}
              </code>
            ) : null}{' '}
            <Link to="/parties/$code" params={{ code: p.party.code }}>
              <Localized value={p.party.shortNames} />
            </Link>{' '}
            <span className="portal-muted">
              <FormattedMessage id={`portal.bodies.role.${p.role}`} />
            </span>{' '}
            {p.uncertain ? <Uncertain /> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}

function Frequency({ body }: { body: Body }) {
  const parts = [];
  if (body.everyYears) parts.push(<FormattedMessage key="e" id="portal.bodies.everyYears" values={{ count: body.everyYears }} />);
  if (body.meetingsPerYear) parts.push(<FormattedMessage key="m" id="portal.bodies.perYear" values={{ count: body.meetingsPerYear }} />);
  return (
    <div className="body-card__row">
      <span className="body-card__term">
        <FormattedMessage id="portal.bodies.frequency" />
      </span>{' '}
      {parts.length > 0 ? <span>{parts}. </span> : null}
      {body.frequency.en ? <English className="portal-muted">{body.frequency.en}</English> : null}
    </div>
  );
}

function BodyCard({ body, isAdmin }: { body: Body; isAdmin: boolean }) {
  const intl = useIntl();
  return (
    <div className={`body-card body-card--${body.kind}${body.dissolved ? ' body-card--dissolved' : ''}`}>
      <div className="body-card__head">
        <Localized value={body.names} as="h3" className="body-card__name" />
        <span className="body-card__kind">
          <FormattedMessage id={`portal.bodies.kind.${body.kind}`} />
        </span>
      </div>
      {body.historicNames.map((h) => (
        <p key={h.until} className="body-card__row">
          <FormattedMessage
            id="portal.bodies.formerly"
            values={{ name: <Localized key="n" value={h.names} />, date: <PartialDate key="d" value={h.until} /> }}
          />
        </p>
      ))}
      <Frequency body={body} />
      <div className="body-card__row">
        <span className="body-card__term">
          <FormattedMessage id="portal.bodies.membership" />
        </span>{' '}
        <FormattedMessage id={`portal.bodies.membership.${body.membership}`} />
      </div>
      {body.established || body.dissolved ? (
        <div className="body-card__row">
          {body.established ? <FormattedMessage id="portal.bodies.established" values={{ date: <PartialDate key="d" value={body.established} /> }} /> : null}
          {body.established && body.dissolved ? intl.formatMessage({ id: 'portal.listSeparator' }) : null}
          {body.dissolved ? <FormattedMessage id="portal.bodies.dissolved" values={{ date: <PartialDate key="d" value={body.dissolved} /> }} /> : null}
        </div>
      ) : null}
      {body.uncertain ? (
        <div className="body-card__row">
          <Uncertain note={body.uncertain} showNote />
        </div>
      ) : null}
      <Participants body={body} />
      {isAdmin ? (
        <p className="body-card__row">
          <Link to="/admin/bodies/$code" params={{ code: body.code }}>
            <FormattedMessage id="portal.admin.editBody" values={{ code: body.code }} />
          </Link>
        </p>
      ) : null}
    </div>
  );
}

function Tree({ nodes, childrenOf, isAdmin, label }: { nodes: Body[]; childrenOf: Map<string, Body[]>; isAdmin: boolean; label?: string }) {
  return (
    <ul className="body-tree" aria-label={label}>
      {nodes.map((b) => {
        const kids = childrenOf.get(b.code) ?? [];
        return (
          <li key={b.code} className="body-tree__node">
            <BodyCard body={b} isAdmin={isAdmin} />
            {kids.length > 0 ? (
              <>
                <p className="sr-only">
                  <FormattedMessage id="portal.bodies.reportingTo" values={{ count: kids.length }} />
                </p>
                <Tree nodes={kids} childrenOf={childrenOf} isAdmin={isAdmin} />
              </>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function BodiesPage() {
  const intl = useIntl();
  useDocumentTitle(intl.formatMessage({ id: 'portal.bodies.title' }));
  const bodies = useQuery(bodiesQuery);
  const abilities = useQuery(abilitiesQuery);
  const heading = (
    <h1>
      <FormattedMessage id="portal.bodies.title" />
    </h1>
  );
  if (bodies.isPending) {
    return (
      <>
        {heading}
        <Loading />
      </>
    );
  }
  if (bodies.isError) {
    return (
      <>
        {heading}
        <ProblemMessage error={bodies.error} onRetry={() => void bodies.refetch()} />
      </>
    );
  }
  const all = bodies.data.bodies;
  const codes = new Set(all.map((b) => b.code));
  const childrenOf = new Map<string, Body[]>();
  for (const b of all) {
    if (b.reportsTo && codes.has(b.reportsTo)) childrenOf.set(b.reportsTo, [...(childrenOf.get(b.reportsTo) ?? []), b]);
  }
  const roots = all.filter((b) => !b.reportsTo || !codes.has(b.reportsTo));
  // The reporting tree starts at the decision-making bodies; bodies with no known line stand apart.
  const main = roots.filter((b) => b.kind === 'decision-making' || childrenOf.has(b.code));
  const apart = roots.filter((b) => !main.includes(b));
  const isAdmin = Boolean(abilities.data?.canEdit);

  return (
    <article>
      {heading}
      <p className="portal-lead">
        <FormattedMessage id="portal.bodies.intro" />
      </p>
      <section className="portal-section" aria-labelledby="bodies-main">
        <h2 id="bodies-main">
          <FormattedMessage id="portal.bodies.mainHeading" />
        </h2>
        <div className="body-diagram">
          <Tree nodes={main} childrenOf={childrenOf} isAdmin={isAdmin} label={intl.formatMessage({ id: 'portal.bodies.diagramLabel' })} />
        </div>
      </section>
      {apart.length > 0 ? (
        <section className="portal-section" aria-labelledby="bodies-apart">
          <h2 id="bodies-apart">
            <FormattedMessage id="portal.bodies.otherHeading" />
          </h2>
          <p className="portal-muted">
            <FormattedMessage id="portal.bodies.otherNote" />
          </p>
          <ul className="body-grid">
            {apart.map((b) => (
              <li key={b.code}>
                <BodyCard body={b} isAdmin={isAdmin} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

export const bodiesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/bodies',
  component: BodiesPage,
});
