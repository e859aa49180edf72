/**
 * The commit message: why the code changes (the drift: finding id, kind, who changed it and when,
 * when attribution is known), what was written and what was skipped with the reason. Values in it
 * are only what was written to code, which is never a secret.
 */
import type { Finding } from '../../model/finding.js';
import type { FindingOutcome } from './types.js';

export function commitMessage(findings: ReadonlyArray<Finding>, outcomes: ReadonlyArray<FindingOutcome>): string {
  const byId = new Map(findings.map((f) => [f.id, f]));
  const codified = outcomes.filter((o) => o.status !== 'skipped');
  const resources = new Set(codified.map((o) => o.address)).size;
  const lines = [
    `driftwarden: codify drift in ${resources} resource${resources === 1 ? '' : 's'}`,
    '',
    'Changes made outside Terraform, written back into the code instead of reverted,',
    'so that the code says what is really running. Review with `terraform plan`: it should',
    'show no change for these resources (import blocks adopt the unmanaged ones).',
    '',
  ];
  for (const outcome of outcomes) {
    const finding = byId.get(outcome.findingId);
    lines.push(`- ${outcome.findingId} ${outcome.kind}: ${outcome.address}`);
    const who = finding?.attribution;
    if (who) lines.push(`  changed by ${who.principal} at ${who.time} (${who.eventName}, via ${who.via})`);
    for (const change of outcome.changes) {
      if (change.status === 'codified') {
        lines.push(`  codified ${change.path}: ${change.written} (${change.file}:${change.line})`);
        if (change.omitted?.length) lines.push(`    not written (secret): ${change.omitted.join(', ')}`);
      } else {
        lines.push(`  skipped ${change.path} [${change.reason}]: ${change.detail}`);
      }
    }
  }
  lines.push('', `Driftwarden-Findings: ${outcomes.map((o) => o.findingId).join(', ')}`, '');
  return lines.join('\n');
}
