import { createRoute, Link, useRouter } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { apiCall, type Me } from '../api/account.ts';
import { isApiError } from '../api/client.ts';
import { ErrorSummary, type FieldErrors, InputField, looksLikeEmail, SubmitButton, useAccountForm } from '../components/account/forms.tsx';
import { safeNext } from '../components/account/pure.ts';
import { useMe, useSessionChange, useSignOut } from '../components/account/session.tsx';
import { Loading } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { rootRoute } from './root.tsx';

type Step = 'password' | 'totp' | 'recovery';

function SignInForm(props: { next?: string; signedOut?: boolean }) {
  const intl = useIntl();
  const router = useRouter();
  const form = useAccountForm();
  const { signedIn } = useSessionChange();
  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');

  const labels: Record<string, string> = {
    email: intl.formatMessage({ id: 'auth.signIn.email' }),
    password: intl.formatMessage({ id: 'auth.signIn.password' }),
    totp: intl.formatMessage({ id: 'auth.signIn.code' }),
    recoveryCode: intl.formatMessage({ id: 'auth.signIn.recoveryCode' }),
  };

  const check = (): FieldErrors => {
    const errors: FieldErrors = {};
    if (step === 'password') {
      if (!email.trim()) errors.email = { id: 'auth.signIn.emailMissing' };
      else if (!looksLikeEmail(email)) errors.email = { id: 'auth.signIn.emailFormat' };
      if (!password) errors.password = { id: 'auth.signIn.passwordMissing' };
    } else if (step === 'totp') {
      if (!/^\s*\d{3}\s?\d{3}\s*$/.test(code)) errors.totp = { id: 'auth.signIn.codeFormat' };
    } else if (recoveryCode.trim().length < 8) {
      errors.recoveryCode = { id: 'auth.signIn.recoveryFormat' };
    }
    return errors;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, string> = { email: email.trim(), password };
    if (step === 'totp') body.totp = code.trim();
    if (step === 'recovery') body.recoveryCode = recoveryCode.trim();
    const outcome: { me?: Me; secondFactorAsked?: boolean } = {};
    await form.run(check(), async () => {
      try {
        outcome.me = await apiCall<Me>('POST', '/auth/login', { body });
      } catch (err) {
        // The password was right and a second factor is needed: that is the next step, not a failure.
        if (step === 'password' && isApiError(err) && err.code === 'auth.totp_required') {
          outcome.secondFactorAsked = true;
          return;
        }
        throw err;
      }
    });
    if (outcome.secondFactorAsked) {
      setStep('totp');
      return;
    }
    if (outcome.me) {
      await signedIn(outcome.me);
      if (outcome.me.powers.mustEnrolMfa) await router.navigate({ to: '/account', hash: 'two-factor' });
      else router.history.push(safeNext(props.next));
    }
  };

  const startOver = () => {
    setStep('password');
    setCode('');
    setRecoveryCode('');
    setPassword('');
    form.reset();
  };

  return (
    <form className="account-form" onSubmit={submit} noValidate aria-labelledby="sign-in-title">
      <ErrorSummary
        form={form}
        labels={labels}
        extra={
          step === 'password' && isApiError(form.error) && form.error.code === 'auth.invalid_credentials' ? (
            <p>
              <Link to="/forgot-password">
                <FormattedMessage id="auth.signIn.forgot" />
              </Link>
            </p>
          ) : null
        }
      />
      {step === 'password' && props.signedOut && form.failures === 0 ? (
        <p className="account-saved account-saved--shown" role="status">
          <FormattedMessage id="auth.signIn.signedOut" />
        </p>
      ) : null}
      {step === 'password' ? (
        <>
          <InputField form={form} name="email" type="email" autoComplete="email" inputMode="email" spellCheck={false} label={labels.email} value={email} onChange={setEmail} required />
          <InputField form={form} name="password" type="password" autoComplete="current-password" label={labels.password} value={password} onChange={setPassword} required />
        </>
      ) : (
        <div className="account-step">
          <p className="account-step__who">
            <FormattedMessage id="auth.signIn.as" values={{ email: <bdi key="e">{email.trim()}</bdi> }} />
          </p>
          <p className="account-step__status" role="status">
            <FormattedMessage id={step === 'totp' ? 'auth.signIn.totpStep' : 'auth.signIn.recoveryStep'} />
          </p>
          {step === 'totp' ? (
            <InputField
              form={form}
              name="totp"
              autoComplete="one-time-code"
              inputMode="numeric"
              dir="ltr"
              maxLength={7}
              size="short"
              autoFocus
              label={labels.totp}
              hint={<FormattedMessage id="auth.signIn.codeHint" />}
              value={code}
              onChange={setCode}
              required
            />
          ) : (
            <InputField
              form={form}
              name="recoveryCode"
              autoComplete="one-time-code"
              dir="ltr"
              spellCheck={false}
              maxLength={40}
              autoFocus
              label={labels.recoveryCode}
              hint={<FormattedMessage id="auth.signIn.recoveryHint" />}
              value={recoveryCode}
              onChange={setRecoveryCode}
              required
            />
          )}
        </div>
      )}
      <div className="account-actions">
        <SubmitButton busy={form.busy}>
          <FormattedMessage id={step === 'password' ? 'auth.signIn.submit' : 'auth.signIn.verify'} />
        </SubmitButton>
        {step === 'password' ? (
          <Link to="/forgot-password">
            <FormattedMessage id="auth.signIn.forgot" />
          </Link>
        ) : (
          <>
            <button
              type="button"
              className="button-link"
              onClick={() => {
                setStep(step === 'totp' ? 'recovery' : 'totp');
                form.reset();
              }}
            >
              <FormattedMessage id={step === 'totp' ? 'auth.signIn.useRecovery' : 'auth.signIn.useCode'} />
            </button>
            <button type="button" className="button-link" onClick={startOver}>
              <FormattedMessage id="auth.signIn.startOver" />
            </button>
          </>
        )}
      </div>
    </form>
  );
}

function AlreadySignedIn({ me }: { me: Me }) {
  const signOut = useSignOut();
  return (
    <div className="account-card">
      <p>
        <FormattedMessage id="auth.signIn.already" values={{ name: <bdi key="n">{me.user.name}</bdi> }} />
      </p>
      <div className="account-actions">
        <Link to="/" className="button">
          <FormattedMessage id="nav.home" />
        </Link>
        <button type="button" className="button button--secondary" onClick={() => void signOut()}>
          <FormattedMessage id="account.menu.signOut" />
        </button>
      </div>
    </div>
  );
}

function SignInPage() {
  const intl = useIntl();
  const search = signInRoute.useSearch();
  useDocumentTitle(intl.formatMessage({ id: 'auth.signIn.title' }));
  const { me, isPending } = useMe();
  return (
    <article className="account-narrow">
      <h1 id="sign-in-title">
        <FormattedMessage id="auth.signIn.title" />
      </h1>
      {isPending ? <Loading /> : me ? <AlreadySignedIn me={me} /> : <SignInForm next={search.next} signedOut={search.signedOut} />}
    </article>
  );
}

export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { next?: string; signedOut?: boolean } => ({
    next: typeof search.next === 'string' ? search.next : undefined,
    signedOut: search.signedOut === true || search.signedOut === 'true' ? true : undefined,
  }),
  component: SignInPage,
});
