import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { apiCall, mySessionsQuery } from '../../api/account.ts';
import { checkNewPassword, ErrorSummary, InputField, PasswordRules, Saved, SubmitButton, useAccountForm } from './forms.tsx';

/** Change the password: the current one, then the new one twice. The other sessions end. */
export function PasswordSection({ email }: { email: string }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const form = useAccountForm();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const labels = {
    current: intl.formatMessage({ id: 'account.password.current' }),
    next: intl.formatMessage({ id: 'account.password.new' }),
    repeat: intl.formatMessage({ id: 'auth.newPassword.repeat' }),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors = checkNewPassword(next, repeat, { password: 'next', repeat: 'repeat' });
    if (!current) errors.current = { id: 'auth.signIn.passwordMissing' };
    const ok = await form.run(errors, () => apiCall('POST', '/me/password', { body: { current, next } }));
    if (ok) {
      setCurrent('');
      setNext('');
      setRepeat('');
      await queryClient.invalidateQueries({ queryKey: mySessionsQuery.queryKey });
    }
  };

  return (
    <section className="account-section" aria-labelledby="account-password">
      <h2 id="account-password">
        <FormattedMessage id="account.password.title" />
      </h2>
      <form className="account-form" onSubmit={submit} noValidate aria-labelledby="account-password">
        <ErrorSummary form={form} labels={labels} />
        {/* For password managers: which account this password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <InputField form={form} name="current" type="password" autoComplete="current-password" label={labels.current} value={current} onChange={setCurrent} required />
        <InputField form={form} name="next" type="password" autoComplete="new-password" label={labels.next} hint={<PasswordRules />} value={next} onChange={setNext} required />
        <InputField form={form} name="repeat" type="password" autoComplete="new-password" label={labels.repeat} value={repeat} onChange={setRepeat} required />
        <div className="account-actions">
          <SubmitButton busy={form.busy}>
            <FormattedMessage id="account.password.submit" />
          </SubmitButton>
          <Saved form={form}>
            <FormattedMessage id="account.password.changed" />
          </Saved>
        </div>
      </form>
    </section>
  );
}
