/**
 * Forms as data: a template is a JSON Schema (draft 2020-12) for the answers, labels and help per
 * language for each field, and a due rule. This file compiles and checks them with Ajv and turns Ajv's
 * errors into field-by-field messages that name the field (a dotted path such as `forces.personnel`).
 *
 * Template schemas are limited to what the web app can render as a form: objects of named properties,
 * arrays of objects or of scalars, strings (with `format` date / email / uri, `enum`, lengths, `pattern`),
 * numbers, integers and booleans. `$ref`, `oneOf`/`anyOf`/`allOf`, `if`/`then` and remote schemas are
 * refused: a template the web app cannot show would be a form nobody can fill.
 */
import Ajv2020Import from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';
import { type DueRule, dueRuleProblems, isIsoDay } from './due-rules.ts';

// Ajv and ajv-formats are CommonJS with a default export; under ESM the class may sit on `.default`.
type AjvClass = typeof Ajv2020Import;
const Ajv2020: AjvClass = ((Ajv2020Import as unknown as { default?: AjvClass }).default ?? Ajv2020Import) as AjvClass;
const addFormats = ((addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ?? addFormatsImport) as typeof addFormatsImport;
type Ajv = InstanceType<AjvClass>;
interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, any>;
  message?: string;
}

export const formLanguages = ['en', 'ru', 'zh', 'vi', 'ar', 'fa', 'kk', 'tr'] as const;
export type FormLanguage = (typeof formLanguages)[number];
export type LocalizedText = Partial<Record<string, string>> & { en: string };

export interface FieldLabel {
  label: LocalizedText;
  help?: LocalizedText;
  /** Labels of the values of an `enum` field. */
  options?: Record<string, LocalizedText>;
}

/** A cross-field rule JSON Schema cannot say: `to` is on or after `from` (both `format: date`). */
export interface DateOrderCheck {
  kind: 'date-order';
  from: string;
  to: string;
}
export type FormCheck = DateOrderCheck;

export interface FormTemplate {
  code: string;
  version: number;
  title: LocalizedText;
  description: LocalizedText;
  /** CBM area (registry `ref`, e.g. 'MP.1') the form serves, if any. */
  cbmArea?: string | null;
  schema: Record<string, unknown>;
  /** Keyed by field path: `personnel.total`; array items are `*`: `contacts.*.email`. */
  labels: Record<string, FieldLabel>;
  dueRule: DueRule;
  allowsNothingToDeclare: boolean;
  allowsNothingNew: boolean;
  checks?: FormCheck[];
  /** Field whose value names a submission in lists (e.g. an exercise's name). */
  summaryField?: string | null;
  /** Hours after delivery when recipients that have not acknowledged are reminded. */
  ackReminderHours?: number;
}

export interface FieldError {
  field: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
}

function newAjv(): Ajv {
  // strict: unknown keywords and types are errors, so a typo in a template is caught when it is posted.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: true, validateFormats: true, loadSchema: undefined });
  addFormats(ajv, ['date', 'email', 'uri', 'date-time']);
  return ajv;
}

const ajv = newAjv();

/** `/forces/0/personnel` → `forces.0.personnel` (JSON pointer unescaped). */
export function pointerToPath(pointer: string): string {
  if (!pointer) return '';
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
}

const join = (a: string, b: string) => (a ? `${a}.${b}` : b);

