import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { apiCall, type Me, meQuery } from '../../api/account.ts';
import { useLocale } from '../../i18n/locale-provider.tsx';
import { isLocaleCode } from '../../i18n/locales.ts';
import { ErrorSummary, type FieldErrors, InputField, Saved, SelectField, SubmitButton, useAccountForm } from './forms.tsx';
import { useLanguageOptions, useTimeZoneGroups } from './format.tsx';

/** Name, language (which is also the interface's) and time zone. */
export function ProfileSection({ me }: { me: Me }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const { setLocale } = useLocale();
  const form = useAccountForm();
  const [name, setName] = useState(me.user.name);
  const [language, setLanguage] = useState(me.user.language);
  const [timeZone, setTimeZone] = useState(me.user.timeZone);
  const languages = useLanguageOptions(me.user.language);
  const zones = useTimeZoneGroups(me.user.timeZone);
  const labels = {
    name: intl.formatMessage({ id: 'account.profile.name' }),
    language: intl.formatMessage({ id: 'account.profile.language' }),
    timeZone: intl.formatMessage({ id: 'account.profile.timeZone' }),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!name.trim()) errors.name = { id: 'account.profile.nameMissing' };
    await form.run(errors, async () => {
      const updated = await apiCall<Me>('PATCH', '/me', { body: { name: name.trim(), language, timeZone } });
      queryClient.setQueryData(meQuery.queryKey, updated);
      if (isLocaleCode(language)) await setLocale(language);
    });
  };

  return (
    <section className="account-section" aria-labelledby="account-profile">
      <h2 id="account-profile">
        <FormattedMessage id="account.profile.title" />
      </h2>
      <dl className="account-facts">
        <div>
          <dt>
            <FormattedMessage id="account.profile.email" />
          </dt>
          <dd dir="ltr">{me.user.email}</dd>
        </div>
      </dl>
      <form className="account-form" onSubmit={submit} noValidate aria-labelledby="account-profile">
        <ErrorSummary form={form} labels={labels} />
        <InputField form={form} name="name" autoComplete="name" label={labels.name} value={name} onChange={setName} maxLength={200} required />
        <SelectField
          form={form}
          name="language"
          label={labels.language}
          hint={<FormattedMessage id="account.profile.languageHint" />}
          value={language}
          onChange={setLanguage}
          options={languages}
        />
        <SelectField
          form={form}
          name="timeZone"
          label={labels.timeZone}
          hint={<FormattedMessage id="account.profile.timeZoneHint" />}
          value={timeZone}
          onChange={setTimeZone}
          options={[]}
          groups={zones}
        />
        <div className="account-actions">
          <SubmitButton busy={form.busy}>
            <FormattedMessage id="account.form.save" />
          </SubmitButton>
          <Saved form={form}>
            <FormattedMessage id="account.form.saved" />
          </Saved>
        </div>
      </form>
    </section>
  );
}
