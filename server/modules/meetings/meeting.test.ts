import { describe, expect, it } from 'vitest';
import { agendaOrder, closeRanks, type AgendaNode, numberAgenda, placeItem } from './agenda.ts';
import { canMove, canSeeMeeting, checkFinalize, checkMove, checkTimes, checkVenue, isPublicMeeting, type MeetingStatus } from './meeting.ts';
import { englishOrdinal, meetingName } from './ordinal.ts';
import { checkFloorRequest, currentSpeaker, nextSpeaker, type SpeakerEntry, speakersQueue, speakingClock } from './speakers.ts';
import type { Actor } from '../../shared/context.ts';

const actor = (partyKind: Actor['partyKind'], partyId = 'p-x'): Actor => ({
  kind: 'user', userId: 'u', partyId, partyCode: 'X', partyKind, role: 'focal-point', mfa: false, sessionId: 's', tokenScopes: null,
});
const anonymous: Actor = { kind: 'anonymous', userId: null, partyId: null, partyCode: null, partyKind: null, role: null, mfa: false, sessionId: null, tokenScopes: null };

describe('meeting status machine', () => {
  it('moves one step at a time from planned to record-final', () => {
    const path: MeetingStatus[] = ['planned', 'convened', 'in-session', 'closed', 'record-final'];
    for (let i = 0; i + 1 < path.length; i++) expect(canMove(path[i]!, path[i + 1]!)).toBe(true);
  });
  it('refuses skips and moves back', () => {
    expect(canMove('planned', 'in-session')).toBe(false);
    expect(canMove('closed', 'in-session')).toBe(false);
    expect(canMove('record-final', 'closed')).toBe(false);
    expect(() => checkMove('planned', 'closed')).toThrow(/cannot become closed/);
  });
  it('checks times and venue against the format', () => {
    const s = new Date('2026-12-01T05:00:00Z');
    expect(() => checkTimes({ startsAt: s, endsAt: s })).toThrow(/end after/);
    expect(() => checkTimes({ startsAt: s, endsAt: new Date('2026-12-02T05:00:00Z'), registrationDeadline: new Date('2026-12-01T06:00:00Z') })).toThrow(/before the meeting/);
    expect(() => checkVenue('hybrid', { city: 'Astana', country: 'KZ', onlineUrl: null })).toThrow(/online link/);
    expect(() => checkVenue('in-person', { city: null, country: null, onlineUrl: 'https://x' })).toThrow(/city/);
    expect(() => checkVenue('online', { city: null, country: null, onlineUrl: 'https://x' })).not.toThrow();
  });
  it('record becomes final only after circulation, the deadline and every correction decided', () => {
    const deadline = new Date('2026-12-10T00:00:00Z');
    expect(() => checkFinalize({ status: 'draft', correctionsDeadline: null }, 0, deadline)).toThrow(/Circulate/);
    expect(() => checkFinalize({ status: 'circulated', correctionsDeadline: deadline }, 0, new Date('2026-12-09T00:00:00Z'))).toThrow(/until the deadline/);
    expect(() => checkFinalize({ status: 'circulated', correctionsDeadline: deadline }, 1, deadline)).toThrow(/await/);
    expect(() => checkFinalize({ status: 'circulated', correctionsDeadline: deadline }, 0, deadline)).not.toThrow();
  });
});

describe('who sees a meeting', () => {
  const base = { closed: false, papersAccess: 'members' as const, invitedPartyIds: ['p-in'] };
  it('Secretariat and invited parties always; closed meetings nobody else', () => {
    expect(canSeeMeeting(actor('secretariat', 'sec'), { ...base, closed: true })).toBe(true);
    expect(canSeeMeeting(actor('observer-state', 'p-in'), { ...base, closed: true })).toBe(true);
    expect(canSeeMeeting(actor('member-state', 'p-other'), { ...base, closed: true })).toBe(false);
    expect(canSeeMeeting(anonymous, { ...base, closed: true, papersAccess: 'public' })).toBe(false);
  });
  it('open meetings by the level of their papers', () => {
    expect(canSeeMeeting(actor('member-state'), base)).toBe(true);
    expect(canSeeMeeting(actor('observer-state'), base)).toBe(false);
    expect(canSeeMeeting(actor('observer-organization'), { ...base, papersAccess: 'members-and-observers' })).toBe(true);
    expect(canSeeMeeting(anonymous, base)).toBe(false);
    expect(canSeeMeeting(anonymous, { ...base, papersAccess: 'public' })).toBe(true);
    expect(canSeeMeeting(actor('member-state'), { ...base, papersAccess: 'restricted' })).toBe(false);
    expect(isPublicMeeting({ closed: false, papersAccess: 'public' })).toBe(true);
    expect(isPublicMeeting({ closed: true, papersAccess: 'public' })).toBe(false);
  });
});

