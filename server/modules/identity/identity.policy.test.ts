import { describe, expect, it } from 'vitest';
import { type Actor, anonymousActor, type PartyKind, type Role, systemActor } from '../../shared/context.ts';
import { can, knownActions } from '../../shared/policy.ts';
import './identity.policy.ts';
import type { PersonRef } from './identity.policy.ts';

const KZ = 'party-kz';
const CN = 'party-cn';
const SEC = 'party-sec';
const JP = 'party-jp';

function actor(partyId: string, partyKind: PartyKind, role: Role, userId = `u-${partyId}-${role}`): Actor {
  return { kind: 'user', userId, partyId, partyCode: partyId.slice(6).toUpperCase(), partyKind, role, mfa: false, sessionId: 's', tokenScopes: null };
}
const admin = actor(SEC, 'secretariat', 'admin');
const officer = actor(SEC, 'secretariat', 'officer');
const kzFocal = actor(KZ, 'member-state', 'focal-point');
const kzHead = actor(KZ, 'member-state', 'head-of-delegation');
const kzDelegate = actor(KZ, 'member-state', 'delegate');
const kzViewer = actor(KZ, 'member-state', 'viewer');
const cnFocal = actor(CN, 'member-state', 'focal-point');
const jpFocal = actor(JP, 'observer-state', 'focal-point');
const person = (partyId: string, partyKind: PartyKind, role: Role, id = `p-${partyId}-${role}`): PersonRef => ({ id, partyId, partyKind, role });
const kzPerson = person(KZ, 'member-state', 'delegate');

describe('identity policy', () => {
  it('is declared under identity.*', () => {
    expect(knownActions()).toEqual(expect.arrayContaining(['identity.invite', 'identity.listUsers', 'identity.readUser', 'identity.updateUser', 'identity.reinvite']));
  });

  it('lets a Secretariat admin invite anyone, and the CLI (system)', () => {
    expect(can(admin, 'identity.invite', { partyId: KZ, role: 'delegate' })).toBe(true);
    expect(can(admin, 'identity.invite', { partyId: SEC, role: 'admin' })).toBe(true);
    expect(can(systemActor, 'identity.invite', { partyId: KZ, role: 'focal-point' })).toBe(true);
  });

  it('lets a focal point or head invite into its own delegation only, delegation roles only', () => {
    expect(can(kzFocal, 'identity.invite', { partyId: KZ, role: 'delegate' })).toBe(true);
    expect(can(kzHead, 'identity.invite', { partyId: KZ, role: 'focal-point' })).toBe(true);
    expect(can(jpFocal, 'identity.invite', { partyId: JP, role: 'viewer' })).toBe(true);
    expect(can(kzFocal, 'identity.invite', { partyId: CN, role: 'delegate' })).toBe(false);
    expect(can(kzFocal, 'identity.invite', { partyId: KZ, role: 'admin' })).toBe(false);
    expect(can(cnFocal, 'identity.invite', { partyId: KZ, role: 'viewer' })).toBe(false);
  });

  it('refuses invitations by delegates, viewers, officers and anonymous callers', () => {
    for (const a of [kzDelegate, kzViewer, officer, anonymousActor]) expect(can(a, 'identity.invite', { partyId: KZ, role: 'viewer' })).toBe(false);
  });

  it('shows people to the Secretariat, to themselves, and to their own focal point or head', () => {
    expect(can(officer, 'identity.readUser', kzPerson)).toBe(true);
    expect(can(kzFocal, 'identity.readUser', kzPerson)).toBe(true);
    expect(can({ ...kzDelegate, userId: kzPerson.id }, 'identity.readUser', kzPerson)).toBe(true);
    expect(can(kzViewer, 'identity.readUser', kzPerson)).toBe(false);
    expect(can(cnFocal, 'identity.readUser', kzPerson)).toBe(false);
    expect(can(jpFocal, 'identity.readUser', kzPerson)).toBe(false);
  });

  it('lets focal points change their own delegation, never into Secretariat roles', () => {
    expect(can(kzFocal, 'identity.updateUser', { target: kzPerson, role: 'viewer' })).toBe(true);
    expect(can(kzFocal, 'identity.updateUser', { target: kzPerson, role: 'admin' })).toBe(false);
    expect(can(cnFocal, 'identity.updateUser', { target: kzPerson, role: 'viewer' })).toBe(false);
    expect(can(officer, 'identity.updateUser', { target: kzPerson, role: 'viewer' })).toBe(false);
    expect(can(admin, 'identity.updateUser', { target: person(SEC, 'secretariat', 'officer'), role: 'admin' })).toBe(true);
  });

  it('lists people for the Secretariat and for a focal point of that party only', () => {
    expect(can(officer, 'identity.listUsers', { partyId: null })).toBe(true);
    expect(can(kzFocal, 'identity.listUsers', { partyId: KZ })).toBe(true);
    expect(can(kzFocal, 'identity.listUsers', { partyId: null })).toBe(false);
    expect(can(kzFocal, 'identity.listUsers', { partyId: CN })).toBe(false);
    expect(can(kzDelegate, 'identity.listUsers', { partyId: KZ })).toBe(false);
  });

  it('keeps the security settings to admins', () => {
    expect(can(admin, 'identity.updateSettings')).toBe(true);
    expect(can(officer, 'identity.readSettings')).toBe(false);
    expect(can(kzFocal, 'identity.updateSettings')).toBe(false);
  });

  it('denies an action no policy names (deny by default)', () => {
    expect(can(admin, 'identity.doSomethingNew')).toBe(false);
  });
});