/** The field an Ajv error is about, and a clear English message (the web app translates by keyword). */
export function describeAjvError(e: AjvError): FieldError {
  const base = pointerToPath(e.instancePath);
  const p = e.params ?? {};
  switch (e.keyword) {
    case 'required':
      return { field: join(base, String(p.missingProperty)), keyword: 'required', params: {}, message: 'is required' };
    case 'additionalProperties':
      return { field: join(base, String(p.additionalProperty)), keyword: 'unknown', params: {}, message: 'is not a field of this form' };
    case 'type': {
      const t = String(p.type);
      const what = t === 'integer' ? 'a whole number' : t === 'number' ? 'a number' : t === 'boolean' ? 'yes or no' : t === 'array' ? 'a list' : t === 'object' ? 'a group of fields' : 'text';
      return { field: base, keyword: 'type', params: { type: t }, message: `must be ${what}` };
    }
    case 'minimum':
      return { field: base, keyword: 'minimum', params: { limit: p.limit }, message: `must be at least ${p.limit}` };
    case 'maximum':
      return { field: base, keyword: 'maximum', params: { limit: p.limit }, message: `must be at most ${p.limit}` };
    case 'exclusiveMinimum':
      return { field: base, keyword: 'exclusiveMinimum', params: { limit: p.limit }, message: `must be more than ${p.limit}` };
    case 'exclusiveMaximum':
      return { field: base, keyword: 'exclusiveMaximum', params: { limit: p.limit }, message: `must be less than ${p.limit}` };
    case 'minLength':
      return p.limit === 1
        ? { field: base, keyword: 'required', params: {}, message: 'is required' }
        : { field: base, keyword: 'minLength', params: { limit: p.limit }, message: `must be at least ${p.limit} characters long` };
    case 'maxLength':
      return { field: base, keyword: 'maxLength', params: { limit: p.limit }, message: `must be at most ${p.limit} characters long` };
    case 'minItems':
      return { field: base, keyword: 'minItems', params: { limit: p.limit }, message: `needs at least ${p.limit} ${p.limit === 1 ? 'entry' : 'entries'}` };
    case 'maxItems':
      return { field: base, keyword: 'maxItems', params: { limit: p.limit }, message: `may have at most ${p.limit} entries` };
    case 'enum':
      return { field: base, keyword: 'enum', params: { allowed: p.allowedValues }, message: `must be one of: ${(p.allowedValues as unknown[]).join(', ')}` };
    case 'const':
      return { field: base, keyword: 'const', params: { allowed: p.allowedValue }, message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'pattern':
      return { field: base, keyword: 'pattern', params: { pattern: p.pattern }, message: 'is not in the expected format' };
    case 'format': {
      const f = String(p.format);
      const what = f === 'date' ? 'a date (YYYY-MM-DD)' : f === 'email' ? 'an e-mail address' : f === 'uri' ? 'a web address' : f === 'date-time' ? 'a date and time' : `in ${f} format`;
      return { field: base, keyword: 'format', params: { format: f }, message: `must be ${what}` };
    }
    case 'uniqueItems':
      return { field: base, keyword: 'uniqueItems', params: {}, message: 'must not repeat an entry' };
    default:
      return { field: base, keyword: e.keyword, params: p, message: e.message ?? 'is invalid' };
  }
}

/** Errors of one validation, one per field (the first problem with each field is enough to act on). */
function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (seen.has(e.field)) return false;
    seen.add(e.field);
    return true;
  });
}

type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
const compiled = new Map<string, Validator>();

/**
 * A validator for a stored template. Keyed by the form row id (templates are immutable), so each is
 * compiled once per process.
 */
export function validatorFor(key: string, schema: Record<string, unknown>): Validator {
  let v = compiled.get(key);
  if (!v) {
    v = ajv.compile(schema) as Validator;
    compiled.set(key, v);
  }
  return v;
}

