import { useQuery } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { apiSend, type FullProfile, fullProfileQuery } from '../api/registry.ts';
import { AdminOnly, CheckboxField, compact, FormOutcome, SelectField, SubmitButton, TextField, useAdminForm } from '../components/portal/form.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { LanguageInputs } from './admin-party.tsx';
import { rootRoute } from './root.tsx';

const list = (v: string) =>
  v
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

function ProfileForm({ profile }: { profile: FullProfile }) {
  const intl = useIntl();
  const form = useAdminForm();
  const [name, setName] = useState<Record<string, string>>(profile.name);
  const [abbreviation, setAbbreviation] = useState<Record<string, string>>(profile.abbreviation);
  const [official, setOfficial] = useState(profile.officialLanguages.join(', '));
  const [working, setWorking] = useState(profile.workingLanguages.join(', '));
  const [symbolPrefix, setSymbolPrefix] = useState(profile.symbolPrefix);
  const [participantsOrder, setParticipantsOrder] = useState(profile.participantsOrder ?? '');
  const [city, setCity] = useState(profile.seat.city);
  const [country, setCountry] = useState(profile.seat.country);
  const [timeZone, setTimeZone] = useState(profile.timeZone);
  const [definition, setDefinition] = useState<string>(profile.consensus.definition);
  const [observersMayComment, setObserversMayComment] = useState(profile.consensus.observersMayComment);
  const [silenceDays, setSilenceDays] = useState(String(profile.consensus.silenceDays));
  const [closingHour, setClosingHour] = useState(profile.consensus.silenceClosingHour);
  const [reminders, setReminders] = useState(profile.consensus.reminderDaysBefore.join(', '));
  const [languagesReady, setLanguagesReady] = useState(profile.consensus.requireWorkingLanguagesReady);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.run(() =>
      apiSend('PUT', '/profile', {
        ...profile,
        name: compact(name),
        abbreviation: compact(abbreviation),
        officialLanguages: list(official),
        workingLanguages: list(working),
        symbolPrefix: symbolPrefix.trim(),
        participantsOrder: participantsOrder.trim() || undefined,
        seat: { city: city.trim(), country: country.trim().toUpperCase() },
        timeZone: timeZone.trim(),
        consensus: {
          definition,
          observersMayComment,
          silenceDays: Number(silenceDays),
          silenceClosingHour: closingHour.trim(),
          reminderDaysBefore: list(reminders).map(Number),
          requireWorkingLanguagesReady: languagesReady,
        },
      }),
    );
  };

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="profile-form-heading">
      <h2 id="profile-form-heading" className="sr-only">
        <FormattedMessage id="portal.admin.editProfile" />
      </h2>
      <LanguageInputs legend={intl.formatMessage({ id: 'portal.about.name' })} prefix="name" values={name} onChange={setName} errors={form.errors} required={['en']} />
      <LanguageInputs legend={intl.formatMessage({ id: 'portal.about.abbreviation' })} prefix="abbreviation" values={abbreviation} onChange={setAbbreviation} errors={form.errors} />
      <fieldset>
        <legend>
          <FormattedMessage id="portal.admin.languagesAndSeat" />
        </legend>
        <TextField name="officialLanguages" dir="ltr" label={<FormattedMessage id="portal.about.officialLanguages" />} hint={<FormattedMessage id="portal.admin.languageCodesHint" />} value={official} onChange={setOfficial} errors={form.errors} />
        <TextField name="workingLanguages" dir="ltr" label={<FormattedMessage id="portal.about.workingLanguages" />} hint={<FormattedMessage id="portal.admin.languageCodesHint" />} value={working} onChange={setWorking} errors={form.errors} />
        <TextField name="symbolPrefix" dir="ltr" label={<FormattedMessage id="portal.about.symbolPrefix" />} value={symbolPrefix} onChange={setSymbolPrefix} errors={form.errors} />
        <TextField
          name="participantsOrder"
          dir="ltr"
          label={<FormattedMessage id="portal.admin.participantsOrder" />}
          hint={<FormattedMessage id="portal.admin.participantsOrderHint" />}
          value={participantsOrder}
          onChange={setParticipantsOrder}
          errors={form.errors}
        />
        <div className="admin-form__grid">
          <TextField name="seat.city" lang="en" label={<FormattedMessage id="portal.admin.seatCity" />} value={city} onChange={setCity} errors={form.errors} />
          <TextField name="seat.country" dir="ltr" label={<FormattedMessage id="portal.admin.seatCountry" />} value={country} onChange={setCountry} errors={form.errors} />
        </div>
        <TextField name="timeZone" dir="ltr" label={<FormattedMessage id="portal.admin.timeZone" />} hint={<FormattedMessage id="portal.admin.timeZoneHint" />} value={timeZone} onChange={setTimeZone} errors={form.errors} />
      </fieldset>
      <fieldset>
        <legend>
          <FormattedMessage id="portal.about.decisionsHeading" />
        </legend>
        <SelectField
          name="consensus.definition"
          label={<FormattedMessage id="portal.admin.consensusDefinition" />}
          value={definition}
          onChange={setDefinition}
          errors={form.errors}
          options={[
            { value: 'no-objection', label: intl.formatMessage({ id: 'portal.admin.consensus.noObjection' }) },
            { value: 'unanimity', label: intl.formatMessage({ id: 'portal.admin.consensus.unanimity' }) },
          ]}
        />
        <CheckboxField name="consensus.observersMayComment" label={<FormattedMessage id="portal.admin.observersMayComment" />} checked={observersMayComment} onChange={setObserversMayComment} />
        <div className="admin-form__grid">
          <TextField name="consensus.silenceDays" type="number" dir="ltr" label={<FormattedMessage id="portal.admin.silenceDays" />} value={silenceDays} onChange={setSilenceDays} errors={form.errors} />
          <TextField name="consensus.silenceClosingHour" dir="ltr" label={<FormattedMessage id="portal.admin.closingHour" />} value={closingHour} onChange={setClosingHour} errors={form.errors} />
        </div>
        <TextField name="consensus.reminderDaysBefore" dir="ltr" label={<FormattedMessage id="portal.admin.reminders" />} value={reminders} onChange={setReminders} errors={form.errors} />
        <CheckboxField name="consensus.requireWorkingLanguagesReady" label={<FormattedMessage id="portal.admin.languagesReady" />} checked={languagesReady} onChange={setLanguagesReady} />
      </fieldset>
      <FormOutcome error={form.error} saved={form.saved} />
      <div>
        <SubmitButton busy={form.busy}>
          <FormattedMessage id="portal.admin.save" />
        </SubmitButton>
      </div>
    </form>
  );
}

function EditProfile() {
  const intl = useIntl();
  useDocumentTitle(intl.formatMessage({ id: 'portal.admin.editProfile' }));
  const profile = useQuery(fullProfileQuery);
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ProblemMessage error={profile.error} headingLevel={1} />;
  return (
    <article>
      <p>
        <Link to="/about">
          <FormattedMessage id="portal.about.title" />
        </Link>
      </p>
      <h1>
        <FormattedMessage id="portal.admin.editProfile" />
      </h1>
      <ProfileForm profile={profile.data} />
    </article>
  );
}

export const adminProfileRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/profile',
  component: () => (
    <AdminOnly>
      <EditProfile />
    </AdminOnly>
  ),
});
