import type { Actor } from '../../shared/context.ts';
import { definePolicy, isSecretariat } from '../../shared/policy.ts';

const isSecretariatStaff = (a: Actor) => isSecretariat(a) && (a.role === 'officer' || a.role === 'admin');

/**
 * The glossary of key concepts. Approved and deprecated entries are public; drafts are seen by the
 * Secretariat only. Secretariat officers and admins (and Concord itself: demo, CLI) write, import and
 * see the drafts in exports. Deny by default: nothing else is allowed.
 */
export const glossaryPolicy = definePolicy('glossary', {
  readDrafts: (a: Actor) => a.kind === 'system' || isSecretariat(a),
  manage: (a: Actor) => a.kind === 'system' || isSecretariatStaff(a),
});