function valueAt(data: unknown, path: string): unknown {
  let cur: unknown = data;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Validates answers against a template: schema errors first, then the template's cross-field checks. */
export function validateAnswers(key: string, template: Pick<FormTemplate, 'schema' | 'checks'>, data: unknown): FieldError[] {
  const validate = validatorFor(key, template.schema);
  const errors: FieldError[] = [];
  if (!validate(data)) errors.push(...(validate.errors ?? []).map(describeAjvError));
  if (errors.length === 0) {
    for (const check of template.checks ?? []) {
      if (check.kind === 'date-order') {
        const from = valueAt(data, check.from);
        const to = valueAt(data, check.to);
        if (typeof from === 'string' && typeof to === 'string' && isIsoDay(from) && isIsoDay(to) && to < from) {
          errors.push({ field: check.to, keyword: 'dateOrder', params: { after: check.from }, message: `must be on or after ${check.from}` });
        }
      }
    }
  }
  return dedupe(errors);
}

/** Field paths of a schema's leaves (and groups), in the schema's order: `a`, `b.c`, `list.*.d`. */
export function schemaPaths(schema: Record<string, unknown>, prefix = ''): Array<{ path: string; node: Record<string, unknown> }> {
  const out: Array<{ path: string; node: Record<string, unknown> }> = [];
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, node] of Object.entries(props)) {
    const path = join(prefix, name);
    out.push({ path, node });
    if (node.type === 'object') out.push(...schemaPaths(node, path));
    if (node.type === 'array' && node.items && typeof node.items === 'object') {
      const items = node.items as Record<string, unknown>;
      if (items.type === 'object') out.push(...schemaPaths(items, `${path}.*`));
    }
  }
  return out;
}

const scalarTypes = new Set(['string', 'number', 'integer', 'boolean']);
const refused = ['$ref', '$dynamicRef', 'oneOf', 'anyOf', 'allOf', 'not', 'if', 'then', 'else', 'patternProperties', 'dependentSchemas', 'prefixItems', '$defs', 'definitions'];

/** Shapes the web form renderer supports; returns problems as field paths under `schema`. */
function shapeProblems(node: Record<string, unknown>, at: string, out: FieldError[], depth = 0): void {
  const problem = (message: string): void => {
    out.push({ field: at, keyword: 'schema', params: {}, message });
  };
  if (depth > 6) {
    problem('nests too deep (at most 6 levels)');
    return;
  }
  for (const k of refused) if (k in node) problem(`uses "${k}", which forms do not support`);
  const type = node.type;
  if (typeof type !== 'string') {
    problem('needs a single "type"');
    return;
  }
  if (type === 'object') {
    const props = node.properties;
    if (!props || typeof props !== 'object' || Object.keys(props).length === 0) {
      problem('an object needs "properties"');
      return;
    }
    for (const [name, child] of Object.entries(props as Record<string, unknown>)) {
      if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name)) problem(`property name "${name}" must be letters, digits or _ (starting with a letter)`);
      if (!child || typeof child !== 'object') problem(`property "${name}" must be a schema`);
      else shapeProblems(child as Record<string, unknown>, `${at}.properties.${name}`, out, depth + 1);
    }
    return;
  }
  if (type === 'array') {
    const items = node.items as Record<string, unknown> | undefined;
    if (!items || typeof items !== 'object') problem('an array needs "items"');
    else if (items.type === 'array') problem('lists of lists are not supported');
    else shapeProblems(items, `${at}.items`, out, depth + 1);
    return;
  }
  if (!scalarTypes.has(type)) problem(`type "${type}" is not supported`);
}

/**
 * Checks a template the Secretariat posts: a valid 2020-12 schema that compiles, of a shape forms
 * support, an English label for every field, labels only for fields that exist, and a sane due rule.
 */
