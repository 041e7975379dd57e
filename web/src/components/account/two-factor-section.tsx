import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { apiCall, type Me, type TotpSetup } from '../../api/account.ts';
import { CopyButton, ErrorSummary, type FieldErrors, InputField, SubmitButton, useAccountForm } from './forms.tsx';
import { CheckIcon, ShieldIcon } from './icons.tsx';

const codePattern = /^\s*\d{3}\s?\d{3}\s*$/;

/** The base32 secret in groups of four, easier to type into an app that cannot scan. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/** Ten recovery codes, shown once: a list to copy or write down, and a button to say they are kept. */
function RecoveryCodes(props: { codes: string[]; onDone: () => void }) {
  const intl = useIntl();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="account-card account-codes">
      <h3 ref={heading} tabIndex={-1} id="recovery-codes-title">
        <FormattedMessage id="account.totp.codesTitle" />
      </h3>
      <p>
        <FormattedMessage id="account.totp.codesIntro" values={{ count: props.codes.length }} />
      </p>
      <ol className="account-codes__list" aria-labelledby="recovery-codes-title" dir="ltr">
        {props.codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <div className="account-actions">
        <CopyButton text={props.codes.join('\n')} label={intl.formatMessage({ id: 'account.totp.copyCodes' })} />
        <button type="button" className="button" onClick={props.onDone}>
          <FormattedMessage id="account.totp.codesSaved" />
        </button>
      </div>
    </div>
  );
}

function Enrol({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const intl = useIntl();
  const start = useAccountForm();
  const confirm = useAccountForm();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const labels = { code: intl.formatMessage({ id: 'account.totp.code' }) };

  const begin = async () => {
    await start.run({}, async () => setSetup(await apiCall<TotpSetup>('POST', '/me/totp/setup')));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = codePattern.test(code) ? {} : { code: { id: 'auth.signIn.codeFormat' } };
    const out: { codes?: string[] } = {};
    await confirm.run(errors, async () => {
      out.codes = (await apiCall<{ recoveryCodes: string[] }>('POST', '/me/totp/enable', { body: { code: code.trim() } })).recoveryCodes;
    });
    if (out.codes) onEnabled(out.codes);
  };

  if (!setup) {
    return (
      <>
        <ErrorSummary form={start} labels={{}} />
        <p>
          <FormattedMessage id="account.totp.intro" />
        </p>
        <button type="button" className="button" onClick={() => void begin()} disabled={start.busy}>
          <FormattedMessage id="account.totp.start" />
        </button>
      </>
    );
  }
  return (
    <ol className="account-steps">
      <li>
        <p>
          <FormattedMessage id="account.totp.scan" />
        </p>
        <img className="account-qr" src={setup.qrCode} alt={intl.formatMessage({ id: 'account.totp.qrAlt' })} width={200} height={200} />
        <p>
          <FormattedMessage id="account.totp.manual" />
        </p>
        <p className="account-secret">
          <code dir="ltr" data-testid="totp-secret">
            {grouped(setup.secret)}
          </code>{' '}
          <CopyButton text={setup.secret} label={intl.formatMessage({ id: 'account.totp.copyKey' })} />
        </p>
      </li>
      <li>
        <form className="account-form" onSubmit={submit} noValidate aria-labelledby="totp-confirm-label">
          <p id="totp-confirm-label">
            <FormattedMessage id="account.totp.confirm" />
          </p>
          <ErrorSummary form={confirm} labels={labels} />
          <InputField
            form={confirm}
            name="code"
            autoComplete="one-time-code"
            inputMode="numeric"
            dir="ltr"
            maxLength={7}
            size="short"
            label={labels.code}
            hint={<FormattedMessage id="auth.signIn.codeHint" />}
            value={code}
            onChange={setCode}
            required
          />
          <div className="account-actions">
            <SubmitButton busy={confirm.busy}>
              <FormattedMessage id="account.totp.enable" />
            </SubmitButton>
          </div>
        </form>
      </li>
    </ol>
  );
}

function Disable({ onDone }: { onDone: () => void }) {
  const intl = useIntl();
  const form = useAccountForm();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const labels = {
    password: intl.formatMessage({ id: 'account.password.current' }),
    code: intl.formatMessage({ id: 'account.totp.codeOrRecovery' }),
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!password) errors.password = { id: 'auth.signIn.passwordMissing' };
    if (code.trim().length < 6) errors.code = { id: 'account.totp.codeMissing' };
    const ok = await form.run(errors, () => apiCall('POST', '/me/totp/disable', { body: { password, code: code.trim() } }));
    if (ok) onDone();
  };
  return (
    <form className="account-form" onSubmit={submit} noValidate aria-labelledby="totp-disable-title">
      <h3 id="totp-disable-title">
        <FormattedMessage id="account.totp.disableTitle" />
      </h3>
      <ErrorSummary form={form} labels={labels} />
      <InputField form={form} name="password" type="password" autoComplete="current-password" label={labels.password} value={password} onChange={setPassword} required />
      <InputField form={form} name="code" autoComplete="one-time-code" dir="ltr" maxLength={40} size="short" label={labels.code} value={code} onChange={setCode} required />
      <div className="account-actions">
        <SubmitButton busy={form.busy} tone="danger">
          <FormattedMessage id="account.totp.disable" />
        </SubmitButton>
      </div>
    </form>
  );
}

