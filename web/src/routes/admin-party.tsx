import { useQuery } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { apiSend, type Party, partyQuery } from '../api/registry.ts';
import { AdminOnly, compact, FormOutcome, orNull, SelectField, SubmitButton, TextField, useAdminForm } from '../components/portal/form.tsx';
import { Localized } from '../components/portal/portal-bits.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { intlDataLocale, languageName } from '../i18n/display-names.ts';
import { locales } from '../i18n/locales.ts';
import { rootRoute } from './root.tsx';

export const uiLanguages = locales.map((l) => l.code);

/** One input per UI language, each marked with its language so it gets the right keyboard and font. */
export function LanguageInputs(props: {
  legend: string;
  prefix: string;
  values: Record<string, string>;
  onChange: (v: Record<string, string>) => void;
  errors: Record<string, string>;
  required?: string[];
}) {
  const intl = useIntl();
  const dataLocale = intlDataLocale(intl.locale);
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <div className="admin-form__grid">
        {uiLanguages.map((lang) => (
          <TextField
            key={lang}
            name={`${props.prefix}.${lang}`}
            label={<span lang={dataLocale === intl.locale ? undefined : dataLocale}>{languageName(lang, dataLocale)}</span>}
            lang={lang}
            value={props.values[lang] ?? ''}
            required={props.required?.includes(lang)}
            errors={props.errors}
            onChange={(v) => props.onChange({ ...props.values, [lang]: v })}
          />
        ))}
      </div>
    </fieldset>
  );
}

function DetailsForm({ party }: { party: Party }) {
  const intl = useIntl();
  const form = useAdminForm();
  const [names, setNames] = useState<Record<string, string>>(party.names);
  const [shortNames, setShortNames] = useState<Record<string, string>>(party.shortNames);
  const [address, setAddress] = useState(party.contact?.address ?? '');
  const [email, setEmail] = useState(party.contact?.email ?? '');
  const [phone, setPhone] = useState(party.contact?.phone ?? '');
  const [notes, setNotes] = useState(party.notes.join('\n'));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const contact = compact({ address, email, phone });
    void form.run(() =>
      apiSend('PATCH', `/parties/${party.code}`, {
        names: compact(names),
        shortNames: compact(shortNames),
        contact: Object.keys(contact).length > 0 ? contact : null,
        notes: notes
          .split('\n')
          .map((n) => n.trim())
          .filter(Boolean),
      }),
    );
  };

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="edit-party-details">
      <h2 id="edit-party-details">
        <FormattedMessage id="portal.admin.partyDetails" />
      </h2>
      <LanguageInputs legend={intl.formatMessage({ id: 'portal.admin.names' })} prefix="names" values={names} onChange={setNames} errors={form.errors} required={['en']} />
      <LanguageInputs legend={intl.formatMessage({ id: 'portal.admin.shortNames' })} prefix="shortNames" values={shortNames} onChange={setShortNames} errors={form.errors} />
      <fieldset>
        <legend>
          <FormattedMessage id="portal.party.contacts" />
        </legend>
        <TextField name="contact.address" label={<FormattedMessage id="portal.party.address" />} value={address} onChange={setAddress} errors={form.errors} multiline />
        <TextField name="contact.email" type="email" dir="ltr" label={<FormattedMessage id="portal.party.email" />} value={email} onChange={setEmail} errors={form.errors} />
        <TextField name="contact.phone" type="tel" dir="ltr" label={<FormattedMessage id="portal.party.phone" />} value={phone} onChange={setPhone} errors={form.errors} />
      </fieldset>
      <TextField
        name="notes"
        label={<FormattedMessage id="portal.party.notes" />}
        hint={<FormattedMessage id="portal.admin.notesHint" />}
        value={notes}
        onChange={setNotes}
        errors={form.errors}
        multiline
      />
      <FormOutcome error={form.error} saved={form.saved} />
      <div>
        <SubmitButton busy={form.busy}>
          <FormattedMessage id="portal.admin.save" />
        </SubmitButton>
      </div>
    </form>
  );
}

function StatusForm({ party }: { party: Party }) {
  const intl = useIntl();
  const form = useAdminForm();
  const [status, setStatus] = useState('member');
  const [from, setFrom] = useState('');
  const [decisionRef, setDecisionRef] = useState('');
  const [uncertain, setUncertain] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.run(() =>
      apiSend('POST', `/parties/${party.code}/status`, { status, from: from.trim(), decisionRef: orNull(decisionRef), uncertain: orNull(uncertain) }),
    );
  };
  const option = (value: string, id: 'portal.status.member' | 'portal.status.observer' | 'portal.status.partner' | 'portal.admin.endStatus') => ({
    value,
    label: intl.formatMessage({ id }),
  });
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="edit-party-status">
      <h2 id="edit-party-status">
        <FormattedMessage id="portal.admin.changeStatus" />
      </h2>
      <p className="portal-muted">
        <FormattedMessage id="portal.admin.changeStatusHint" />
      </p>
      <SelectField
        name="status"
        label={<FormattedMessage id="portal.admin.newStatus" />}
        value={status}
        onChange={setStatus}
        errors={form.errors}
        options={[option('member', 'portal.status.member'), option('observer', 'portal.status.observer'), option('partner', 'portal.status.partner'), option('none', 'portal.admin.endStatus')]}
      />
      <TextField name="from" dir="ltr" required label={<FormattedMessage id="portal.admin.from" />} hint={<FormattedMessage id="portal.admin.dateHint" />} value={from} onChange={setFrom} errors={form.errors} />
      <TextField name="decisionRef" dir="ltr" label={<FormattedMessage id="portal.party.col.decision" />} value={decisionRef} onChange={setDecisionRef} errors={form.errors} />
      <TextField name="uncertain" label={<FormattedMessage id="portal.admin.uncertainNote" />} value={uncertain} onChange={setUncertain} errors={form.errors} />
      <FormOutcome error={form.error} saved={form.saved} />
      <div>
        <SubmitButton busy={form.busy}>
          <FormattedMessage id="portal.admin.recordStatus" />
        </SubmitButton>
      </div>
    </form>
  );
}

function EditParty() {
  const { code } = adminPartyRoute.useParams();
  const party = useQuery(partyQuery(code.toUpperCase()));
  const intl = useIntl();
  useDocumentTitle(intl.formatMessage({ id: 'portal.admin.editParty' }));
  if (party.isPending) return <Loading />;
  if (party.isError) return <ProblemMessage error={party.error} headingLevel={1} />;
  return (
    <article>
      <p>
        <Link to="/parties/$code" params={{ code: party.data.code }}>
          <Localized value={party.data.shortNames} />
        </Link>
      </p>
      <h1>
        <FormattedMessage id="portal.admin.editParty" />
        {': '}
        <Localized value={party.data.shortNames} />
      </h1>
      <DetailsForm party={party.data} />
      <StatusForm party={party.data} />
    </article>
  );
}

export const adminPartyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/parties/$code',
  component: () => (
    <AdminOnly>
      <EditParty />
    </AdminOnly>
  ),
});
