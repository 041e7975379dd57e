import { useQuery } from '@tanstack/react-query';
import { createRoute } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { isProfileMissing, profileQuery } from '../api/queries.ts';
import type { Profile } from '../api/types.ts';
import { AwaitingMyStateWidget } from '../components/decisions/awaiting-widget.tsx';
import { Loading, Notice, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { intlDataLocale, languageList, regionName, timeZoneNames } from '../i18n/display-names.ts';
import { pickLocalized } from '../i18n/localized-text.ts';
import { rootRoute } from './root.tsx';
import './home.css';

function ForumFacts({ profile }: { profile: Profile }) {
  const intl = useIntl();
  const name = pickLocalized(profile.name, intl.locale);
  const abbreviation = pickLocalized(profile.abbreviation, intl.locale);
  const city = pickLocalized(profile.seat.city, intl.locale);
  // Names of languages, countries and zones come from the browser's Intl data, in a fallback
  // language when the browser has none for the UI language; `dataLang` marks those elements.
  const dataLocale = intlDataLocale(intl.locale);
  const dataLang = dataLocale === intl.locale ? undefined : dataLocale;
  const country = regionName(profile.seat.country, dataLocale);
  const zone = timeZoneNames(profile.timeZone, dataLocale);

  return (
    <article className="home">
      <header className="home__intro">
        {abbreviation ? (
          <p className="home__abbr" lang={abbreviation.lang || undefined} dir="auto">
            {abbreviation.text}
          </p>
        ) : null}
        <h1 className="home__title" lang={name?.lang || undefined} dir="auto">
          {name?.text}
        </h1>
      </header>

      <section className="facts" aria-labelledby="forum-facts-heading">
        <h2 id="forum-facts-heading" className="facts__heading">
          <FormattedMessage id="home.factsHeading" />
        </h2>
        <dl className="facts__list">
          {abbreviation ? (
            <div className="facts__item">
              <dt>
                <FormattedMessage id="home.abbreviation" />
              </dt>
              <dd lang={abbreviation.lang || undefined} dir="auto">
                {abbreviation.text}
              </dd>
            </div>
          ) : null}
          <div className="facts__item">
            <dt>
              <FormattedMessage id="home.seat" />
            </dt>
            <dd>
              <FormattedMessage
                id="home.seatValue"
                values={{
                  city: (
                    <span key="city" lang={city?.lang || undefined} dir="auto">
                      {city?.text}
                    </span>
                  ),
                  country: (
                    <span key="country" lang={dataLang}>
                      {country}
                    </span>
                  ),
                }}
              />
            </dd>
          </div>
          <div className="facts__item">
            <dt>
              <FormattedMessage id="home.timeZone" />
            </dt>
            <dd>
              {zone ? (
                <span lang={dataLang}>
                  <FormattedMessage id="home.timeZoneValue" values={zone} />
                </span>
              ) : null}
              <span className="facts__aside">
                <span lang="en" dir="ltr">
                  {profile.timeZone}
                </span>
              </span>
            </dd>
          </div>
          <div className="facts__item">
            <dt>
              <FormattedMessage id="home.officialLanguages" />
            </dt>
            <dd lang={dataLang}>{languageList(profile.officialLanguages, dataLocale)}</dd>
          </div>
          <div className="facts__item">
            <dt>
              <FormattedMessage id="home.workingLanguages" />
            </dt>
            <dd lang={dataLang}>{languageList(profile.workingLanguages, dataLocale)}</dd>
          </div>
        </dl>
      </section>
      <AwaitingMyStateWidget />
    </article>
  );
}

function HomePage() {
  const intl = useIntl();
  const profile = useQuery(profileQuery);
  useDocumentTitle(intl.formatMessage({ id: 'home.title' }));

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
  return <ForumFacts profile={profile.data} />;
}

export const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: HomePage,
});
