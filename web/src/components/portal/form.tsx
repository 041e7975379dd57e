import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../../api/client.ts';
import { fieldErrors, abilitiesQuery } from '../../api/registry.ts';
import type { MessageId } from '../../i18n/messages.ts';
import { Loading, Notice, useErrorMessage } from '../status.tsx';
import './form.css';

/** Registry error codes with a message of their own; anything else falls back to the shell's error messages. */
const ruleMessages: Record<string, MessageId> = {
  'registry.chair_terms_overlap': 'portal.admin.error.overlap',
  'registry.end_before_start': 'portal.admin.error.endBeforeStart',
  'registry.status_before_current': 'portal.admin.error.statusBeforeCurrent',
  'registry.status_unchanged': 'portal.admin.error.statusUnchanged',
  'registry.status_not_for_kind': 'portal.admin.error.statusNotForKind',
  'registry.body_cycle': 'portal.admin.error.bodyCycle',
  'registry.chair_not_member': 'portal.admin.error.chairNotMember',
  'registry.rename_before_last': 'portal.admin.error.renameBeforeLast',
  'registry.names_required': 'portal.admin.error.namesRequired',
};

/**
 * A form's state: submitting, the problem the API answered (with its field errors), and success.
 * `run` sends the change; on success every registry query is refreshed.
 */
export function useAdminForm() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ busy: boolean; error: unknown; saved: boolean }>({ busy: false, error: null, saved: false });
  const run = async (send: () => Promise<unknown>) => {
    setState({ busy: true, error: null, saved: false });
    try {
      await send();
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['registry'] }), queryClient.invalidateQueries({ queryKey: ['profile'] })]);
      setState({ busy: false, error: null, saved: true });
    } catch (error) {
      setState({ busy: false, error, saved: false });
    }
  };
  return { ...state, errors: fieldErrors(state.error), run };
}

/** The outcome of a submit: what went wrong (localized by code) or that it was saved. Announced to screen readers. */
export function FormOutcome(props: { error: unknown; saved: boolean }) {
  const intl = useIntl();
  const generic = useErrorMessage(props.error);
  if (props.saved) {
    return (
      <p className="form-outcome form-outcome--saved" role="status">
        <FormattedMessage id="portal.admin.saved" />
      </p>
    );
  }
  if (!props.error) return <p className="sr-only" role="status" />;
  const code = isApiError(props.error) ? props.error.code : '';
  const message = ruleMessages[code] ? intl.formatMessage({ id: ruleMessages[code] }) : generic;
  return (
    <div role="alert">
      <Notice tone="error" title={<FormattedMessage id="portal.admin.notSaved" />}>
        <p>{message}</p>
      </Notice>
    </div>
  );
}

interface FieldProps {
  label: ReactNode;
  name: string;
  errors: Record<string, string>;
  hint?: ReactNode;
  lang?: string;
  required?: boolean;
}

function useFieldIds(name: string, errors: Record<string, string>) {
  const id = useId();
  const error = errors[name];
  return { inputId: `${id}-input`, hintId: `${id}-hint`, errorId: `${id}-error`, error };
}

function FieldFrame(props: FieldProps & { ids: ReturnType<typeof useFieldIds>; children: ReactNode }) {
  return (
    <div className={`form-field${props.ids.error ? ' form-field--invalid' : ''}`}>
      <label htmlFor={props.ids.inputId} className="form-field__label">
        {props.label}
        {props.required ? (
          <span className="form-field__required">
            {' '}
            <FormattedMessage id="portal.admin.required" />
          </span>
        ) : null}
      </label>
      {props.hint ? (
        <p id={props.ids.hintId} className="form-field__hint">
          {props.hint}
        </p>
      ) : null}
      {props.children}
      {props.ids.error ? (
        <p id={props.ids.errorId} className="form-field__error">
          <FormattedMessage id="portal.admin.fieldError" values={{ message: <span key="m" lang="en" dir="ltr">{props.ids.error}</span> }} />
        </p>
      ) : null}
    </div>
  );
}

function describedBy(props: FieldProps, ids: ReturnType<typeof useFieldIds>): string | undefined {
  return [props.hint ? ids.hintId : null, ids.error ? ids.errorId : null].filter(Boolean).join(' ') || undefined;
}

export function TextField(props: FieldProps & { value: string; onChange: (v: string) => void; type?: 'text' | 'email' | 'tel' | 'number'; multiline?: boolean; dir?: 'ltr' | 'auto' }) {
  const ids = useFieldIds(props.name, props.errors);
  const common = {
    id: ids.inputId,
    name: props.name,
    value: props.value,
    lang: props.lang,
    dir: props.dir ?? 'auto',
    required: props.required,
    'aria-invalid': ids.error ? true : undefined,
    'aria-describedby': describedBy(props, ids),
    className: 'form-field__input',
  } as const;
  return (
    <FieldFrame {...props} ids={ids}>
      {props.multiline ? (
        <textarea {...common} rows={4} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input {...common} type={props.type ?? 'text'} onChange={(e) => props.onChange(e.target.value)} />
      )}
    </FieldFrame>
  );
}

export function SelectField(props: FieldProps & { value: string; onChange: (v: string) => void; options: Array<{ value: string; label: string; lang?: string }> }) {
  const ids = useFieldIds(props.name, props.errors);
  return (
    <FieldFrame {...props} ids={ids}>
      <select
        id={ids.inputId}
        name={props.name}
        value={props.value}
        className="form-field__input"
        aria-invalid={ids.error ? true : undefined}
        aria-describedby={describedBy(props, ids)}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField(props: { label: ReactNode; name: string; checked: boolean; onChange: (v: boolean) => void }) {
  const id = useId();
  return (
    <div className="form-field form-field--checkbox">
      <input id={id} type="checkbox" name={props.name} checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}

export function SubmitButton(props: { busy: boolean; children: ReactNode }) {
  return (
    <button type="submit" className="button" disabled={props.busy} aria-disabled={props.busy}>
      {props.children}
    </button>
  );
}

/** Admin pages: only for Secretariat admins; everyone else is told so (the API refuses them anyway). */
export function AdminOnly(props: { children: ReactNode }) {
  const abilities = useQuery(abilitiesQuery);
  if (abilities.isPending) return <Loading />;
  if (!abilities.data?.canEdit) {
    return (
      <Notice tone="info" headingLevel={1} title={<FormattedMessage id="portal.admin.forbiddenTitle" />}>
        <p>
          <FormattedMessage id="portal.admin.forbiddenBody" />
        </p>
      </Notice>
    );
  }
  return <>{props.children}</>;
}

/** Drops empty entries of a per-language text map. */
export function compact(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));
}

/** '' -> null, so optional fields can be cleared. */
export const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
