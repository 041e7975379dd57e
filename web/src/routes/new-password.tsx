import { createRoute, Link, useRouter, useRouterState } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { apiCall, type Me } from '../api/account.ts';
import { isApiError } from '../api/client.ts';
import { checkNewPassword, ErrorSummary, InputField, PasswordRules, SubmitButton, useAccountForm } from '../components/account/forms.tsx';
import { canSeeDelegation, useSessionChange } from '../components/account/session.tsx';
import { Notice } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { rootRoute } from './root.tsx';

type Purpose = 'invitation' | 'reset';

/** The single-use token from the link's fragment (`#token=…`): browsers never send a fragment to a server. */
function useFragmentToken(): string | null {
  const hash = useRouterState({ select: (s) => s.location.hash });
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && /^[A-Za-z0-9_-]{20,200}$/.test(token) ? token : null;
}

function NewPasswordForm(props: { purpose: Purpose; token: string; onDone: () => void }) {
  const intl = useIntl();
  const router = useRouter();
  const form = useAccountForm();
  const { signedIn, signedOut } = useSessionChange();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const labels = {
    password: intl.formatMessage({ id: 'auth.newPassword.password' }),
    repeat: intl.formatMessage({ id: 'auth.newPassword.repeat' }),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const outcome: { me?: Me } = {};
    const ok = await form.run(checkNewPassword(password, repeat, { password: 'password', repeat: 'repeat' }), async () => {
      if (props.purpose === 'invitation') {
        outcome.me = await apiCall<Me>('POST', '/auth/accept-invitation', { body: { token: props.token, password } });
      } else {
        await apiCall<null>('POST', '/auth/password-reset/complete', { body: { token: props.token, password } });
      }
    });
    if (!ok) return;
    if (outcome.me) {
      await signedIn(outcome.me);
      if (outcome.me.powers.mustEnrolMfa) await router.navigate({ to: '/account', hash: 'two-factor' });
      else if (canSeeDelegation(outcome.me)) await router.navigate({ to: '/delegation', search: { welcome: true } });
      else await router.navigate({ to: '/account', search: { welcome: true } });
    } else {
      // Every session of the account ended with the reset, this browser's included.
      await signedOut();
      props.onDone();
    }
  };

  const linkProblem = isApiError(form.error) && form.error.code === 'auth.token_invalid';
  return (
    <form className="account-form" onSubmit={submit} noValidate aria-labelledby="new-password-title">
      <ErrorSummary
        form={form}
        labels={labels}
        extra={
          linkProblem ? (
            <p>
              {props.purpose === 'reset' ? (
                <Link to="/forgot-password">
                  <FormattedMessage id="auth.newPassword.askAgain" />
                </Link>
              ) : (
                <FormattedMessage id="auth.newPassword.askInviter" />
              )}
            </p>
          ) : null
        }
      />
      <InputField
        form={form}
        name="password"
        type="password"
        autoComplete="new-password"
        label={labels.password}
        hint={<PasswordRules />}
        value={password}
        onChange={setPassword}
        required
      />
      <InputField form={form} name="repeat" type="password" autoComplete="new-password" label={labels.repeat} value={repeat} onChange={setRepeat} required />
      <div className="account-actions">
        <SubmitButton busy={form.busy}>
          <FormattedMessage id={props.purpose === 'invitation' ? 'auth.invitation.submit' : 'auth.reset.submit'} />
        </SubmitButton>
      </div>
    </form>
  );
}

function NewPasswordPage({ purpose }: { purpose: Purpose }) {
  const intl = useIntl();
  const title = purpose === 'invitation' ? 'auth.invitation.title' : 'auth.reset.title';
  useDocumentTitle(intl.formatMessage({ id: title }));
  const token = useFragmentToken();
  const [done, setDone] = useState(false);
  return (
    <article className="account-narrow">
      <h1 id="new-password-title">
        <FormattedMessage id={title} />
      </h1>
      {done ? (
        <div className="account-card" role="status">
          <p>
            <FormattedMessage id="auth.reset.done" />
          </p>
          <p>
            <Link to="/sign-in" className="button">
              <FormattedMessage id="auth.signIn.submit" />
            </Link>
          </p>
        </div>
      ) : token ? (
        <>
          <p>
            <FormattedMessage id={purpose === 'invitation' ? 'auth.invitation.intro' : 'auth.reset.intro'} />
          </p>
          <NewPasswordForm purpose={purpose} token={token} onDone={() => setDone(true)} />
        </>
      ) : (
        <Notice tone="error" title={<FormattedMessage id="auth.newPassword.noToken" />}>
          <p>
            <FormattedMessage id="auth.newPassword.noTokenBody" />
          </p>
          {purpose === 'reset' ? (
            <p>
              <Link to="/forgot-password">
                <FormattedMessage id="auth.newPassword.askAgain" />
              </Link>
            </p>
          ) : null}
        </Notice>
      )}
    </article>
  );
}

export const acceptInvitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/accept-invitation',
  component: () => <NewPasswordPage purpose="invitation" />,
});

export const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  component: () => <NewPasswordPage purpose="reset" />,
});
