/**
 * `driftwarden reconcile`: its flags and help (the implementation is src/cli/reconcile.ts, loaded when it runs).
 */
import type { Command } from 'commander';
import type { ReconcileFlags } from '../reconcile.js';
import type { RunCommand } from './run.js';
import { addSourceOptions } from './source-options.js';

export function registerReconcile(program: Command, run: RunCommand): void {
  addSourceOptions(
    program
      .command('reconcile')
      .description('Plan how to put reality back in line with the record (revert, prune, notify) and act on approval'),
  )
    .option(
      '--approve [ids]',
      'act: on every item the plan marks to act, or only on these finding ids (comma-separated; the only way to approve an item above approval_above). With --save-plan: record the approval with the plan instead of acting',
    )
    .option(
      '--save-plan <file>',
      'write the plan (JSON, with finding fingerprints and recorded approvals) to apply later with --apply-plan',
    )
    .option(
      '--apply-plan <file>',
      'apply a saved plan, only if a fresh scan shows the same findings and calls; items above approval_above need an approval recorded with the plan or --approve ID',
    )
    .option('-o, --output <format>', 'text or json', 'text')
    .option('--by <who>', 'who approves (recorded in the audit log; default: the operating-system user)')
    .option(
      '--lease-wait <duration>',
      'how long to wait while another reconcile or the controller acts on the same environments',
      '10m',
    )
    .action((flags: ReconcileFlags) =>
      run(async (io) => (await import('../reconcile.js')).reconcileCommand(flags, io)),
    );
}
