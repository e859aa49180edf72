/**
 * `driftwarden reconcile` end to end against moto: the demo estate, ClickOps drift, the built CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DescribeSnapshotsCommand, DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import {
  GetBucketVersioningCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import { DeletePolicyCommand, DetachRolePolicyCommand, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { UpdateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { applyClickOps } from '../demo/clickops.js';
import { createEstateClients } from '../demo/clients.js';
import { runCli } from './support/cli.js';
import { useMoto } from './aws-support.js';
import { auditEntries, desiredCapacity, port22Open, workspace, type Workspace } from './reconcile-support.js';

const env = useMoto();

interface JsonPlanItem {
  findingId: string;
  address: string;
  type: string;
  kind: string;
  status: string;
  strategy: string;
  reason?: string;
  calls: { service: string; operation: string; input: Record<string, unknown> }[];
}
interface JsonRun {
  plan: { items: JsonPlanItem[] };
  results: { findingId: string; address: string; outcome: string; reason?: string }[];
  pending: string[];
}

async function reconcile(ws: Workspace, args: string[], extraEnv: Record<string, string> = {}) {
  const run = await runCli(['reconcile', '--config', ws.config, '--no-attribution', ...args], {
    cwd: ws.dir,
    env: env.moto.env({ AWS_MAX_ATTEMPTS: '1', ...extraEnv }),
    timeoutMs: 180_000,
  });
  assert.doesNotMatch(run.stderr, /internal error|at .*\.js:\d+/, run.stderr);
  return run;
}

function json(run: { stdout: string }): JsonRun {
  return JSON.parse(run.stdout) as JsonRun;
}

async function drift(ws: Workspace): Promise<void> {
  await applyClickOps(env.moto.clientConfig(), ws.estate.ids, [
    'ssh-open-to-world',
    'asg-scaled',
    'policy-attached-by-hand',
  ]);
  const clients = createEstateClients(env.moto.clientConfig());
  try {
    await clients.s3.send(
      new PutBucketVersioningCommand({
        Bucket: ws.estate.ids.bucket,
        VersioningConfiguration: { Status: 'Suspended' },
      }),
    );
    await clients.s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: ws.estate.ids.bucket,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: false,
          BlockPublicPolicy: false,
          IgnorePublicAcls: false,
          RestrictPublicBuckets: false,
        },
      }),
    );
  } finally {
    clients.destroy();
  }
}

test('without a reconcile section the default is notify: even --approve changes nothing and plans no act', async () => {
  const ws = await workspace(env.moto, { strategies: null });
  await drift(ws);
  const run = await reconcile(ws, ['--approve', '-o', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const result = json(run);
  assert.ok(result.plan.items.length >= 5, `the drift is planned: ${result.plan.items.length} item(s)`);
  assert.deepEqual(
    [...new Set(result.plan.items.map((i) => `${i.strategy}/${i.status}`))],
    ['notify/notify'],
    'every item is notify',
  );
  assert.ok(result.plan.items.every((i) => i.calls.length === 0));
  assert.deepEqual([...new Set(result.results.map((r) => r.outcome))], ['notified']);
  assert.equal(await desiredCapacity(env.moto, 'app'), 10, 'nothing reverted');
  assert.equal(await port22Open(env.moto, ws), true);
  assert.equal(auditEntries(ws.store, ['action.planned']).length, 0, 'no act was planned');
});

test('dry run: the plan names each strategy, the exact calls and what is skipped; nothing changes; exit 2', async () => {
  const ws = await workspace(env.moto);
  await drift(ws);
  const text = await reconcile(ws, []);
  assert.equal(text.code, 2, text.stderr);
  assert.match(text.stdout, /autoscaling:UpdateAutoScalingGroup \{AutoScalingGroupName: app, DesiredCapacity: 3\}/);
  assert.match(
    text.stdout,
    /ec2:RevokeSecurityGroupIngress \{GroupId: sg-[0-9a-f]+, IpPermissions: \[\{IpProtocol: tcp, FromPort: 22, ToPort: 22, IpRanges: \[\{CidrIp: 0\.0\.0\.0\/0/,
  );
  assert.match(
    text.stdout,
    /iam:DetachRolePolicy \{RoleName: app, PolicyArn: arn:aws:iam::\d+:policy\/incident-full-access\}/,
  );
  assert.match(text.stdout, /s3:PutBucketVersioning \{Bucket: [^,]+, VersioningConfiguration: \{Status: Enabled\}\}/);
  assert.match(text.stdout, /s3:PutPublicAccessBlock/);
  assert.match(text.stdout, /skipped: prune not enabled for aws_iam_policy in environment demo/);
  assert.match(text.stdout, /Dry run: nothing was changed/);
  assert.equal(await desiredCapacity(env.moto, 'app'), 10, 'a dry run changes nothing');
  assert.equal(await port22Open(env.moto, ws), true);
  const planned = auditEntries(ws.store, ['action.plan', 'action.planned']);
  assert.deepEqual(
    planned.map((e) => e.action),
    ['action.plan'],
    'the plan is recorded, no act',
  );
});

test('--approve reverts the scenario drift (SG rule, ASG, IAM attachment, versioning, public access block), prunes where enabled; a re-scan is clean', async () => {
  const ws = await workspace(env.moto, { reconcile: 'prune:\n  - types: [aws_iam_policy]' });
  await drift(ws);
  const run = await reconcile(ws, ['--approve', '-o', 'json']);
  const result = json(run);
  assert.equal(run.code, 0, `${run.stderr}\n${JSON.stringify(result.results, null, 1)}`);
  const outcomes = Object.fromEntries(result.results.map((r) => [r.address.replace(/"arn:.*"$/, 'ARN'), r.outcome]));
  assert.equal(outcomes['aws_autoscaling_group.app'], 'reverted');
  assert.equal(outcomes['aws_security_group.web'], 'reverted');
  assert.equal(outcomes['aws_iam_role.app'], 'reverted');
  assert.equal(outcomes['aws_s3_bucket_versioning.artifacts'], 'reverted');
  assert.equal(outcomes['aws_s3_bucket_public_access_block.artifacts'], 'reverted');
  assert.equal(outcomes['aws_iam_policy.ARN'], 'pruned');
  assert.equal(await desiredCapacity(env.moto, 'app'), 3);
  assert.equal(await port22Open(env.moto, ws), false);
  const clients = createEstateClients(env.moto.clientConfig());
  try {
    const versioning = await clients.s3.send(new GetBucketVersioningCommand({ Bucket: ws.estate.ids.bucket }));
    assert.equal(versioning.Status, 'Enabled');
  } finally {
    clients.destroy();
  }
  const scan = await runCli(['scan', '--config', ws.config, '--no-attribution', '--no-history', '-o', 'json'], {
    cwd: ws.dir,
    env: env.moto.env(),
    timeoutMs: 120_000,
  });
  assert.equal(scan.code, 0, `re-scan is clean: ${scan.stdout.slice(0, 2000)}`);
  const verified = auditEntries(ws.store, ['action.planned', 'action.applied', 'action.verified']);
  assert.equal(
    verified.filter((e) => e.action === 'action.planned').length,
    verified.filter((e) => e.action === 'action.applied').length,
  );
  const verify = await runCli(['audit', 'verify', '--store', ws.store], { cwd: ws.dir });
  assert.equal(verify.code, 0, verify.stderr);
});

test('--approve ID acts on exactly that finding; the rest stays pending (exit 2)', async () => {
  const ws = await workspace(env.moto);
  await drift(ws);
  const dry = json(await reconcile(ws, ['-o', 'json']));
  const asg = dry.plan.items.find((i) => i.address === 'aws_autoscaling_group.app');
  assert.ok(asg && asg.status === 'act');
  const run = await reconcile(ws, ['--approve', asg.findingId, '-o', 'json']);
  assert.equal(run.code, 2, run.stderr);
  assert.deepEqual(
    json(run).results.map((r) => [r.address, r.outcome]),
    [['aws_autoscaling_group.app', 'reverted']],
  );
  assert.equal(await desiredCapacity(env.moto, 'app'), 3);
  assert.equal(await port22Open(env.moto, ws), true, 'the SG finding was not approved');
  const unknown = await reconcile(ws, ['--approve', 'dw-0000000000000000']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /--approve names finding\(s\) not in the plan: dw-0000000000000000/);
});

test('a saved plan is applied when nothing changed and refused, naming the finding, when the drift changed', async () => {
  const ws = await workspace(env.moto);
  await applyClickOps(env.moto.clientConfig(), ws.estate.ids, ['asg-scaled', 'lb-idle-timeout-changed']);
  const planFile = join(ws.dir, 'plan.json');
  assert.equal((await reconcile(ws, ['--save-plan', planFile])).code, 2);
  const saved = JSON.parse(readFileSync(planFile, 'utf8')) as {
    items: { findingId: string; fingerprint: string; address: string }[];
  };
  assert.ok(saved.items.every((i) => i.fingerprint.startsWith('sha256:')));
  // The drift moves on: 10 becomes 12. Same finding id, other observed value: refused.
  const clients = createEstateClients(env.moto.clientConfig());
  try {
    await clients.autoscaling.send(
      new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'app', DesiredCapacity: 12 }),
    );
  } finally {
    clients.destroy();
  }
  const refused = await reconcile(ws, ['--apply-plan', planFile]);
  assert.equal(refused.code, 1);
  const asgId = saved.items.find((i) => i.address === 'aws_autoscaling_group.app')!.findingId;
  assert.match(
    refused.stderr,
    new RegExp(
      `saved plan no longer matches reality[\\s\\S]*${asgId} \\(aws_autoscaling_group.app\\): the observed values changed`,
    ),
  );
  assert.equal(await desiredCapacity(env.moto, 'app'), 12, 'nothing applied');
  // A fresh plan, unchanged reality: applied.
  assert.equal((await reconcile(ws, ['--save-plan', planFile])).code, 2);
  const applied = await reconcile(ws, ['--apply-plan', planFile, '-o', 'json']);
  assert.equal(applied.code, 0, applied.stderr);
  assert.deepEqual(
    json(applied)
      .results.map((r) => r.outcome)
      .sort(),
    ['reverted', 'reverted'],
  );
  assert.equal(await desiredCapacity(env.moto, 'app'), 3);
});

test('prune: skipped unless enabled; enabled, the volume is snapshotted and then deleted', async () => {
  const ws = await workspace(env.moto);
  const made = await applyClickOps(env.moto.clientConfig(), ws.estate.ids, ['orphan-volume']);
  const skipped = json(await reconcile(ws, ['--approve', '-o', 'json']));
  const item = skipped.plan.items.find((i) => i.address === `aws_ebs_volume."${made.volumeId}"`);
  assert.equal(item?.status, 'skip');
  assert.match(item?.reason ?? '', /prune not enabled for aws_ebs_volume/);

  // Same estate, pruning now enabled for volumes in this environment.
  appendFileSync(ws.config, '  prune:\n    - environment: demo\n      types: [aws_ebs_volume]\n');
  const enabled = ws;
  const orphan = made;
  const run = await reconcile(enabled, ['--approve', '-o', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const calls = json(run)
    .plan.items.find((i) => i.address === `aws_ebs_volume."${orphan.volumeId}"`)!
    .calls.map((c) => `${c.service}:${c.operation}`);
  assert.deepEqual(calls, ['ec2:CreateSnapshot', 'ec2:DeleteVolume']);
  const clients = createEstateClients(env.moto.clientConfig());
  try {
    const volumes = await clients.ec2.send(new DescribeVolumesCommand({}));
    assert.ok(!(volumes.Volumes ?? []).some((v) => v.VolumeId === orphan.volumeId), 'volume deleted');
    const snapshots = await clients.ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }));
    const snapshot = (snapshots.Snapshots ?? []).find((s) => s.VolumeId === orphan.volumeId);
    assert.ok(snapshot, 'a snapshot of the volume exists');
    assert.equal(snapshot.State, 'completed');
  } finally {
    clients.destroy();
  }
});

test('an API error in the middle of a revert: clear message, finding failed, audit log verifies, the cloud no worse', async () => {
  const ws = await workspace(env.moto);
  // The role gets a hand-attached policy, and its recorded policy is detached and deleted:
  // the revert detaches the first (succeeds) and then re-attaches the deleted one (NoSuchEntity).
  const made = await applyClickOps(env.moto.clientConfig(), ws.estate.ids, ['policy-attached-by-hand']);
  const clients = createEstateClients(env.moto.clientConfig());
  try {
    await clients.iam.send(new DetachRolePolicyCommand({ RoleName: 'app', PolicyArn: ws.estate.ids.policyArn }));
    await clients.iam.send(new DeletePolicyCommand({ PolicyArn: ws.estate.ids.policyArn }));
  } finally {
    clients.destroy();
  }
  const run = await reconcile(ws, ['--approve', '-o', 'json']);
  assert.equal(run.code, 1);
  const role = json(run).results.find((r) => r.address === 'aws_iam_role.app');
  assert.equal(role?.outcome, 'failed');
  assert.match(role?.reason ?? '', /iam:AttachRolePolicy/);
  assert.match(run.stderr, /aws_iam_role\.app: .*iam:AttachRolePolicy/);
  const failed = auditEntries(ws.store, ['action.failed']);
  assert.equal(failed.length, 1);
  const verify = await runCli(['audit', 'verify', '--store', ws.store], { cwd: ws.dir });
  assert.equal(verify.code, 0, verify.stderr);
  const after = createEstateClients(env.moto.clientConfig());
  try {
    const attached = await after.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'app' }));
    assert.ok(
      !(attached.AttachedPolicies ?? []).some((p) => p.PolicyArn === made.policyArn),
      'the hand-made attachment is gone (better, not worse)',
    );
  } finally {
    after.destroy();
  }
});

test('codify: an unmanaged volume becomes an import block on a new branch of the code checkout; the working branch is untouched', async () => {
  const ws = await workspace(env.moto, {
    strategies: '- { kind: unmanaged, type: aws_ebs_volume, strategy: codify }',
  });
  const made = await applyClickOps(env.moto.clientConfig(), ws.estate.ids, ['orphan-volume']);
  const code = join(ws.dir, 'infra');
  mkdirSync(code);
  writeFileSync(join(code, 'main.tf'), 'terraform {\n  required_version = ">= 1.5"\n}\n');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: code, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'start');
  git('add', 'main.tf');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'code');
  const before = git('rev-parse', 'HEAD');

  const run = await reconcile(ws, ['--code', code, '--approve', '-o', 'json']);
  const result = json(run).results.find((r) => r.address === `aws_ebs_volume."${made.volumeId}"`);
  assert.equal(result?.outcome, 'codified', run.stderr);
  assert.equal(git('rev-parse', 'HEAD'), before, 'the working branch did not move');
  assert.equal(git('status', '--porcelain'), '', 'the working tree is clean');
  const branch = git('branch', '--list', 'driftwarden/codify-*', '--format=%(refname:short)');
  assert.match(branch, /^driftwarden\/codify-/);
  const imported = git('show', `${branch}:driftwarden_imported.tf`);
  assert.match(imported, new RegExp(`import \\{[\\s\\S]*id\\s*=\\s*"${made.volumeId}"`));
  assert.match(imported, /resource "aws_ebs_volume"/);
});
