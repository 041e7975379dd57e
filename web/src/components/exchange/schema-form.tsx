import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { ExchangeForm, FieldError, FieldLabel, SchemaNode } from '../../api/exchange.ts';
import type { MessageId } from '../../i18n/messages.ts';
import { Localized, useLocalized } from './exchange-bits.tsx';

/**
 * A form generated from a template's JSON Schema: each field labelled in the reader's language (falling
 * back to English, marked with its language), help under the label, required fields marked in words,
 * errors next to the field (aria-invalid, aria-describedby) and summarised at the top with links.
 *
 * Values are kept as JSON: numbers as numbers when they parse, otherwise as typed (so validation can
 * say "must be a whole number" rather than silently dropping the input); empty fields are left out.
 */
export type Answers = Record<string, unknown>;

/** Id of a field's input, from its dotted path (`forces.personnel` → `xf-forces-personnel`). */
export const fieldId = (path: string) => `xf-${path.replaceAll('.', '-')}`;
/** The label key of a path: list indexes become `*` (`contacts.1.email` → `contacts.*.email`). */
export const labelKey = (path: string) => path.replace(/\.\d+(?=\.|$)/g, '.*');

export function setAt(root: Answers, path: string[], value: unknown): Answers {
  const [head, ...rest] = path;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(root) ? [...root] : { ...root };
  const key = Array.isArray(copy) ? Number(head) : head;
  if (rest.length === 0) {
    if (value === undefined) {
      if (Array.isArray(copy)) copy.splice(key as number, 1);
      else delete (copy as Record<string, unknown>)[head];
    } else (copy as Record<string | number, unknown>)[key] = value;
    return copy as Answers;
  }
  const child = (copy as Record<string | number, unknown>)[key];
  const nextIsIndex = /^\d+$/.test(rest[0]);
  (copy as Record<string | number, unknown>)[key] = setAt((child ?? (nextIsIndex ? [] : {})) as Answers, rest, value);
  return copy as Answers;
}

export function getAt(root: unknown, path: string): unknown {
  let cur = root;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Removes empty objects and lists left behind by cleared fields, so "no answer" is absent, not {}. */
export function pruneEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneEmpty);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const p = pruneEmpty(v);
      if (p === undefined) continue;
      if (p && typeof p === 'object' && !Array.isArray(p) && Object.keys(p).length === 0) continue;
      out[k] = p;
    }
    return out;
  }
  return value;
}

/** The translated message for one field error, by the rule it broke; the server's English otherwise. */
export function useFieldErrorText(form: ExchangeForm) {
  const intl = useIntl();
  const localized = useLocalized();
  return (e: FieldError): string => {
    const known: Record<string, MessageId> = {
      required: 'exchange.error.required',
      type: 'exchange.error.type',
      minimum: 'exchange.error.minimum',
      maximum: 'exchange.error.maximum',
      exclusiveMinimum: 'exchange.error.minimum',
      exclusiveMaximum: 'exchange.error.maximum',
      minLength: 'exchange.error.minLength',
      maxLength: 'exchange.error.maxLength',
      minItems: 'exchange.error.minItems',
      maxItems: 'exchange.error.maxItems',
      enum: 'exchange.error.enum',
      pattern: 'exchange.error.pattern',
      format: 'exchange.error.format',
      unknown: 'exchange.error.unknown',
      dateOrder: 'exchange.error.dateOrder',
    };
    const id = known[e.keyword];
    if (!id) return e.message;
    const after = typeof e.params.after === 'string' ? localized(form.labels[e.params.after]?.label) : '';
    return intl.formatMessage(
      { id },
      { limit: Number(e.params.limit ?? 0), type: String(e.params.type ?? ''), format: String(e.params.format ?? ''), after },
    );
  };
}

interface NodeProps {
  form: ExchangeForm;
  node: SchemaNode;
  path: string;
  required: boolean;
  answers: Answers;
  errors: Record<string, string>;
  onChange: (path: string, value: unknown) => void;
  disabled?: boolean;
}