describe('ordinals', () => {
  it('English suffixes follow Intl.PluralRules', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(englishOrdinal)).toEqual([
      '1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th', '112th',
    ]);
  });
  it('names the meeting in each language', () => {
    expect(meetingName('en', 7, 'Senior Officials Committee')).toBe('7th meeting of the Senior Officials Committee');
    expect(meetingName('zh-Hans', 7, '高官委员会')).toBe('高官委员会第7次会议');
    expect(meetingName('tr', 7, 'Kıdemli Yetkililer Komitesi')).toBe('Kıdemli Yetkililer Komitesi 7. toplantısı');
    expect(meetingName('xx', 2, 'SOC')).toBe('2nd meeting of the SOC');
  });
});

describe('agenda numbering', () => {
  const items = (): AgendaNode[] => [
    { id: 'a', parentId: null, position: 0, status: 'listed' },
    { id: 'b', parentId: null, position: 1, status: 'listed' },
    { id: 'b1', parentId: 'b', position: 0, status: 'listed' },
    { id: 'b2', parentId: 'b', position: 1, status: 'listed' },
    { id: 'c', parentId: null, position: 2, status: 'listed' },
    { id: 'r', parentId: null, position: 3, status: 'requested' },
  ];
  const apply = (list: AgendaNode[], changes: Array<{ id: string; parentId: string | null; position: number }>) =>
    list.map((i) => {
      const c = changes.find((x) => x.id === i.id);
      return c ? { ...i, parentId: c.parentId, position: c.position } : i;
    });
  const numbers = (list: AgendaNode[]) => Object.fromEntries(numberAgenda(list));

  it('numbers items and sub-items; requests have no number', () => {
    expect(numbers(items())).toEqual({ a: '1', b: '2', b1: '2.1', b2: '2.2', c: '3' });
    expect(agendaOrder(items()).map((i) => i.id)).toEqual(['a', 'b', 'b1', 'b2', 'c']);
  });
  it('stays right after a reorder', () => {
    const moved = apply(items(), placeItem(items(), 'c', null, 0));
    expect(numbers(moved)).toEqual({ c: '1', a: '2', b: '3', b1: '3.1', b2: '3.2' });
    const swapped = apply(items(), placeItem(items(), 'b2', 'b', 0));
    expect(numbers(swapped)).toEqual({ a: '1', b: '2', b2: '2.1', b1: '2.2', c: '3' });
  });
  it('stays right after moving a sub-item up a level and an item down one', () => {
    const up = apply(items(), placeItem(items(), 'b1', null, 1));
    expect(numbers(up)).toEqual({ a: '1', b1: '2', b: '3', b2: '3.1', c: '4' });
    const down = apply(items(), placeItem(items(), 'c', 'a'));
    expect(numbers(down)).toEqual({ a: '1', c: '1.1', b: '2', b1: '2.1', b2: '2.2' });
  });
  it('stays right after an insertion and a deletion', () => {
    const withNew = [...items(), { id: 'n', parentId: null, position: 99, status: 'listed' as const }];
    const inserted = apply(withNew, placeItem(withNew, 'n', null, 1));
    expect(numbers(inserted)).toEqual({ a: '1', n: '2', b: '3', b1: '3.1', b2: '3.2', c: '4' });
    const gone = apply(inserted.filter((i) => i.id !== 'a'), closeRanks(inserted, 'a'));
    expect(numbers(gone)).toEqual({ n: '1', b: '2', b1: '2.1', b2: '2.2', c: '3' });
    const accepted = items().map((i) => (i.id === 'r' ? { ...i, status: 'listed' as const } : i));
    expect(numbers(accepted).r).toBe('4');
  });
  it('has two levels only', () => {
    expect(() => placeItem(items(), 'c', 'b1')).toThrow(/items and sub-items/);
    expect(() => placeItem(items(), 'b', 'a')).toThrow(/sub-items cannot/);
    expect(() => placeItem(items(), 'a', 'r')).toThrow(/not on the agenda/);
  });
});

