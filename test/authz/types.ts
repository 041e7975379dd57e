import type { TestApp } from '../helpers/app.ts';
import type { TestParty, TestUser } from '../helpers/auth.ts';

/**
 * The authorization matrix: every /api route × the people who must be refused, with a positive
 * control so no entry passes vacuously. The world is Kazakhstan ("own" party), China ("other"
 * member state), Japan (observer state), the OSCE (observer organisation), Azerbaijan (the Chair in
 * office on the test clock's day) and the Secretariat.
 */
export type Persona =
  /** No session. */
  | 'anonymous'
  /** A delegate of another member state (CN). */
  | 'otherDelegate'
  /** A focal point of an observer state (JP): the strongest observer. */
  | 'observer'
  /** A viewer of the own party (KZ). */
  | 'ownViewer'
  /** A Secretariat officer. */
  | 'officer'
  // Positive controls (and personas entries may use to build fixtures):
  | 'admin'
  | 'ownFocalPoint'
  | 'ownHead'
  | 'ownDelegate'
  /** Focal point of the party chairing today (AZ). */
  | 'chairFocalPoint'
  /** A focal point of an observer organisation (OSCE). */
  | 'observerOrganization';

/** The five personas tried on every route. */
export const probePersonas = ['anonymous', 'otherDelegate', 'observer', 'ownViewer', 'officer'] as const;
export type ProbePersona = (typeof probePersonas)[number];

export type SignedInPersona = Exclude<Persona, 'anonymous'>;
export type PartyKey = 'own' | 'other' | 'observer' | 'observerOrganization' | 'chair' | 'secretariat';

export interface MatrixWorld {
  t: TestApp;
  parties: Record<PartyKey, TestParty>;
  /** The standing user of each signed-in persona. */
  users: Record<SignedInPersona, TestUser>;
  /** The standing session cookie of a persona (undefined for anonymous). Do not end it: use `fresh`. */
  cookie(p: Persona): string | undefined;
  /** A new user with the persona's party and role, signed in: for requests that use up or change an account. */
  fresh(p: Persona): Promise<{ user: TestUser | null; cookie: string | undefined }>;
  /** A new user (not signed in). */
  makeUser(party: PartyKey, role: TestUser['role']): Promise<TestUser>;
}

export interface MatrixRequest {
  /** The concrete path, with parameters and query filled in. */
  path: string;
  body?: unknown;
  /** Send this cookie instead of the persona's standing one (e.g. from `world.fresh`); null sends none. */
  cookie?: string | null;
  headers?: Record<string, string>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface MatrixEntry {
  method: HttpMethod;
  /** The route exactly as Fastify registers it, e.g. `/api/users/:id`. */
  route: string;
  /** Probe personas the policy lets through: they must get a 2xx. All others must be refused (401/403/404) and change nothing. */
  allow: readonly ProbePersona[];
  /** The persona whose request must succeed, so the entry cannot pass vacuously. */
  positive: Persona;
  /** Status the positive control (and allowed probes) must get; default any 2xx. */
  status?: number;
  /** Builds a valid request for this persona, creating whatever fixtures it needs. */
  request(w: MatrixWorld, as: Persona): Promise<MatrixRequest> | MatrixRequest;
  note?: string;
}
