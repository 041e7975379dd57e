import type { Actor } from './context.ts';
import { AppError } from './errors.ts';

/**
 * Authorization: one `can(actor, action, object)` entry point over policies declared per
 * module. Deny by default: an action no policy names is refused.
 *
 * Facts that need the database (is the actor's party the Chair today? is it a coordinator of
 * this area?) are loaded by the service and passed in `facts`, so rules stay pure.
 */
export interface PolicyFacts {
  now: Date;
  /** Party id of the Chair in office at `now`, when the service looked it up. */
  chairPartyId?: string | null;
  [key: string]: unknown;
}

export type PolicyRule<O = any> = (actor: Actor, object: O, facts: PolicyFacts) => boolean;

const rules = new Map<string, PolicyRule>();

/** Declares the rules of one module: `definePolicy('documents', { read: …, create: … })` → `documents.read`. */
export function definePolicy<R extends Record<string, PolicyRule>>(module: string, moduleRules: R): R {
  for (const [name, rule] of Object.entries(moduleRules)) rules.set(`${module}.${name}`, rule);
  return moduleRules;
}

export function knownActions(): string[] {
  return [...rules.keys()].sort();
}

export function can(actor: Actor, action: string, object: unknown = null, facts: Partial<PolicyFacts> = {}): boolean {
  const rule = rules.get(action);
  if (!rule) return false;
  try {
    return rule(actor, object, { now: new Date(), ...facts }) === true;
  } catch {
    return false;
  }
}

/**
 * Throws when the actor may not. For objects whose existence must not leak (reads of a
 * restricted item), pass `hide: true` to answer 404 instead of 403.
 */
export function authorize(actor: Actor, action: string, object: unknown = null, facts: Partial<PolicyFacts> = {}, opts: { hide?: boolean; what?: string } = {}): void {
  if (can(actor, action, object, facts)) return;
  if (actor.kind === 'anonymous' && !opts.hide) throw new AppError('unauthenticated', 'auth.required', 'Sign in to do this.');
  if (opts.hide) throw new AppError('not_found', 'not_found', `The ${opts.what ?? 'resource'} was not found.`);
  throw new AppError('forbidden', 'forbidden', `You may not ${action.replace('.', ': ')}.`);
}

// Common predicates for rules.
export const isUser = (a: Actor) => a.kind === 'user';
export const isSecretariat = (a: Actor) => a.kind === 'user' && a.partyKind === 'secretariat';
export const isSecretariatAdmin = (a: Actor) => isSecretariat(a) && a.role === 'admin';
export const isMemberDelegation = (a: Actor) => a.kind === 'user' && a.partyKind === 'member-state';
export const isObserver = (a: Actor) => a.kind === 'user' && (a.partyKind === 'observer-state' || a.partyKind === 'observer-organization');
export const actsFor = (a: Actor, partyId: string | null | undefined) => a.kind === 'user' && !!partyId && a.partyId === partyId;
export const isFocalPointOrHead = (a: Actor) => a.role === 'focal-point' || a.role === 'head-of-delegation';
export const isChair = (a: Actor, facts: PolicyFacts) => a.kind === 'user' && !!facts.chairPartyId && a.partyId === facts.chairPartyId && isFocalPointOrHead(a);