describe('speakers list', () => {
  let seq = 0;
  const entry = (id: string, partyId: string, kind: SpeakerEntry['kind'], extra: Partial<SpeakerEntry> = {}): SpeakerEntry => ({
    id, partyId, kind, seq: ++seq, status: 'waiting', repliesToId: null, startedAt: null, endedAt: null, limitSeconds: null, ...extra,
  });

  it('points of order first, then rights of reply, then regular speakers first come first served', () => {
    const t0 = new Date('2026-12-01T05:00:00Z');
    const list = [
      entry('kz', 'KZ', 'regular', { status: 'speaking', startedAt: t0, limitSeconds: 300 }),
      entry('tr', 'TR', 'regular'),
      entry('in', 'IN', 'regular'),
      entry('cn-reply', 'CN', 'reply', { repliesToId: 'kz' }),
      entry('az-poo', 'AZ', 'point-of-order'),
      entry('ru', 'RU', 'regular'),
      entry('ir-poo', 'IR', 'point-of-order'),
    ];
    expect(speakersQueue(list).map((e) => e.id)).toEqual(['az-poo', 'ir-poo', 'cn-reply', 'tr', 'in', 'ru']);
    expect(currentSpeaker(list)?.id).toBe('kz');
    expect(nextSpeaker(list)?.id).toBe('az-poo');
    expect(nextSpeaker(list, 'ru')?.id).toBe('ru');
    expect(() => nextSpeaker(list, 'kz')).toThrow(/not waiting/);
  });
  it('replies follow the order in which the answered speakers spoke', () => {
    const list = [
      entry('a', 'A', 'regular', { status: 'done', startedAt: new Date(1000) }),
      entry('b', 'B', 'regular', { status: 'speaking', startedAt: new Date(2000) }),
      entry('r-b', 'C', 'reply', { repliesToId: 'b' }),
      entry('r-a', 'D', 'reply', { repliesToId: 'a' }),
      entry('next', 'E', 'regular'),
    ];
    expect(speakersQueue(list).map((e) => e.id)).toEqual(['r-a', 'r-b', 'next']);
  });
  it('refuses duplicate requests and replies to nobody or to oneself', () => {
    const list = [entry('kz', 'KZ', 'regular', { status: 'speaking', startedAt: new Date(0) }), entry('tr', 'TR', 'regular'), entry('in', 'IN', 'regular')];
    expect(() => checkFloorRequest(list, { partyId: 'TR', kind: 'regular' })).toThrow(/already/);
    expect(() => checkFloorRequest(list, { partyId: 'TR', kind: 'point-of-order' })).not.toThrow();
    expect(() => checkFloorRequest(list, { partyId: 'TR', kind: 'reply', repliesToId: 'in' })).toThrow(/taken the floor/);
    expect(() => checkFloorRequest(list, { partyId: 'KZ', kind: 'reply', repliesToId: 'kz' })).toThrow(/itself/);
    expect(() => checkFloorRequest(list, { partyId: 'TR', kind: 'reply', repliesToId: 'kz' })).not.toThrow();
    expect(() => checkFloorRequest(list, { partyId: 'TR', kind: 'reply' })).toThrow(/answers/);
  });
  it('derives the countdown from the start, the limit and the clock', () => {
    const startedAt = new Date('2026-12-01T05:00:00Z');
    expect(speakingClock({ startedAt, limitSeconds: 180 }, new Date('2026-12-01T05:01:00Z'))).toEqual({
      endsAt: new Date('2026-12-01T05:03:00Z'), remainingMs: 120_000, overtimeMs: 0,
    });
    expect(speakingClock({ startedAt, limitSeconds: 180 }, new Date('2026-12-01T05:03:30Z'))?.overtimeMs).toBe(30_000);
    expect(speakingClock({ startedAt: null, limitSeconds: 180 }, startedAt)).toBeNull();
  });
});
