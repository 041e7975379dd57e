import { useQuery } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { apiSend, type Body, bodiesQuery } from '../api/registry.ts';
import { AdminOnly, compact, FormOutcome, orNull, SelectField, SubmitButton, TextField, useAdminForm } from '../components/portal/form.tsx';
import { Localized } from '../components/portal/portal-bits.tsx';
import { Loading, Notice, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { pickLocalized } from '../i18n/localized-text.ts';
import { LanguageInputs } from './admin-party.tsx';
import { rootRoute } from './root.tsx';

const numberOrNull = (v: string) => (v.trim() === '' ? null : Number(v));

function BodyForm({ body, all }: { body: Body; all: Body[] }) {
  const intl = useIntl();
  const form = useAdminForm();
  const [names, setNames] = useState<Record<string, string>>(body.names);
  const [renamedOn, setRenamedOn] = useState('');
  const [reportsTo, setReportsTo] = useState(body.reportsTo ?? '');
  const [frequency, setFrequency] = useState(body.frequency.en ?? '');
  const [meetingsPerYear, setMeetingsPerYear] = useState(body.meetingsPerYear?.toString() ?? '');
  const [everyYears, setEveryYears] = useState(body.everyYears?.toString() ?? '');
  const [membership, setMembership] = useState<string>(body.membership);
  const [established, setEstablished] = useState(body.established ?? '');
  const [dissolved, setDissolved] = useState(body.dissolved ?? '');
  const [uncertain, setUncertain] = useState(body.uncertain ?? '');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const changes: Record<string, unknown> = {
      names: compact(names),
      reportsTo: reportsTo === '' ? null : reportsTo,
      frequency: { ...body.frequency, en: frequency.trim() },
      meetingsPerYear: numberOrNull(meetingsPerYear),
      everyYears: numberOrNull(everyYears),
      membership,
      established: orNull(established),
      dissolved: orNull(dissolved),
      uncertain: orNull(uncertain),
    };
    if (renamedOn.trim() !== '') changes.renamedOn = renamedOn.trim();
    if (!frequency.trim()) changes.frequency = {};
    void form.run(() => apiSend('PATCH', `/bodies/${body.code}`, changes));
  };

  const membershipOption = (value: Body['membership']) => ({ value, label: intl.formatMessage({ id: `portal.bodies.membership.${value}` }) });
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="edit-body-heading">
      <h2 id="edit-body-heading" className="sr-only">
        <FormattedMessage id="portal.admin.editBody" values={{ code: body.code }} />
      </h2>
      <LanguageInputs legend={intl.formatMessage({ id: 'portal.admin.names' })} prefix="names" values={names} onChange={setNames} errors={form.errors} required={['en']} />
      <TextField
        name="renamedOn"
        dir="ltr"
        label={<FormattedMessage id="portal.admin.renamedOn" />}
        hint={<FormattedMessage id="portal.admin.renamedOnHint" />}
        value={renamedOn}
        onChange={setRenamedOn}
        errors={form.errors}
      />
      <SelectField
        name="reportsTo"
        label={<FormattedMessage id="portal.admin.reportsTo" />}
        value={reportsTo}
        onChange={setReportsTo}
        errors={form.errors}
        options={[
          { value: '', label: intl.formatMessage({ id: 'portal.admin.reportsToNone' }) },
          ...all
            .filter((b) => b.code !== body.code)
            .map((b) => {
              const picked = pickLocalized(b.names, intl.locale);
              return { value: b.code, label: picked?.text ?? b.code, lang: picked?.lang !== intl.locale ? picked?.lang : undefined };
            }),
        ]}
      />
      <TextField name="frequency.en" lang="en" label={<FormattedMessage id="portal.admin.frequencyEn" />} value={frequency} onChange={setFrequency} errors={form.errors} />
      <div className="admin-form__grid">
        <TextField name="meetingsPerYear" type="number" dir="ltr" label={<FormattedMessage id="portal.admin.meetingsPerYear" />} value={meetingsPerYear} onChange={setMeetingsPerYear} errors={form.errors} />
        <TextField name="everyYears" type="number" dir="ltr" label={<FormattedMessage id="portal.admin.everyYears" />} value={everyYears} onChange={setEveryYears} errors={form.errors} />
      </div>
      <SelectField
        name="membership"
        label={<FormattedMessage id="portal.bodies.membership" />}
        value={membership}
        onChange={setMembership}
        errors={form.errors}
        options={[membershipOption('all-members'), membershipOption('coordinator-and-participants'), membershipOption('appointed')]}
      />
      <div className="admin-form__grid">
        <TextField name="established" dir="ltr" label={<FormattedMessage id="portal.admin.established" />} hint={<FormattedMessage id="portal.admin.dateHint" />} value={established} onChange={setEstablished} errors={form.errors} />
        <TextField name="dissolved" dir="ltr" label={<FormattedMessage id="portal.admin.dissolved" />} hint={<FormattedMessage id="portal.admin.dateHint" />} value={dissolved} onChange={setDissolved} errors={form.errors} />
      </div>
      <TextField name="uncertain" label={<FormattedMessage id="portal.admin.uncertainNote" />} value={uncertain} onChange={setUncertain} errors={form.errors} multiline />
      <FormOutcome error={form.error} saved={form.saved} />
      <div>
        <SubmitButton busy={form.busy}>
          <FormattedMessage id="portal.admin.save" />
        </SubmitButton>
      </div>
    </form>
  );
}

function EditBody() {
  const { code } = adminBodyRoute.useParams();
  const intl = useIntl();
  useDocumentTitle(intl.formatMessage({ id: 'portal.admin.editBody' }, { code: code.toUpperCase() }));
  const bodies = useQuery(bodiesQuery);
  if (bodies.isPending) return <Loading />;
  if (bodies.isError) return <ProblemMessage error={bodies.error} headingLevel={1} />;
  const body = bodies.data.bodies.find((b) => b.code === code.toUpperCase());
  if (!body) {
    return <Notice tone="info" headingLevel={1} title={<FormattedMessage id="error.not_found" />} />;
  }
  return (
    <article>
      <p>
        <Link to="/bodies">
          <FormattedMessage id="portal.bodies.title" />
        </Link>
      </p>
      <h1>
        <Localized value={body.names} />
      </h1>
      <BodyForm body={body} all={bodies.data.bodies} />
    </article>
  );
}

export const adminBodyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/bodies/$code',
  component: () => (
    <AdminOnly>
      <EditBody />
    </AdminOnly>
  ),
});
