/** The demo's configuration file, shared by the demo and the start-up benchmark. */

/** driftwarden.yaml for the demo: one environment, its state, the emulator's account and region. */
export function demoConfig(statePath: string, account: string, region: string): string {
  return [
    '# Written by the Driftwarden demo (demo/main.ts).',
    'version: 1',
    'environments:',
    '  demo:',
    '    tier: production',
    '    states:',
    `      - location: ${JSON.stringify(statePath)}`,
    '        name: demo',
    '    aws:',
    `      accounts: ["${account}"]`,
    `      regions: [${region}]`,
    '# The emulator does not serve CloudTrail LookupEvents: no attribution in the demo.',
    'attribution:',
    '  lookup_events: false',
    '# Reconcile only reports (notify) unless told otherwise: the demo opts into reverting drift',
    '# and pruning hand-made snapshots, so `driftwarden reconcile` has a plan to show.',
    'reconcile:',
    '  strategies:',
    '    - { kind: unmanaged, strategy: prune }',
    '    - { strategy: revert }',
    '  prune:',
    '    - { types: [aws_ebs_snapshot] }',
    '  approval_above: 60 # a blast radius above 60 needs `--approve ID`',
    '',
  ].join('\n');
}
