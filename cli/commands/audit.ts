import type { Command } from 'commander';
import { verifyAuditChain } from '../../server/modules/audit/audit.service.ts';
import { exitWith, withDatabase } from '../run.ts';

export function auditCommands(program: Command) {
  const audit = program.command('audit').description('The audit trail.');
  audit
    .command('verify')
    .description('Walk the hash chain of the audit trail and report the first broken link, if any. Exit 1 when broken.')
    .action(async () => {
      try {
        const verdict = await withDatabase((h) => verifyAuditChain(h.db));
        if (verdict.ok) {
          console.log(`Audit trail intact: ${verdict.count} event(s), last hash ${verdict.lastHash}.`);
        } else {
          console.error(
            `Audit trail BROKEN at event #${verdict.brokenAt.seq} (id ${verdict.brokenAt.id}): ${verdict.brokenAt.reason === 'hash_mismatch' ? 'its content does not match its hash (edited after it was written)' : 'it does not follow the previous event (an event was removed, inserted or reordered)'}.`,
          );
          process.exit(1);
        }
      } catch (err) {
        exitWith(err);
      }
    });
}
