import { useQuery } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isProfileMissing } from '../api/queries.ts';
import { chairmanshipsQuery, type FullProfile, fullProfileQuery, abilitiesQuery, secretariatHeadsQuery } from '../api/registry.ts';
import { English, Localized, PartialDate, Uncertain } from '../components/portal/portal-bits.tsx';
import { Loading, Notice, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { intlDataLocale, languageList, regionName } from '../i18n/display-names.ts';
import { rootRoute } from './root.tsx';

function Fact(props: { term: ReactNode; children: ReactNode; uncertain?: boolean }) {
  return (
    <div className="portal-facts__item">
      <dt>{props.term}</dt>
      <dd>
        {props.children}
        {props.uncertain ? <Uncertain /> : null}
      </dd>
    </div>
  );
}

function Leadership() {
  const chairs = useQuery(chairmanshipsQuery);
  const heads = useQuery(secretariatHeadsQuery);
  const intl = useIntl();
  const dataLocale = intlDataLocale(intl.locale);
  const current = chairs.data?.current;
  const head = heads.data?.heads.find((h) => h.current && h.role === 'head');
  if (chairs.isPending || heads.isPending) return <Loading />;
  return (
    <section className="portal-section" aria-labelledby="about-leadership">
      <h2 id="about-leadership">
        <FormattedMessage id="portal.about.leadershipHeading" />
      </h2>
      <dl className="portal-facts">
        <Fact term={<FormattedMessage id="portal.about.chair" />} uncertain={Boolean(current?.uncertain)}>
          {current ? (
            <>
              <Link to="/parties/$code" params={{ code: current.party.code }}>
                <Localized value={current.party.shortNames} />
              </Link>
              <span>
                <FormattedMessage id="portal.about.since" values={{ date: <PartialDate key="d" value={current.start} /> }} />
              </span>
            </>
          ) : (
            <FormattedMessage id="portal.chair.none" />
          )}
        </Fact>
        {head ? (
          <Fact term={<Localized value={head.title} />} uncertain={Boolean(head.uncertain)}>
            <span lang="en" dir="auto">
              {head.name}
            </span>
            {head.nationality ? <span lang={dataLocale === intl.locale ? undefined : dataLocale}>({regionName(head.nationality, dataLocale)})</span> : null}
            {head.start ? (
              <span>
                <FormattedMessage id="portal.about.since" values={{ date: <PartialDate key="d" value={head.start} /> }} />
              </span>
            ) : null}
          </Fact>
        ) : null}
      </dl>
    </section>
  );
}

function Decisions({ profile }: { profile: FullProfile }) {
  const c = profile.consensus;
  const uncertain = (field: string) => profile.uncertain.includes(field);
  return (
    <section className="portal-section" aria-labelledby="about-decisions">
      <h2 id="about-decisions">
        <FormattedMessage id="portal.about.decisionsHeading" />
      </h2>
      <ul className="portal-prose">
        <li>
          <FormattedMessage id={c.definition === 'unanimity' ? 'portal.about.consensus.unanimity' : 'portal.about.consensus.noObjection'} />{' '}
          {uncertain('consensus.definition') ? <Uncertain /> : null}
        </li>
        <li>
          <FormattedMessage id={c.observersMayComment ? 'portal.about.observersMayComment' : 'portal.about.observersMayNotComment'} />{' '}
          {uncertain('consensus.observersMayComment') ? <Uncertain /> : null}
        </li>
        <li>
          <FormattedMessage id="portal.about.silence" values={{ days: c.silenceDays, hour: c.silenceClosingHour }} />{' '}
          {uncertain('consensus.silenceDays') || uncertain('consensus.silenceClosingHour') ? <Uncertain /> : null}
        </li>
        {c.requireWorkingLanguagesReady ? (
          <li>
            <FormattedMessage id="portal.about.languagesReady" />{' '}
            {uncertain('consensus.requireWorkingLanguagesReady') ? <Uncertain /> : null}
          </li>
        ) : null}
      </ul>
      {profile.uncertain.length > 0 ? (
        <p className="portal-muted">
          <FormattedMessage id="portal.about.defaultsNote" />
        </p>
      ) : null}
    </section>
  );
}

function AboutPage() {
  const intl = useIntl();
  useDocumentTitle(intl.formatMessage({ id: 'portal.about.title' }));
  const profile = useQuery(fullProfileQuery);
  const abilities = useQuery(abilitiesQuery);

  if (profile.isPending) return <Loading />;
  if (profile.isError) {
    if (isProfileMissing(profile.error)) {
      return (
        <Notice tone="info" headingLevel={1} title={<FormattedMessage id="profile.missing.title" />}>
          <p>
            <FormattedMessage id="profile.missing.body" />
          </p>
        </Notice>
      );
    }
    return <ProblemMessage error={profile.error} headingLevel={1} onRetry={() => void profile.refetch()} />;
  }
  const p = profile.data;
  const dataLocale = intlDataLocale(intl.locale);
  const dataLang = dataLocale === intl.locale ? undefined : dataLocale;
  const uncertain = (field: string) => p.uncertain.includes(field);

  return (
    <article>
      <div className="portal-heading-row">
        <h1>
          <FormattedMessage id="portal.about.title" />
        </h1>
        {abilities.data?.canEdit ? (
          <Link className="portal-edit" to="/admin/profile">
            <FormattedMessage id="portal.admin.editProfile" />
          </Link>
        ) : null}
      </div>
      <p className="portal-lead">
        <Localized value={p.name} />
      </p>

      <section className="portal-section" aria-labelledby="about-facts">
        <h2 id="about-facts" className="sr-only">
          <FormattedMessage id="portal.about.factsHeading" />
        </h2>
        <dl className="portal-facts">
          <Fact term={<FormattedMessage id="portal.about.name" />}>
            <Localized value={p.name} />
          </Fact>
          <Fact term={<FormattedMessage id="portal.about.abbreviation" />}>
            <Localized value={p.abbreviation} />
          </Fact>
          {p.foundedYear ? (
            <Fact term={<FormattedMessage id="portal.about.founded" />} uncertain={uncertain('foundedYear')}>
              <PartialDate value={String(p.foundedYear)} />
            </Fact>
          ) : null}
          <Fact term={<FormattedMessage id="portal.about.seat" />}>
            {/* One flex item: the message's pieces must not be spread apart by the row's gap. */}
            <span>
              <FormattedMessage
              id="portal.about.seatValue"
              values={{
                city: (
                  <English key="city">{p.seat.city}</English>
                ),
                country: (
                  <span key="country" lang={dataLang}>
                    {regionName(p.seat.country, dataLocale)}
                  </span>
                ),
              }}
              />
            </span>
          </Fact>
          <Fact term={<FormattedMessage id="portal.about.officialLanguages" />} uncertain={uncertain('officialLanguages')}>
            <span lang={dataLang}>{languageList(p.officialLanguages, dataLocale)}</span>
          </Fact>
          <Fact term={<FormattedMessage id="portal.about.workingLanguages" />} uncertain={uncertain('workingLanguages')}>
            <span lang={dataLang}>{languageList(p.workingLanguages, dataLocale)}</span>
          </Fact>
          <Fact term={<FormattedMessage id="portal.about.symbolPrefix" />}>
            <code dir="ltr">{p.symbolPrefix}/…</code>
          </Fact>
        </dl>
      </section>

      <Decisions profile={p} />
      <Leadership />

      <section className="portal-section" aria-labelledby="about-more">
        <h2 id="about-more">
          <FormattedMessage id="portal.about.more" />
        </h2>
        <ul className="portal-prose">
          <li>
            <Link to="/members">
              <FormattedMessage id="portal.members.title" />
            </Link>
          </li>
          <li>
            <Link to="/bodies">
              <FormattedMessage id="portal.bodies.title" />
            </Link>
          </li>
          <li>
            <Link to="/chairmanship">
              <FormattedMessage id="portal.chair.title" />
            </Link>
          </li>
        </ul>
      </section>
    </article>
  );
}

export const aboutRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/about',
  component: AboutPage,
});
