import { createRoute, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { apiCall } from '../api/account.ts';
import { ErrorSummary, type FieldErrors, InputField, looksLikeEmail, SubmitButton, useAccountForm } from '../components/account/forms.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { rootRoute } from './root.tsx';

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
function ForgotPasswordPage() {
  const intl = useIntl();
  useDocumentTitle(intl.formatMessage({ id: 'auth.forgot.title' }));
  const form = useAccountForm();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const labels = { email: intl.formatMessage({ id: 'auth.signIn.email' }) };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!email.trim()) errors.email = { id: 'auth.signIn.emailMissing' };
    else if (!looksLikeEmail(email)) errors.email = { id: 'auth.signIn.emailFormat' };
    const ok = await form.run(errors, () => apiCall('POST', '/auth/password-reset', { body: { email: email.trim() } }));
    if (ok) setSentTo(email.trim());
  };

  return (
    <article className="account-narrow">
      <h1 id="forgot-title">
        <FormattedMessage id="auth.forgot.title" />
      </h1>
      {sentTo ? (
        <div className="account-card" role="status">
          <p>
            <FormattedMessage id="auth.forgot.sent" values={{ email: <bdi key="e">{sentTo}</bdi> }} />
          </p>
          <p>
            <Link to="/sign-in">
              <FormattedMessage id="auth.forgot.back" />
            </Link>
          </p>
        </div>
      ) : (
        <>
          <p>
            <FormattedMessage id="auth.forgot.intro" />
          </p>
          <form className="account-form" onSubmit={submit} noValidate aria-labelledby="forgot-title">
            <ErrorSummary form={form} labels={labels} />
            <InputField form={form} name="email" type="email" autoComplete="email" inputMode="email" spellCheck={false} label={labels.email} value={email} onChange={setEmail} required />
            <div className="account-actions">
              <SubmitButton busy={form.busy}>
                <FormattedMessage id="auth.forgot.submit" />
              </SubmitButton>
              <Link to="/sign-in">
                <FormattedMessage id="auth.forgot.back" />
              </Link>
            </div>
          </form>
        </>
      )}
    </article>
  );
}

export const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  component: ForgotPasswordPage,
});
