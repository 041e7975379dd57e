import type { Actor } from '../../shared/context.ts';
import { definePolicy, isSecretariatAdmin } from '../../shared/policy.ts';

/** The forum's profile is public to read; only Secretariat admins change it. */
export const profilePolicy = definePolicy('profile', {
  update: (a: Actor) => isSecretariatAdmin(a),
});