export function templateProblems(t: FormTemplate): FieldError[] {
  const out: FieldError[] = [];
  const schema = t.schema;
  const declared = schema.$schema;
  if (declared !== undefined && declared !== 'https://json-schema.org/draft/2020-12/schema') {
    out.push({ field: 'schema.$schema', keyword: 'schema', params: {}, message: 'must be https://json-schema.org/draft/2020-12/schema (or absent)' });
  }
  if (schema.type !== 'object') out.push({ field: 'schema.type', keyword: 'schema', params: {}, message: 'the root of a form must be "object"' });
  const probe = newAjv();
  if (!probe.validateSchema(schema)) {
    for (const e of (probe.errors ?? []) as AjvError[]) {
      out.push({ field: join('schema', pointerToPath(e.instancePath)), keyword: 'schema', params: {}, message: e.message ?? 'is not valid JSON Schema' });
    }
    return dedupe(out);
  }
  shapeProblems(schema, 'schema', out);
  if (out.length > 0) return dedupe(out);
  try {
    probe.compile(schema);
  } catch (err) {
    out.push({ field: 'schema', keyword: 'schema', params: {}, message: `does not compile: ${(err as Error).message}` });
    return out;
  }
  const paths = schemaPaths(schema);
  const known = new Set(paths.map((p) => p.path));
  for (const { path, node } of paths) {
    const label = t.labels[path];
    if (!label?.label?.en) out.push({ field: `labels.${path}`, keyword: 'required', params: {}, message: 'needs a label in English (en)' });
    const options = Array.isArray(node.enum) ? (node.enum as unknown[]) : Array.isArray((node.items as Record<string, unknown> | undefined)?.enum) ? ((node.items as Record<string, unknown>).enum as unknown[]) : null;
    if (options && label) {
      for (const v of options) if (!label.options?.[String(v)]?.en) out.push({ field: `labels.${path}.options.${String(v)}`, keyword: 'required', params: {}, message: 'needs a label in English (en)' });
    }
  }
  for (const path of Object.keys(t.labels)) if (!known.has(path)) out.push({ field: `labels.${path}`, keyword: 'unknown', params: {}, message: 'names no field of the schema' });
  for (const p of dueRuleProblems(t.dueRule)) out.push({ field: 'dueRule', keyword: 'dueRule', params: {}, message: p });
  if (t.dueRule.kind === 'before-activity') {
    const field = t.dueRule.activityStartField;
    const node = paths.find((p) => p.path === field);
    const required = ((schema.required as string[] | undefined) ?? []).includes(field);
    if (!node || field.includes('.') || node.node.type !== 'string' || node.node.format !== 'date' || !required) {
      out.push({ field: 'dueRule.activityStartField', keyword: 'dueRule', params: {}, message: 'must name a required top-level field of format "date"' });
    }
  }
  for (const [i, c] of (t.checks ?? []).entries()) {
    for (const side of ['from', 'to'] as const) {
      const node = paths.find((p) => p.path === c[side]);
      if (node?.node.format !== 'date') out.push({ field: `checks.${i}.${side}`, keyword: 'checks', params: {}, message: 'must name a field of format "date"' });
    }
  }
  if (t.summaryField && !paths.some((p) => p.path === t.summaryField && p.node.type === 'string')) {
    out.push({ field: 'summaryField', keyword: 'summaryField', params: {}, message: 'must name a text field of the schema' });
  }
  return dedupe(out);
}

/** Flattens answers to dotted paths with array indexes (`contacts.0.email`), for CSV and comparison. */
export function flattenAnswers(data: unknown, prefix = '', out: Record<string, string | number | boolean | null> = {}): Record<string, string | number | boolean | null> {
  if (data === null || data === undefined) {
    if (prefix) out[prefix] = null;
    return out;
  }
  if (Array.isArray(data)) {
    data.forEach((v, i) => {
      flattenAnswers(v, join(prefix, String(i)), out);
    });
    return out;
  }
  if (typeof data === 'object') {
    for (const [k, v] of Object.entries(data as Record<string, unknown>)) flattenAnswers(v, join(prefix, k), out);
    return out;
  }
  if (typeof data === 'string' || typeof data === 'number' || typeof data === 'boolean') out[prefix] = data;
  else out[prefix] = String(data);
  return out;
}

/** A string field's value at a dotted path, for the summary line of a submission. */
export function summaryOf(template: Pick<FormTemplate, 'summaryField'>, data: unknown): string | null {
  if (!template.summaryField) return null;
  const v = valueAt(data, template.summaryField);
  return typeof v === 'string' && v.trim() ? v.trim().slice(0, 300) : null;
}

/** The activity start of a notice, when the rule takes it from the answers. */
export function activityStartOf(rule: DueRule, data: unknown): string | null {
  if (rule.kind !== 'before-activity') return null;
  const v = valueAt(data, rule.activityStartField);
  return typeof v === 'string' && isIsoDay(v) ? v : null;
}
