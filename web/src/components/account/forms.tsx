import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { AlertIcon } from '../icons.tsx';
import { isFieldProblem, type Message, problemFieldMessages, problemMessage } from './problems.ts';
import './account.css';

/** Renders a Message: translated, or the server's English text marked as English. */
export function Msg({ m }: { m: Message }) {
  if ('id' in m) return <FormattedMessage id={m.id} values={m.values} />;
  return (
    <span lang="en" dir="ltr">
      {m.text}
    </span>
  );
}

export type FieldErrors = Record<string, Message>;

/**
 * A form's state: busy while sending, the problem the API answered (or the checks made before
 * sending), and how many failed attempts there were (the error summary takes focus on each).
 * Field ids are `<form id>-<field name>`, so the summary can link to them.
 */
export function useAccountForm() {
  const id = useId();
  const [state, setState] = useState<{ busy: boolean; error: unknown; client: FieldErrors; failures: number; done: number }>({
    busy: false,
    error: null,
    client: {},
    failures: 0,
    done: 0,
  });

  /** Checks first (a map of field errors; empty when fine), then sends. Resolves whether it succeeded. */
  const run = useCallback(async (check: FieldErrors, send: () => Promise<unknown>): Promise<boolean> => {
    if (Object.keys(check).length > 0) {
      setState((s) => ({ busy: false, error: null, client: check, failures: s.failures + 1, done: s.done }));
      return false;
    }
    setState((s) => ({ ...s, busy: true, error: null, client: {} }));
    try {
      await send();
      setState((s) => ({ busy: false, error: null, client: {}, failures: s.failures, done: s.done + 1 }));
      return true;
    } catch (error) {
      setState((s) => ({ busy: false, error, client: {}, failures: s.failures + 1, done: s.done }));
      return false;
    }
  }, []);

  const reset = useCallback(() => setState((s) => ({ ...s, error: null, client: {} })), []);

  const serverFields = problemFieldMessages(state.error);
  const errors: FieldErrors = { ...serverFields, ...state.client };
  const general: Message | null = state.error && !isFieldProblem(state.error) ? problemMessage(state.error) : null;
  return {
    id,
    busy: state.busy,
    error: state.error,
    errors,
    general,
    failures: state.failures,
    /** Increments on each success: forms show "saved" while it is > 0 and nothing failed since. */
    done: state.done,
    fieldId: (name: string) => `${id}-${name.replaceAll('.', '-')}`,
    run,
    reset,
  };
}

export type AccountForm = ReturnType<typeof useAccountForm>;

/**
 * The error summary at the top of a form: what went wrong, each item a link to its field. It takes
 * focus after every failed submit, so keyboard and screen-reader users land on it.
 */
