/** Pure rules about bodies: the reporting tree stays a tree, and a rename keeps the old names. */

export interface BodyLink {
  code: string;
  reportsTo: string | null;
}

/** Whether letting `code` report to `reportsTo` would close a loop (a body reporting to itself, at any depth). */
export function wouldCycle(bodies: readonly BodyLink[], code: string, reportsTo: string | null): boolean {
  if (reportsTo === null) return false;
  const parent = new Map(bodies.map((b) => [b.code, b.reportsTo]));
  parent.set(code, reportsTo);
  const seen = new Set<string>();
  let at: string | null | undefined = code;
  while (at) {
    if (seen.has(at)) return true;
    seen.add(at);
    at = parent.get(at);
  }
  return false;
}

export interface HistoricName {
  names: Record<string, string>;
  until: string;
}

/**
 * Renaming a body on `on` ('YYYY-MM-DD'): the names it had become a historic name valid until that day.
 * Historic names stay in date order; a second rename on the same day replaces nothing (it is refused by
 * the caller's validation of `until` order).
 */
export function renameBody(current: Record<string, string>, historic: readonly HistoricName[], on: string): HistoricName[] {
  return [...historic, { names: { ...current }, until: on }].sort((a, b) => (a.until < b.until ? -1 : a.until > b.until ? 1 : 0));
}

/** The names a body went by on a day: the earliest historic name whose `until` is after the day, else the current names. */
export function namesOn(current: Record<string, string>, historic: readonly HistoricName[], day: string): Record<string, string> {
  const sorted = [...historic].sort((a, b) => (a.until < b.until ? -1 : 1));
  for (const h of sorted) if (day < h.until) return h.names;
  return current;
}
