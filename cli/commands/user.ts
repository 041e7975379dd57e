import type { Command } from 'commander';
import { issuePasswordReset } from '../../server/modules/identity/auth.service.ts';
import { allRoles, isRole } from '../../server/modules/identity/identity.ts';
import { createUserWithPassword, inviteUser } from '../../server/modules/identity/users.service.ts';
import { isTimeZone } from '../../server/modules/profile/profile.schemas.ts';
import { cicaRegistryFacts } from '../../server/modules/registry/registry.facts.ts';
import { loadRegistryFacts } from '../../server/modules/registry/registry.service.ts';
import type { DB } from '../../server/db/database.ts';
import { systemClock } from '../../server/shared/clock.ts';
import { type Ctx, systemActor } from '../../server/shared/context.ts';
import { AppError } from '../../server/shared/errors.ts';
import { exitWith, withDatabase } from '../run.ts';

/**
 * Exit codes: 0 done; 2 bad usage or input refused by the rules (unknown party, bad role, weak
 * password, e-mail taken, unknown account); 1 anything else; 3 the embedded database is in use.
 */
function refuse(message: string): never {
  console.error(`concord: ${message}`);
  process.exit(2);
}

function failWith(err: unknown): never {
  if (err instanceof AppError && ['bad_input', 'unprocessable', 'conflict', 'not_found', 'forbidden'].includes(err.kind)) {
    const fields = err.extra.fields?.map((f) => `${f.field} ${f.message}`).join('; ');
    refuse(`${err.message}${fields && !err.message.includes(fields) ? ` (${fields})` : ''}`);
  }
  exitWith(err);
}

async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (input is shown; end with Enter, then Ctrl+D): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  // One password: the first line, without its line ending.
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

/**
 * First start of an installation without the demo: no party exists yet, so the first administrator
 * could not be added. Adding a Secretariat account creates the forum's Secretariat party from the
 * registry data when there is none; every other party is added through the registry afterwards.
 */
async function ensureSecretariatParty(db: DB, ctx: Ctx, code: string, role: string): Promise<boolean> {
  if (role !== 'admin' && role !== 'officer') return false;
  const facts = cicaRegistryFacts.parties.find((p) => p.kind === 'secretariat' && p.code === code);
  if (!facts) return false;
  const existing = await db.selectFrom('parties').select('id').where('kind', '=', 'secretariat').executeTakeFirst();
  if (existing) return false;
  await db.transaction().execute((trx) =>
    loadRegistryFacts(trx, ctx, { parties: [facts], bodies: [], chairTerms: [], secretariatHeads: [], participants: [] }),
  );
  return true;
}

function cliCtx(baseUrl: string): Ctx {
  return { actor: systemActor, requestId: null, clock: systemClock, baseUrl };
}

export function userCommands(program: Command) {
  const user = program.command('user').description('People and their accounts.');

  user
    .command('add')
    .description(
      'Create an account. With --password-stdin it is active at once with that password; without, the person is invited ' +
        '(a single-use link valid 7 days, printed when no SMTP server is configured).',
    )
    .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--party <code>', 'party code: KZ, JP, OSCE, SEC (the Secretariat), …')
    .requiredOption('--role <role>', `one of ${allRoles.join(', ')}`)
    .option('--language <code>', 'preferred language', 'en')
    .option('--time-zone <zone>', 'IANA time zone such as Asia/Almaty', 'UTC')
    .option('--password-stdin', 'read the password from standard input (first line)')
    .action(async (opts: { email: string; name: string; party: string; role: string; language: string; timeZone: string; passwordStdin?: boolean }) => {
      if (!isRole(opts.role)) refuse(`unknown role "${opts.role}": use one of ${allRoles.join(', ')}.`);
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(opts.email)) refuse(`"${opts.email}" is not an e-mail address.`);
      if (!isTimeZone(opts.timeZone)) refuse(`unknown time zone "${opts.timeZone}": use an IANA zone such as Asia/Almaty.`);
      if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(opts.language)) refuse(`"${opts.language}" is not a language code such as en, ru, zh.`);
      const password = opts.passwordStdin ? await readPasswordFromStdin() : null;
      if (opts.passwordStdin && !password) refuse('no password on standard input.');
      const input = { email: opts.email, name: opts.name, partyCode: opts.party.toUpperCase(), role: opts.role, language: opts.language, timeZone: opts.timeZone };
      try {
        await withDatabase(async (h, cfg) => {
          const ctx = cliCtx(cfg.baseUrl);
          if (await ensureSecretariatParty(h.db, ctx, input.partyCode, input.role)) {
            console.log(`Created the Secretariat party (${input.partyCode}) from the registry data: this is the first account.`);
          }
          if (password !== null) {
            const u = await createUserWithPassword(h.db, ctx, { ...input, password });
            console.log(`Created ${u.email} (${u.role}, ${u.party.code}). They can sign in now at ${cfg.baseUrl}.`);
          } else {
            const inv = await inviteUser(h.db, ctx, input, cfg.baseUrl);
            console.log(`Invited ${inv.user.email} (${inv.user.role}, ${inv.user.party.code}); the link is valid until ${inv.expiresAt}.`);
            if (cfg.smtp) console.log('The invitation is queued for e-mail; a running Concord server sends it.');
            else console.log(`No SMTP server is configured, so here is the single-use link to pass on securely:\n${inv.link}`);
          }
        });
      } catch (err) {
        failWith(err);
      }
    });

  user
    .command('reset-password')
    .description('Make a single-use password-reset link (valid 1 hour). Printed when no SMTP server is configured, else e-mailed.')
    .requiredOption('--email <email>', 'e-mail address of the account')
    .action(async (opts: { email: string }) => {
      try {
        await withDatabase(async (h, cfg) => {
          const { link, user: u } = await issuePasswordReset(h.db, cliCtx(cfg.baseUrl), opts.email, cfg.baseUrl);
          if (cfg.smtp) console.log(`A reset link for ${u.email} is queued for e-mail; a running Concord server sends it. It is valid for 1 hour.`);
          else console.log(`No SMTP server is configured. Single-use reset link for ${u.email}, valid for 1 hour:\n${link}`);
        });
      } catch (err) {
        failWith(err);
      }
    });
}
