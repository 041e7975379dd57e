/**
 * THE authorization matrix: one entry per /api route (method + route pattern). test/authz-matrix.api.test.ts
 * fails when a registered route has no entry here, and for each entry checks that the five probe
 * personas (anonymous, another party's delegate, an observer, the own party's viewer, a Secretariat
 * officer) are refused — 401/403/404 with nothing changed — unless listed in `allow`, and that the
 * positive control succeeds.
 *
 * To add a module: write test/authz/<module>.matrix.ts exporting `<module>Matrix: MatrixEntry[]`
 * (see identity.matrix.ts) and add it to the list below.
 */
import { cbmMatrix } from './cbm.matrix.ts';
import { decisionsMatrix } from './decisions.matrix.ts';
import { documentsMatrix } from './documents.matrix.ts';
import { exchangeMatrix } from './exchange.matrix.ts';
import { identityMatrix } from './identity.matrix.ts';
import { meetingsMatrix } from './meetings.matrix.ts';
import { notificationsMatrix } from './notifications.matrix.ts';
import { registryMatrix } from './registry.matrix.ts';
import { searchMatrix } from './search.matrix.ts';
import { systemMatrix } from './system.matrix.ts';
import type { MatrixEntry } from './types.ts';

export type { MatrixEntry, MatrixRequest, MatrixWorld, Persona, ProbePersona } from './types.ts';
export { probePersonas } from './types.ts';

export const matrix: MatrixEntry[] = [...systemMatrix, ...identityMatrix, ...notificationsMatrix, ...registryMatrix, ...exchangeMatrix, ...decisionsMatrix, ...searchMatrix, ...meetingsMatrix, ...documentsMatrix, ...cbmMatrix];