function Regenerate({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const intl = useIntl();
  const form = useAccountForm();
  const [code, setCode] = useState('');
  const labels = { code: intl.formatMessage({ id: 'account.totp.codeOrRecovery' }) };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = code.trim().length < 6 ? { code: { id: 'account.totp.codeMissing' } } : {};
    const out: { codes?: string[] } = {};
    await form.run(errors, async () => {
      out.codes = (await apiCall<{ recoveryCodes: string[] }>('POST', '/me/totp/recovery-codes', { body: { code: code.trim() } })).recoveryCodes;
    });
    if (out.codes) {
      setCode('');
      onCodes(out.codes);
    }
  };
  return (
    <form className="account-form" onSubmit={submit} noValidate aria-labelledby="totp-regenerate-title">
      <h3 id="totp-regenerate-title">
        <FormattedMessage id="account.totp.regenerateTitle" />
      </h3>
      <p>
        <FormattedMessage id="account.totp.regenerateIntro" />
      </p>
      <ErrorSummary form={form} labels={labels} />
      <InputField form={form} name="code" autoComplete="one-time-code" inputMode="numeric" dir="ltr" maxLength={7} size="short" label={intl.formatMessage({ id: 'account.totp.code' })} value={code} onChange={setCode} required />
      <div className="account-actions">
        <SubmitButton busy={form.busy} tone="secondary">
          <FormattedMessage id="account.totp.regenerate" />
        </SubmitButton>
      </div>
    </form>
  );
}

/** Two-factor authentication: enrol with a QR code, keep the recovery codes, replace them, turn it off. */
export function TwoFactorSection({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [turnedOff, setTurnedOff] = useState(false);
  // Everything is asked again: until a required second factor is set up the API refuses most
  // requests (even public ones), so answers cached during enrolment are stale now.
  const refresh = () => queryClient.invalidateQueries();

  return (
    <section className="account-section" aria-labelledby="two-factor-title" id="two-factor">
      <h2 id="two-factor-title">
        <FormattedMessage id="account.totp.title" />
      </h2>
      {me.powers.mustEnrolMfa ? (
        <p className="account-callout">
          <ShieldIcon />
          <FormattedMessage id="account.totp.requiredNow" />
        </p>
      ) : null}
      {codes ? (
        <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
      ) : me.user.totpEnabled ? (
        <>
          <p className="account-state account-state--on">
            <CheckIcon />
            <FormattedMessage id="account.totp.on" />
          </p>
          {me.session.mfaRequired ? (
            <p>
              <FormattedMessage id="account.totp.requiredByForum" />
            </p>
          ) : null}
          <Regenerate onCodes={setCodes} />
          {me.session.mfaRequired ? null : (
            <Disable
              onDone={() => {
                setTurnedOff(true);
                void refresh();
              }}
            />
          )}
        </>
      ) : (
        <>
          <p className="account-state">
            <ShieldIcon />
            <FormattedMessage id="account.totp.off" />
          </p>
          {turnedOff ? (
            <p role="status">
              <FormattedMessage id="account.totp.turnedOff" />
            </p>
          ) : null}
          <Enrol
            onEnabled={(c) => {
              setCodes(c);
              void refresh();
            }}
          />
        </>
      )}
    </section>
  );
}