export function ErrorSummary(props: { form: AccountForm; labels: Record<string, string>; extra?: ReactNode }) {
  const { form } = props;
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const fields = Object.entries(form.errors);
  const hasProblem = fields.length > 0 || form.general !== null;

  // Focus moves once per failed attempt, not on every render.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the attempt count on purpose
  useEffect(() => {
    if (form.failures > 0 && hasProblem) ref.current?.focus();
  }, [form.failures]);

  if (!hasProblem) return null;
  return (
    <div ref={ref} className="error-summary" tabIndex={-1} role="alert" aria-labelledby={titleId}>
      <AlertIcon className="error-summary__icon" />
      <div>
        <h2 id={titleId} className="error-summary__title">
          <FormattedMessage id="account.form.problemTitle" />
        </h2>
        <ul className="error-summary__list">
          {form.general ? (
            <li>
              <Msg m={form.general} />
            </li>
          ) : null}
          {fields.map(([name, message]) => (
            <li key={name}>
              {props.labels[name] ? (
                <a
                  href={`#${form.fieldId(name)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(form.fieldId(name))?.focus();
                  }}
                >
                  {props.labels[name]}
                  <FormattedMessage id="account.form.labelSeparator" /> <Msg m={message} />
                </a>
              ) : (
                <Msg m={message} />
              )}
            </li>
          ))}
        </ul>
        {props.extra}
      </div>
    </div>
  );
}

interface FieldBase {
  form: AccountForm;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  required?: boolean;
}

function useDescribed(props: FieldBase) {
  const id = props.form.fieldId(props.name);
  const error = props.form.errors[props.name];
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return { id, error, hintId, errorId, describedBy };
}

function FieldShell(props: FieldBase & { d: ReturnType<typeof useDescribed>; children: ReactNode }) {
  return (
    <div className={`account-field${props.d.error ? ' account-field--invalid' : ''}`}>
      <label htmlFor={props.d.id} className="account-field__label">
        {props.label}
        {props.required ? (
          <span className="account-field__required">
            {' '}
            <FormattedMessage id="account.form.required" />
          </span>
        ) : null}
      </label>
      {props.hint ? (
        <div id={props.d.hintId} className="account-field__hint">
          {props.hint}
        </div>
      ) : null}
      {props.d.error ? (
        <p id={props.d.errorId} className="account-field__error">
          <AlertIcon />
          <span>
            <span className="sr-only">
              <FormattedMessage id="account.form.errorPrefix" />{' '}
            </span>
            <Msg m={props.d.error} />
          </span>
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

export function InputField(
  props: FieldBase & {
    value: string;
    onChange: (value: string) => void;
    type?: 'text' | 'email' | 'password' | 'search';
    autoComplete?: string;
    inputMode?: 'numeric' | 'text' | 'email';
    dir?: 'ltr' | 'auto';
    maxLength?: number;
    spellCheck?: boolean;
    autoFocus?: boolean;
    size?: 'short' | 'long';
  },
) {
  const d = useDescribed(props);
  return (
    <FieldShell {...props} d={d}>
      <input
        id={d.id}
        name={props.name}
        className={`account-field__input${props.size === 'short' ? ' account-field__input--short' : ''}`}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        dir={props.dir ?? (props.type === 'email' || props.type === 'password' ? 'ltr' : 'auto')}
        maxLength={props.maxLength}
        spellCheck={props.spellCheck}
        // Focus is placed deliberately on a step of a flow that the person just asked for.
        // biome-ignore lint/a11y/noAutofocus: the second sign-in step starts at its only field
        autoFocus={props.autoFocus}
        required={props.required}
        aria-required={props.required ? true : undefined}
        aria-invalid={d.error ? true : undefined}
        aria-describedby={d.describedBy}
      />
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
  lang?: string;
  dir?: 'ltr' | 'rtl' | 'auto';
}

export function SelectField(props: FieldBase & { value: string; onChange: (value: string) => void; options: Option[]; groups?: Array<{ label: string; options: Option[] }>; autoComplete?: string }) {
  const d = useDescribed(props);
  const option = (o: Option) => (
    <option key={o.value} value={o.value} lang={o.lang} dir={o.dir}>
      {o.label}
    </option>
  );
  return (
    <FieldShell {...props} d={d}>
      <select
        id={d.id}
        name={props.name}
        className="account-field__input"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete}
        required={props.required}
        aria-invalid={d.error ? true : undefined}
        aria-describedby={d.describedBy}
      >
        {props.options.map(option)}
        {props.groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map(option)}
          </optgroup>
        ))}
      </select>
    </FieldShell>
  );
}

/** A group of checkboxes with a legend; its error is announced with the group. */
export function CheckboxGroup(props: { form: AccountForm; name: string; legend: ReactNode; options: Option[]; values: string[]; onChange: (values: string[]) => void }) {
  const id = props.form.fieldId(props.name);
  const error = props.form.errors[props.name];
  return (
    <fieldset className={`account-fieldset${error ? ' account-field--invalid' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="account-field__label">{props.legend}</legend>
      {error ? (
        <p id={`${id}-error`} className="account-field__error">
          <AlertIcon />
          <Msg m={error} />
        </p>
      ) : null}
      {props.options.map((o, index) => (
        <div key={o.value} className="account-check">
          <input
            id={index === 0 ? id : `${id}-${o.value}`}
            type="checkbox"
            name={props.name}
            value={o.value}
            checked={props.values.includes(o.value)}
            onChange={(e) => props.onChange(e.target.checked ? [...props.values, o.value] : props.values.filter((v) => v !== o.value))}
          />
          <label htmlFor={index === 0 ? id : `${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function SubmitButton(props: { busy: boolean; children: ReactNode; tone?: 'primary' | 'secondary' | 'danger' }) {
  return (
    <button type="submit" className={`button${props.tone && props.tone !== 'primary' ? ` button--${props.tone}` : ''}`} aria-disabled={props.busy || undefined} disabled={props.busy}>
      {props.children}
    </button>
  );
}

/** A polite confirmation after a change ("Saved"), shown after each success. */
export function Saved(props: { form: AccountForm; children: ReactNode }) {
  return (
    <p className="account-saved" role="status">
      {props.form.done > 0 && !props.form.busy && !props.form.error && Object.keys(props.form.errors).length === 0 ? props.children : null}
    </p>
  );
}

/**
 * A destructive action in two steps: the first press asks, the second does it. Focus moves to the
 * confirming button so keyboard users stay in place; Cancel brings it back.
 */
export function ConfirmButton(props: { label: string; ariaLabel?: string; confirmLabel: string; question: ReactNode; onConfirm: () => unknown; busy?: boolean }) {
  const intl = useIntl();
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (moved.current) startRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button
        ref={startRef}
        type="button"
        className="button button--secondary button--small"
        aria-label={props.ariaLabel}
        onClick={() => {
          moved.current = true;
          setAsking(true);
        }}
      >
        {props.label}
      </button>
    );
  }
  return (
    <span className="confirm">
      <span className="confirm__question">{props.question}</span>
      <button
        ref={confirmRef}
        type="button"
        className="button button--danger button--small"
        disabled={props.busy}
        onClick={async () => {
          await props.onConfirm();
          setAsking(false);
        }}
      >
        {props.confirmLabel}
      </button>
      <button type="button" className="button button--secondary button--small" onClick={() => setAsking(false)}>
        {intl.formatMessage({ id: 'account.form.cancel' })}
      </button>
    </span>
  );
}

/** Copies text to the clipboard and says so (politely) for screen readers. */
export function CopyButton(props: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <span className="copy">
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(props.text);
            setState('copied');
          } catch {
            setState('failed');
          }
        }}
      >
        {props.label}
      </button>
      <span role="status" className="copy__status">
        {state === 'copied' ? <FormattedMessage id="account.form.copied" /> : state === 'failed' ? <FormattedMessage id="account.form.copyFailed" /> : null}
      </span>
    </span>
  );
}

/** The password rules, said before anyone types (the server checks them again). */
export function PasswordRules() {
  return (
    <ul className="account-rules">
      <li>
        <FormattedMessage id="auth.password.ruleLength" values={{ min: 12 }} />
      </li>
      <li>
        <FormattedMessage id="auth.password.ruleCommon" />
      </li>
      <li>
        <FormattedMessage id="auth.password.rulePersonal" />
      </li>
    </ul>
  );
}

/** Checks a new password and its repetition before sending: length and equality (the rest is the server's). */
export function checkNewPassword(password: string, repeat: string, names: { password: string; repeat: string }): FieldErrors {
  const errors: FieldErrors = {};
  if ([...password].length < 12) errors[names.password] = { id: 'auth.password.tooShort' };
  if (repeat === '') errors[names.repeat] = { id: 'auth.password.repeatMissing' };
  else if (repeat !== password) errors[names.repeat] = { id: 'auth.password.mismatch' };
  return errors;
}

export const looksLikeEmail = (v: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim());

/**
 * A table that scrolls sideways on a narrow screen. The scrolling box is a named region that takes
 * keyboard focus, so it can be scrolled without a mouse (axe: scrollable-region-focusable).
 */
export function ScrollTable(props: { labelledBy?: string; label?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className="account-table-wrap" aria-labelledby={props.labelledBy} aria-label={props.label} tabIndex={0}>
      {props.children}
    </section>
  );
}
