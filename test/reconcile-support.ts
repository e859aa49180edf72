/** Shared set-up for the reconcile and controller tests: an estate in moto, its state and a config. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import { buildEstate, type BuiltEstate } from '../demo/estate.js';
import { createEstateClients } from '../demo/clients.js';
import { sqliteAuditEntries } from './support/raw-database.js';
import { MOTO_ACCOUNT, type Moto } from './support/moto.js';

export interface Workspace {
  readonly dir: string;
  readonly estate: BuiltEstate;
  readonly config: string;
  readonly store: string;
}

/**
 * Strategy rules that opt into acting: the reconciler's default is `notify` (it never acts unless
 * the config says so). Hand-made attachments and inline policies on a managed role are reverted
 * (detached), other unmanaged resources pruned (where `prune` enables the type), the rest reverted.
 */
export const ACTING_STRATEGIES = [
  '- { kind: unmanaged, type: "aws_iam_role_policy*", strategy: revert }',
  '- { kind: unmanaged, strategy: prune }',
  '- { strategy: revert }',
].join('\n');

/**
 * A fresh estate and a driftwarden.yaml for it (environment `demo`). `strategies` are the
 * `reconcile.strategies` lines (default ACTING_STRATEGIES; `null` leaves the section out, so the
 * defaults apply), `reconcile` more lines of the `reconcile:` section.
 */
export async function workspace(
  moto: Moto,
  options: { mode?: 'audit' | 'enforce'; strategies?: string | null; reconcile?: string } = {},
): Promise<Workspace> {
  const dir = mkdtempSync(join(tmpdir(), 'driftwarden-reconcile-'));
  const estate = await buildEstate({ aws: moto.clientConfig(), dir, account: MOTO_ACCOUNT });
  const config = join(dir, 'driftwarden.yaml');
  writeFileSync(
    config,
    [
      'environments:',
      '  demo:',
      '    tier: development',
      `    mode: ${options.mode ?? 'audit'}`,
      `    states: [${JSON.stringify(estate.statePath)}]`,
      '    aws: { regions: [eu-west-1] }',
      ...reconcileSection(options.strategies === undefined ? ACTING_STRATEGIES : options.strategies, options.reconcile),
      '',
    ].join('\n'),
  );
  return { dir, estate, config, store: join(dir, '.driftwarden', 'history.db') };
}

function reconcileSection(strategies: string | null, more: string | undefined): string[] {
  const lines = [
    ...(strategies !== null ? ['strategies:', ...strategies.split('\n').map((l) => `  ${l}`)] : []),
    ...(more !== undefined ? more.split('\n') : []),
  ];
  return lines.length > 0 ? ['reconcile:', ...lines.map((l) => `  ${l}`)] : [];
}

export async function desiredCapacity(moto: Moto, name: string): Promise<number | undefined> {
  const clients = createEstateClients(moto.clientConfig());
  try {
    const out = await clients.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }));
    return out.AutoScalingGroups?.[0]?.DesiredCapacity;
  } finally {
    clients.destroy();
  }
}

export function auditEntries(store: string, actions?: string[]): ReturnType<typeof sqliteAuditEntries> {
  return sqliteAuditEntries(store, actions);
}

/** Whether the estate's web security group has SSH open to the world (the ssh-open-to-world drift). */
export async function port22Open(moto: Moto, ws: Workspace): Promise<boolean> {
  const clients = createEstateClients(moto.clientConfig());
  try {
    const out = await clients.ec2.send(
      new DescribeSecurityGroupsCommand({ GroupIds: [ws.estate.ids.webSecurityGroupId] }),
    );
    return (out.SecurityGroups?.[0]?.IpPermissions ?? []).some(
      (p) => p.FromPort === 22 && (p.IpRanges ?? []).some((r) => r.CidrIp === '0.0.0.0/0'),
    );
  } finally {
    clients.destroy();
  }
}
