import { useQuery } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { type Party, type PartyKind, partiesQuery } from '../api/registry.ts';
import { yearOf } from '../components/portal/dates.ts';
import { CodeBadge, Localized, PartialDate, Uncertain } from '../components/portal/portal-bits.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import type { MessageId } from '../i18n/messages.ts';
import { pickLocalized } from '../i18n/localized-text.ts';
import { rootRoute } from './root.tsx';
import './members.css';

export const memberFilters = ['members', 'observer-states', 'observer-organizations', 'partners'] as const;
export type MemberFilter = (typeof memberFilters)[number];

const kindOf: Record<MemberFilter, PartyKind> = {
  members: 'member-state',
  'observer-states': 'observer-state',
  'observer-organizations': 'observer-organization',
  partners: 'partner-organization',
};

const filterLabel: Record<MemberFilter, MessageId> = {
  members: 'portal.members.filter.members',
  'observer-states': 'portal.members.filter.observerStates',
  'observer-organizations': 'portal.members.filter.observerOrganizations',
  partners: 'portal.members.filter.partners',
};

/**
 * "Member since 1999", "Observer by December 2023 at the latest", "Partner, date not known", "Partner
 * until 2014". `yearOnly` (the grid) shows the year of the date; the party page shows it as precise as known.
 */
export function StatusSince({ party, yearOnly = false }: { party: Party; yearOnly?: boolean }) {
  const date = (value: string) => <PartialDate key="d" value={yearOnly ? (yearOf(value) ?? value) : value} />;
  if (party.status && party.since) {
    const { from, knownBy } = party.since;
    if (from) return <FormattedMessage id="portal.members.since" values={{ status: party.status, date: date(from) }} />;
    if (knownBy) return <FormattedMessage id="portal.members.knownBy" values={{ status: party.status, date: date(knownBy) }} />;
    return <FormattedMessage id="portal.members.undated" values={{ status: party.status }} />;
  }
  const last = party.history.at(-1);
  if (last?.to) return <FormattedMessage id="portal.members.ended" values={{ status: last.status, date: date(last.to) }} />;
  return <FormattedMessage id="portal.status.none" />;
}

function PartyCard({ party }: { party: Party }) {
  const uncertain = party.since?.uncertain ?? (party.status === null ? party.history.at(-1)?.uncertain : null);
  return (
    <li className="party-card">
      <CodeBadge code={party.code} flag={party.flag} />
      <div className="party-card__body">
        <Link to="/parties/$code" params={{ code: party.code }} className="party-card__name">
          <Localized value={party.shortNames} />
        </Link>
        <p className="party-card__since">
          <StatusSince party={party} yearOnly />
        </p>
        {uncertain ? <Uncertain /> : null}
      </div>
    </li>
  );
}

function MembersPage() {
  const intl = useIntl();
  const kind = membersRoute.useSearch().kind ?? 'members';
  const parties = useQuery(partiesQuery);
  useDocumentTitle(intl.formatMessage({ id: 'portal.members.title' }));

  const heading = (
    <h1>
      <FormattedMessage id="portal.members.title" />
    </h1>
  );
  if (parties.isPending) {
    return (
      <>
        {heading}
        <Loading />
      </>
    );
  }
  if (parties.isError) {
    return (
      <>
        {heading}
        <ProblemMessage error={parties.error} onRetry={() => void parties.refetch()} />
      </>
    );
  }

  const collator = new Intl.Collator([intl.locale]);
  const nameOf = (p: Party) => pickLocalized(p.shortNames, intl.locale)?.text ?? p.code;
  const shown = parties.data.parties.filter((p) => p.kind === kindOf[kind]).sort((a, b) => collator.compare(nameOf(a), nameOf(b)));
  const count = (f: MemberFilter) => parties.data.parties.filter((p) => p.kind === kindOf[f]).length;

  return (
    <article>
      {heading}
      <fieldset className="member-filter">
        <legend className="member-filter__legend">
          <FormattedMessage id="portal.members.filterLabel" />
        </legend>
        {memberFilters.map((f) => (
          <Link key={f} to="/members" search={f === 'members' ? {} : { kind: f }} className="member-filter__option" activeOptions={{ exact: true }}>
            <FormattedMessage id={filterLabel[f]} />
            <span className="member-filter__count">{count(f)}</span>
          </Link>
        ))}
      </fieldset>
      <h2 className="member-grid__heading" aria-live="polite">
        <FormattedMessage id={filterLabel[kind]} />{' '}
        <span className="portal-muted">
          <FormattedMessage id="portal.members.count" values={{ count: shown.length }} />
        </span>
      </h2>
      {shown.length === 0 ? (
        <p>
          <FormattedMessage id="portal.members.empty" />
        </p>
      ) : (
        <ul className="member-grid">
          {shown.map((p) => (
            <PartyCard key={p.code} party={p} />
          ))}
        </ul>
      )}
    </article>
  );
}

export const membersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/members',
  // The default (members) is left out of the address, so the navigation link is just /members.
  validateSearch: (search: Record<string, unknown>): { kind?: MemberFilter } =>
    memberFilters.includes(search.kind as MemberFilter) && search.kind !== 'members' ? { kind: search.kind as MemberFilter } : {},
  component: MembersPage,
});