function labelOf(form: ExchangeForm, path: string): FieldLabel | undefined {
  return form.labels[labelKey(path)];
}

function FieldShell(props: { path: string; label: FieldLabel | undefined; required: boolean; error?: string; children: (ids: { describedBy: string | undefined; invalid: boolean }) => ReactNode }) {
  const id = fieldId(props.path);
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [props.label?.help ? helpId : null, props.error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`xc-field${props.error ? ' xc-field--invalid' : ''}`}>
      <label htmlFor={id} className="xc-field__label">
        <Localized text={props.label?.label} />
        {props.required ? (
          <span className="xc-required">
            {' '}
            <FormattedMessage id="exchange.fill.required" />
          </span>
        ) : null}
      </label>
      {props.label?.help ? (
        <p id={helpId} className="xc-hint">
          <Localized text={props.label.help} />
        </p>
      ) : null}
      {props.children({ describedBy, invalid: Boolean(props.error) })}
      {props.error ? (
        <p id={errorId} className="xc-field-error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

function ScalarField(props: NodeProps) {
  const intl = useIntl();
  const { node, path, form } = props;
  const label = labelOf(form, path);
  const value = getAt(props.answers, path);
  const error = props.errors[path];
  const id = fieldId(path);

  if (node.type === 'boolean') {
    const name = id;
    return (
      <fieldset className={`xc-field xc-choice xc-choice--inline${error ? ' xc-field--invalid' : ''}`} aria-describedby={[label?.help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined}>
        <legend className="xc-field__label">
          <Localized text={label?.label} />
          {props.required ? (
            <span className="xc-required">
              {' '}
              <FormattedMessage id="exchange.fill.required" />
            </span>
          ) : null}
        </legend>
        {label?.help ? (
          <p id={`${id}-help`} className="xc-hint">
            <Localized text={label.help} />
          </p>
        ) : null}
        {[true, false].map((b) => (
          <label key={String(b)} className="xc-choice__option">
            <input
              id={b ? id : undefined}
              type="radio"
              name={name}
              checked={value === b}
              disabled={props.disabled}
              aria-invalid={error ? true : undefined}
              onChange={() => props.onChange(path, b)}
            />{' '}
            <FormattedMessage id={b ? 'exchange.fill.yes' : 'exchange.fill.no'} />
          </label>
        ))}
        {error ? (
          <p id={`${id}-error`} className="xc-field-error">
            {error}
          </p>
        ) : null}
      </fieldset>
    );
  }

  return (
    <FieldShell path={path} label={label} required={props.required} error={error}>
      {({ describedBy, invalid }) => {
        const common = {
          id,
          name: path,
          disabled: props.disabled,
          'aria-invalid': invalid || undefined,
          'aria-describedby': describedBy,
          'aria-required': props.required || undefined,
        };
        if (Array.isArray(node.enum)) {
          return (
            <select {...common} value={value === undefined ? '' : String(value)} onChange={(e) => props.onChange(path, e.target.value === '' ? undefined : e.target.value)}>
              <option value="">{intl.formatMessage({ id: 'exchange.fill.choose' })}</option>
              {node.enum.map((opt) => (
                <option key={String(opt)} value={String(opt)}>
                  {pickOption(label, String(opt), intl.locale)}
                </option>
              ))}
            </select>
          );
        }
        if (node.type === 'integer' || node.type === 'number') {
          return (
            <input
              {...common}
              type="text"
              inputMode={node.type === 'integer' ? 'numeric' : 'decimal'}
              dir="ltr"
              className="xc-input--number"
              value={value === undefined || value === null ? '' : String(value)}
              onChange={(e) => {
                const raw = e.target.value.trim();
                if (raw === '') return props.onChange(path, undefined);
                const n = Number(raw.replace(/\s/g, ''));
                props.onChange(path, Number.isFinite(n) && /^-?[\d\s]+([.,]\d+)?$/.test(raw) ? Number(raw.replace(/\s/g, '').replace(',', '.')) : raw);
              }}
            />
          );
        }
        const text = value === undefined || value === null ? '' : String(value);
        const set = (v: string) => props.onChange(path, v === '' ? undefined : v);
        if (node.format === 'date') return <input {...common} type="date" dir="ltr" value={text} onChange={(e) => set(e.target.value)} />;
        if ((node.maxLength ?? 0) > 300) return <textarea {...common} dir="auto" rows={4} value={text} onChange={(e) => set(e.target.value)} />;
        const type = node.format === 'email' ? 'email' : node.format === 'uri' ? 'url' : 'text';
        return <input {...common} type={type} dir={type === 'text' ? 'auto' : 'ltr'} value={text} onChange={(e) => set(e.target.value)} />;
      }}
    </FieldShell>
  );
}

function pickOption(label: FieldLabel | undefined, value: string, locale: string): string {
  const text = label?.options?.[value];
  return text?.[locale] ?? text?.en ?? value;
}

function ObjectFields(props: NodeProps & { legendLevel?: 'group' | 'root' }) {
  const props2 = props.node.properties ?? {};
  const required = new Set(props.node.required ?? []);
  return (
    <>
      {Object.entries(props2).map(([name, child]) => {
        const path = props.path ? `${props.path}.${name}` : name;
        return <SchemaNodeField key={path} {...props} node={child} path={path} required={required.has(name)} />;
      })}
    </>
  );
}

function SchemaNodeField(props: NodeProps) {
  const { node, path, form } = props;
  const label = labelOf(form, path);
  const error = props.errors[path];
  if (node.type === 'object') {
    return (
      <fieldset className="xc-group" id={fieldId(path)} tabIndex={-1}>
        <legend>
          <Localized text={label?.label} />
        </legend>
        {error ? <p className="xc-field-error">{error}</p> : null}
        <ObjectFields {...props} />
      </fieldset>
    );
  }
  if (node.type === 'array' && node.items) {
    const list = (getAt(props.answers, path) as unknown[] | undefined) ?? [];
    const items = node.items;
    const max = node.maxItems ?? 100;
    return (
      <fieldset className="xc-group xc-list" id={fieldId(path)} tabIndex={-1} aria-describedby={error ? `${fieldId(path)}-error` : undefined}>
        <legend>
          <Localized text={label?.label} />
          {props.required ? (
            <span className="xc-required">
              {' '}
              <FormattedMessage id="exchange.fill.required" />
            </span>
          ) : null}
        </legend>
        {error ? (
          <p className="xc-field-error" id={`${fieldId(path)}-error`}>
            {error}
          </p>
        ) : null}
        {list.map((_, i) => {
          const itemPath = `${path}.${i}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: entries have no identity but their place
            <fieldset key={i} className="xc-list__item">
              <legend>
                <FormattedMessage id="exchange.fill.entry" values={{ n: i + 1 }} />
              </legend>
              {items.type === 'object' ? (
                <ObjectFields {...props} node={items} path={itemPath} required={false} />
              ) : (
                <ScalarField {...props} node={items} path={itemPath} required />
              )}
              <button type="button" className="xc-link-button" disabled={props.disabled} onClick={() => props.onChange(itemPath, undefined)}>
                <FormattedMessage id="exchange.fill.removeEntry" values={{ n: i + 1 }} />
              </button>
            </fieldset>
          );
        })}
        {list.length < max ? (
          <button
            type="button"
            className="button xc-button--secondary"
            disabled={props.disabled}
            onClick={() => props.onChange(`${path}.${list.length}`, items.type === 'object' ? {} : '')}
          >
            <FormattedMessage id="exchange.fill.addEntry" />
          </button>
        ) : null}
      </fieldset>
    );
  }
  return <ScalarField {...props} />;
}

export function SchemaForm(props: { form: ExchangeForm; answers: Answers; errors: Record<string, string>; onChange: (answers: Answers) => void; disabled?: boolean }) {
  return (
    <ObjectFields
      form={props.form}
      node={props.form.schema}
      path=""
      required={false}
      answers={props.answers}
      errors={props.errors}
      disabled={props.disabled}
      onChange={(path, value) => props.onChange(setAt(props.answers, path.split('.'), value))}
    />
  );
}

const entryOf = (path: string): number | null => {
  const m = /\.(\d+)(?:\.|$)/.exec(path);
  return m ? Number(m[1]) + 1 : null;
};

/** The error summary at the top of a form: each problem, linked to its field. */
export function ErrorSummary(props: { form: ExchangeForm; errors: Array<{ path: string; text: string }>; headingId: string }) {
  const localized = useLocalized();
  if (props.errors.length === 0) return null;
  return (
    <div className="xc-error-summary" role="alert" aria-labelledby={props.headingId} tabIndex={-1} id="xc-error-summary">
      <h2 id={props.headingId}>
        <FormattedMessage id="exchange.fill.errorSummary" values={{ count: props.errors.length }} />
      </h2>
      <ul>
        {props.errors.map((e) => (
          <li key={e.path}>
            <a href={`#${fieldId(e.path)}`}>
              {localized(props.form.labels[labelKey(e.path)]?.label) || e.path}
              {entryOf(e.path) ? (
                <>
                  {' '}
                  (<FormattedMessage id="exchange.fill.entry" values={{ n: entryOf(e.path) }} />)
                </>
              ) : null}
            </a>
            : {e.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The answers of a submission, read-only, laid out by the form's fields and labels. */
export function AnswersView(props: { form: ExchangeForm; data: Record<string, unknown> }) {
  return (
    <dl className="xc-answers">
      <AnswerRows form={props.form} node={props.form.schema} path="" data={props.data} />
    </dl>
  );
}

function AnswerRows(props: { form: ExchangeForm; node: SchemaNode; path: string; data: unknown }) {
  const intl = useIntl();
  return (
    <>
      {Object.entries(props.node.properties ?? {}).map(([name, child]) => {
        const path = props.path ? `${props.path}.${name}` : name;
        const value = getAt(props.data, path);
        if (value === undefined || value === null) return null;
        const label = labelOf(props.form, path);
        if (child.type === 'object') {
          return (
            <div key={path} className="xc-answers__group">
              <dt>
                <Localized text={label?.label} />
              </dt>
              <dd>
                <dl className="xc-answers">
                  <AnswerRows form={props.form} node={child} path={path} data={props.data} />
                </dl>
              </dd>
            </div>
          );
        }
        if (child.type === 'array' && Array.isArray(value)) {
          return (
            <div key={path} className="xc-answers__group">
              <dt>
                <Localized text={label?.label} />
              </dt>
              <dd>
                <ol className="xc-answers__list">
                  {value.map((_, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: entries have no identity but their place
                    <li key={i}>
                      {child.items?.type === 'object' ? (
                        <dl className="xc-answers">
                          <AnswerRows form={props.form} node={child.items} path={`${path}.${i}`} data={props.data} />
                        </dl>
                      ) : (
                        String(value[i])
                      )}
                    </li>
                  ))}
                </ol>
              </dd>
            </div>
          );
        }
        let shown: ReactNode = String(value);
        if (typeof value === 'boolean') shown = intl.formatMessage({ id: value ? 'exchange.fill.yes' : 'exchange.fill.no' });
        else if (typeof value === 'number') shown = intl.formatNumber(value);
        else if (Array.isArray(child.enum)) shown = pickOption(label, String(value), intl.locale);
        else if (child.format === 'date' && typeof value === 'string') shown = intl.formatDate(`${value}T12:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' });
        return (
          <div key={path} className="xc-answers__row">
            <dt>
              <Localized text={label?.label} />
            </dt>
            <dd dir="auto">{shown}</dd>
          </div>
        );
      })}
    </>
  );
}
