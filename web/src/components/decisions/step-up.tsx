import { useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../../api/client.ts';
import { stepUpCodes } from '../../api/decisions.ts';

/**
 * Runs an act that needs a fresh two-factor confirmation: first without a code; when the server asks
 * for one (`decisions.totp_required`) the page shows the prompt, and the act is sent again with the
 * code. A wrong or used code keeps the prompt open with the error at the field.
 */
export function useStepUp(send: (code: string | null) => Promise<unknown>, onDone: () => Promise<void> | void) {
  const [state, setState] = useState<{ busy: boolean; asking: boolean; codeError: boolean; error: unknown; done: boolean }>({
    busy: false,
    asking: false,
    codeError: false,
    error: null,
    done: false,
  });
  const attempt = async (code: string | null) => {
    setState((s) => ({ ...s, busy: true, error: null, done: false }));
    try {
      await send(code);
      await onDone();
      setState({ busy: false, asking: false, codeError: false, error: null, done: true });
    } catch (error) {
      const c = isApiError(error) ? error.code : null;
      if (c === stepUpCodes.required) setState({ busy: false, asking: true, codeError: false, error: null, done: false });
      else if (c === stepUpCodes.invalid) setState({ busy: false, asking: true, codeError: true, error: null, done: false });
      else setState({ busy: false, asking: false, codeError: false, error, done: false });
    }
  };
  const cancel = () => setState({ busy: false, asking: false, codeError: false, error: null, done: false });
  return { ...state, attempt, cancel };
}

/** The step-up prompt: the six-digit code from the authenticator app, sent with the act it confirms. */
export function StepUpPrompt(props: { busy: boolean; codeError: boolean; confirmLabel: string; onSubmit: (code: string) => void; onCancel: () => void }) {
  const intl = useIntl();
  const ids = useId();
  const [code, setCode] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
  }, []);
  useEffect(() => {
    if (props.codeError) {
      setCode('');
      input.current?.focus();
    }
  }, [props.codeError]);
  const clean = code.replace(/\s+/g, '');
  return (
    <form
      className="dec-stepup"
      aria-labelledby={`${ids}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        if (/^\d{6}$/.test(clean)) props.onSubmit(clean);
      }}
    >
      <h3 id={`${ids}-h`}>
        <FormattedMessage id="decisions.stepUp.heading" />
      </h3>
      <p id={`${ids}-hint`}>
        <FormattedMessage id="decisions.stepUp.hint" />
      </p>
      <div className="dec-field">
        <label htmlFor={`${ids}-code`}>
          <FormattedMessage id="decisions.stepUp.code" />
        </label>
        <input
          ref={input}
          id={`${ids}-code`}
          className="dec-stepup__code"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={7}
          dir="ltr"
          required
          value={code}
          aria-invalid={props.codeError || undefined}
          aria-describedby={props.codeError ? `${ids}-hint ${ids}-err` : `${ids}-hint`}
          onChange={(e) => setCode(e.target.value)}
        />
        {props.codeError ? (
          <p id={`${ids}-err`} className="dec-field__error" role="alert">
            {intl.formatMessage({ id: 'error.decisions.totp_invalid' })}
          </p>
        ) : null}
      </div>
      <div className="dec-row">
        <button type="submit" className="button" disabled={props.busy || !/^\d{6}$/.test(clean)}>
          {props.confirmLabel}
        </button>
        <button type="button" className="button button--secondary" disabled={props.busy} onClick={props.onCancel}>
          <FormattedMessage id="decisions.stepUp.cancel" />
        </button>
      </div>
    </form>
  );
}
