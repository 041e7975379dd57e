import { MeetingRuleError } from './meeting.ts';

/**
 * The agenda as a two-level tree (items and sub-items). Numbers are never stored: they follow
 * from the order of the items on the agenda (1, 2, 2.1, 2.2, 3), so a reorder, an insertion or a
 * deletion can never leave them wrong. Items a delegation asked for are not on the agenda (and
 * have no number) until the Chair accepts them.
 */

export type ItemStatus = 'listed' | 'requested' | 'declined';

export interface AgendaNode {
  id: string;
  parentId: string | null;
  position: number;
  status: ItemStatus;
}

export const MAX_DEPTH = 2;

/** Siblings on the agenda, in their order (ties broken by id so the order is total). */
function siblingsOf<T extends AgendaNode>(items: readonly T[], parentId: string | null): T[] {
  return items
    .filter((i) => i.status === 'listed' && i.parentId === parentId)
    .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The number of every item on the agenda: "1", "2", "2.1". Items not listed are absent. */
export function numberAgenda(items: readonly AgendaNode[]): Map<string, string> {
  const numbers = new Map<string, string>();
  const walk = (parentId: string | null, prefix: string) => {
    siblingsOf(items, parentId).forEach((item, i) => {
      const n = prefix ? `${prefix}.${i + 1}` : String(i + 1);
      numbers.set(item.id, n);
      walk(item.id, n);
    });
  };
  walk(null, '');
  return numbers;
}

/** The agenda in reading order (depth first): 1, 2, 2.1, 2.2, 3. */
export function agendaOrder<T extends AgendaNode>(items: readonly T[]): T[] {
  const out: T[] = [];
  const walk = (parentId: string | null) => {
    for (const item of siblingsOf(items, parentId)) {
      out.push(item);
      walk(item.id);
    }
  };
  walk(null);
  return out;
}

/** Depth of an item on the agenda: 1 for an item, 2 for a sub-item. */
function depthOf(items: readonly AgendaNode[], id: string | null): number {
  let d = 0;
  let cur = id;
  const seen = new Set<string>();
  while (cur) {
    if (seen.has(cur)) return Number.POSITIVE_INFINITY;
    seen.add(cur);
    d++;
    cur = items.find((i) => i.id === cur)?.parentId ?? null;
  }
  return d;
}

function hasListedChildren(items: readonly AgendaNode[], id: string): boolean {
  return items.some((i) => i.parentId === id && i.status === 'listed');
}

/**
 * Where an item goes: under `parentId` (null: top level) at `index` among its new siblings
 * (clamped; omitted: at the end). Returns the new positions of every sibling touched, as
 * consecutive integers from 0, for the old and the new parent.
 */
export function placeItem(items: readonly AgendaNode[], id: string, parentId: string | null, index?: number): Array<{ id: string; parentId: string | null; position: number }> {
  const item = items.find((i) => i.id === id);
  if (!item) throw new MeetingRuleError('meetings.item_not_found', 'The agenda item was not found.', 'itemId');
  if (parentId !== null) {
    const parent = items.find((i) => i.id === parentId);
    if (!parent || parent.status !== 'listed') throw new MeetingRuleError('meetings.parent_not_found', 'The parent item is not on the agenda.', 'parentId');
    if (parentId === id) throw new MeetingRuleError('meetings.agenda_too_deep', 'An item cannot be its own sub-item.', 'parentId');
    if (depthOf(items, parentId) + 1 > MAX_DEPTH) throw new MeetingRuleError('meetings.agenda_too_deep', 'The agenda has items and sub-items only.', 'parentId');
    if (hasListedChildren(items, id)) throw new MeetingRuleError('meetings.agenda_too_deep', 'An item with sub-items cannot become a sub-item.', 'parentId');
  }
  const oldParent = item.parentId;
  const others = siblingsOf(items, parentId).filter((i) => i.id !== id);
  const at = index === undefined ? others.length : Math.max(0, Math.min(others.length, index));
  const ordered = [...others.slice(0, at), { ...item, parentId }, ...others.slice(at)];
  const changes = ordered.map((i, pos) => ({ id: i.id, parentId, position: pos }));
  if (oldParent !== parentId && item.status === 'listed') {
    siblingsOf(items, oldParent)
      .filter((i) => i.id !== id)
      .forEach((i, pos) => {
        changes.push({ id: i.id, parentId: oldParent, position: pos });
      });
  }
  return changes;
}

/** After an item leaves the agenda (deleted or declined): its siblings close ranks. */
export function closeRanks(items: readonly AgendaNode[], removedId: string): Array<{ id: string; parentId: string | null; position: number }> {
  const item = items.find((i) => i.id === removedId);
  if (!item) return [];
  return siblingsOf(items, item.parentId)
    .filter((i) => i.id !== removedId)
    .map((i, pos) => ({ id: i.id, parentId: item.parentId, position: pos }));
}

/** An item with sub-items is removed with them: the ids that go. */
export function subtreeIds(items: readonly AgendaNode[], id: string): string[] {
  const out = [id];
  for (const child of items.filter((i) => i.parentId === id)) out.push(...subtreeIds(items, child.id));
  return out;
}
