import { useQuery } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../api/client.ts';
import { abilitiesQuery, type Party, partyQuery } from '../api/registry.ts';
import { CodeBadge, Localized, PartialDate, Uncertain } from '../components/portal/portal-bits.tsx';
import { Loading, Notice, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { languageName, intlDataLocale } from '../i18n/display-names.ts';
import { pickLocalized } from '../i18n/localized-text.ts';
import { StatusSince } from './members.tsx';
import { rootRoute } from './root.tsx';
import './party.css';

function StartOf({ from, knownBy }: { from: string | null; knownBy: string | null }) {
  if (from) return <PartialDate value={from} />;
  if (knownBy) return <FormattedMessage id="portal.party.startKnownBy" values={{ date: <PartialDate key="d" value={knownBy} /> }} />;
  return <FormattedMessage id="portal.party.notKnown" />;
}

function History({ party }: { party: Party }) {
  return (
    <section className="portal-section" aria-labelledby="party-history">
      <h2 id="party-history">
        <FormattedMessage id="portal.party.history" />
      </h2>
      {party.history.length === 0 ? (
        <p>
          <FormattedMessage id="portal.status.none" />
        </p>
      ) : (
        <div className="party-history__scroll">
          <table className="party-history">
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="portal.party.col.status" />
                </th>
                <th scope="col">
                  <FormattedMessage id="portal.party.col.from" />
                </th>
                <th scope="col">
                  <FormattedMessage id="portal.party.col.to" />
                </th>
                <th scope="col">
                  <FormattedMessage id="portal.party.col.decision" />
                </th>
                <th scope="col">
                  <FormattedMessage id="portal.party.col.notes" />
                </th>
              </tr>
            </thead>
            <tbody>
              {party.history.map((h) => (
                <tr key={h.id}>
                  <th scope="row">
                    <FormattedMessage id={`portal.status.${h.status}`} />
                  </th>
                  <td>
                    <StartOf from={h.from} knownBy={h.knownBy} />
                  </td>
                  <td>{h.to ? <PartialDate value={h.to} /> : <FormattedMessage id="portal.party.present" />}</td>
                  <td>{h.decisionRef ? <code dir="ltr">{h.decisionRef}</code> : '—'}</td>
                  <td>{h.uncertain ? <Uncertain note={h.uncertain} showNote /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Contacts({ party }: { party: Party }) {
  // The API sends `contact` only to members and the Secretariat; for everyone else there is no section.
  if (party.contact === undefined) return null;
  const c = party.contact;
  return (
    <section className="portal-section" aria-labelledby="party-contacts">
      <h2 id="party-contacts">
        <FormattedMessage id="portal.party.contacts" />
      </h2>
      <p className="portal-muted">
        <FormattedMessage id="portal.party.contactsNote" />
      </p>
      {c && (c.address || c.email || c.phone) ? (
        <dl className="portal-facts">
          {c.address ? (
            <div className="portal-facts__item">
              <dt>
                <FormattedMessage id="portal.party.address" />
              </dt>
              <dd>
                <span className="party-contact__address" dir="auto">
                  {c.address}
                </span>
              </dd>
            </div>
          ) : null}
          {c.email ? (
            <div className="portal-facts__item">
              <dt>
                <FormattedMessage id="portal.party.email" />
              </dt>
              <dd>
                <a href={`mailto:${c.email}`} dir="ltr">
                  {c.email}
                </a>
              </dd>
            </div>
          ) : null}
          {c.phone ? (
            <div className="portal-facts__item">
              <dt>
                <FormattedMessage id="portal.party.phone" />
              </dt>
              <dd>
                <a href={`tel:${c.phone.replace(/[^+0-9]/g, '')}`} dir="ltr">
                  {c.phone}
                </a>
              </dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <p>
          <FormattedMessage id="portal.party.noContacts" />
        </p>
      )}
    </section>
  );
}

function PartyPage() {
  const intl = useIntl();
  const { code } = partyRoute.useParams();
  const party = useQuery(partyQuery(code.toUpperCase()));
  const abilities = useQuery(abilitiesQuery);
  const title = party.data ? (pickLocalized(party.data.shortNames, intl.locale)?.text ?? party.data.code) : code.toUpperCase();
  useDocumentTitle(title);

  if (party.isPending) return <Loading />;
  if (party.isError) {
    if (isApiError(party.error) && party.error.status === 404) {
      return (
        <Notice tone="info" headingLevel={1} title={<FormattedMessage id="portal.party.notFound" />}>
          <p>
            <Link to="/members">
              <FormattedMessage id="portal.party.back" />
            </Link>
          </p>
        </Notice>
      );
    }
    return <ProblemMessage error={party.error} headingLevel={1} onRetry={() => void party.refetch()} />;
  }
  const p = party.data;
  const dataLocale = intlDataLocale(intl.locale);
  const otherNames = Object.entries(p.names).filter(([lang]) => lang !== intl.locale);

  return (
    <article>
      <p>
        <Link to="/members">
          <FormattedMessage id="portal.party.back" />
        </Link>
      </p>
      <div className="party-head">
        <CodeBadge code={p.code} flag={p.flag} />
        <div className="party-head__titles">
          <Localized value={p.names} as="h1" className="party-head__name" />
          {pickLocalized(p.shortNames, intl.locale)?.text !== pickLocalized(p.names, intl.locale)?.text ? (
            <Localized value={p.shortNames} className="party-head__short" />
          ) : null}
        </div>
        {abilities.data?.canEdit ? (
          <Link className="portal-edit" to="/admin/parties/$code" params={{ code: p.code }}>
            <FormattedMessage id="portal.admin.editParty" />
          </Link>
        ) : null}
      </div>

      <dl className="portal-facts">
        <div className="portal-facts__item">
          <dt>
            <FormattedMessage id="portal.party.code" />
          </dt>
          <dd>
            <code dir="ltr">{p.code}</code>
            {p.isoAlpha3 ? <code dir="ltr">{p.isoAlpha3}</code> : null}
          </dd>
        </div>
        <div className="portal-facts__item">
          <dt>
            <FormattedMessage id="portal.party.kind" />
          </dt>
          <dd>
            <FormattedMessage id={`portal.kind.${p.kind}`} />
          </dd>
        </div>
        <div className="portal-facts__item">
          <dt>
            <FormattedMessage id="portal.party.status" />
          </dt>
          <dd>
            <span>
              <StatusSince party={p} />
            </span>
            {p.since?.uncertain ? <Uncertain /> : null}
          </dd>
        </div>
      </dl>

      <History party={p} />

      {p.agreements.length > 0 ? (
        <section className="portal-section" aria-labelledby="party-agreements">
          <h2 id="party-agreements">
            <FormattedMessage id="portal.party.agreements" />
          </h2>
          <ul className="portal-prose">
            {p.agreements.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: agreements have no id and never reorder on the page
              <li key={i}>
                <FormattedMessage id={`portal.party.agreement.${a.kind}`} />
                {' — '}
                {a.signed ? (
                  <FormattedMessage id="portal.party.signed" values={{ date: <PartialDate key="d" value={a.signed} /> }} />
                ) : (
                  <FormattedMessage id="portal.party.notKnown" />
                )}{' '}
                {a.uncertain ? <Uncertain note={a.uncertain} showNote /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {p.notes.length > 0 ? (
        <section className="portal-section" aria-labelledby="party-notes">
          <h2 id="party-notes">
            <FormattedMessage id="portal.party.notes" />
          </h2>
          <ul className="portal-prose">
            {p.notes.map((n) => (
              <li key={n} lang="en" dir="ltr">
                {n}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Contacts party={p} />

      {otherNames.length > 0 ? (
        <section className="portal-section" aria-labelledby="party-names">
          <h2 id="party-names">
            <FormattedMessage id="portal.party.names" />
          </h2>
          <dl className="portal-facts">
            {otherNames.map(([lang, name]) => (
              <div className="portal-facts__item" key={lang}>
                <dt lang={dataLocale === intl.locale ? undefined : dataLocale}>{languageName(lang, dataLocale)}</dt>
                <dd>
                  <span lang={lang} dir="auto">
                    {name}
                  </span>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
    </article>
  );
}

export const partyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/parties/$code',
  component: PartyPage,
});
