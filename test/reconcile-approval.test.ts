/**
 * A saved plan never carries more authority than the approvals recorded for it: items above the
 * blast-radius threshold need an approval by id (recorded with the plan, or given at apply time);
 * approvals written into the file by hand, and calls edited in it, are refused. Against moto,
 * through the built CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyClickOps } from '../demo/clickops.js';
import { createEstateClients } from '../demo/clients.js';
import {
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { runCli } from './support/cli.js';
import { useMoto } from './aws-support.js';
import { auditEntries, desiredCapacity, workspace, type Workspace } from './reconcile-support.js';

const env = useMoto();

interface SavedItem {
  findingId: string;
  address: string;
  status: string;
  calls: { input: Record<string, unknown> }[];
}
interface SavedPlan {
  id: string;
  items: SavedItem[];
  approvals?: { by: string; ids: string[]; at: string; digest: string; entry: { seq: number; hash: string } }[];
}

async function reconcile(ws: Workspace, args: string[]) {
  const run = await runCli(['reconcile', '--config', ws.config, '--no-attribution', ...args], {
    cwd: ws.dir,
    env: env.moto.env({ AWS_MAX_ATTEMPTS: '1' }),
    timeoutMs: 180_000,
  });
  assert.doesNotMatch(run.stderr, /internal error|at .*\.js:\d+/, run.stderr);
  return run;
}

async function idleTimeout(): Promise<string | undefined> {
  const clients = createEstateClients(env.moto.clientConfig());
  try {
    const lbs = await clients.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['web'] }));
    const out = await clients.elbv2.send(
      new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: lbs.LoadBalancers?.[0]?.LoadBalancerArn }),
    );
    return out.Attributes?.find((a) => a.Key === 'idle_timeout.timeout_seconds')?.Value;
  } finally {
    clients.destroy();
  }
}

/** Every item needs approval (threshold 0); an ASG and a load balancer drifted; the plan saved. */
async function savedPlanNeedingApproval(extra: string[] = []) {
  const ws = await workspace(env.moto, { reconcile: 'approval_above: 0' });
  await applyClickOps(env.moto.clientConfig(), ws.estate.ids, ['asg-scaled', 'lb-idle-timeout-changed']);
  const file = join(ws.dir, 'plan.json');
  const saved = await reconcile(ws, ['--save-plan', file, ...extra]);
  assert.equal(saved.code, 2, saved.stderr);
  const plan = JSON.parse(readFileSync(file, 'utf8')) as SavedPlan;
  const asg = plan.items.find((i) => i.address === 'aws_autoscaling_group.app')!;
  const lb = plan.items.find((i) => i.address === 'aws_lb.web')!;
  assert.equal(asg.status, 'needs-approval');
  assert.equal(lb.status, 'needs-approval');
  return { ws, file, plan, asg, lb, saved };
}

test('--apply-plan does not act on items that need approval when none was recorded (exit 2, nothing changed)', async () => {
  const { ws, file, asg } = await savedPlanNeedingApproval();
  const run = await reconcile(ws, ['--apply-plan', file, '-o', 'json']);
  assert.equal(run.code, 2, run.stderr);
  const result = JSON.parse(run.stdout) as { results: unknown[]; pending: string[] };
  assert.deepEqual(result.results, []);
  assert.ok(result.pending.includes(asg.findingId));
  assert.equal(await desiredCapacity(env.moto, 'app'), 10, 'blast radius above the threshold: not reverted');
  assert.equal(await idleTimeout(), '300');
  assert.equal(auditEntries(ws.store, ['action.planned']).length, 0);
});

test('an approval recorded with the saved plan (who, which ids, when) authorizes exactly those items; the rest need --approve ID at apply time', async () => {
  const first = await savedPlanNeedingApproval();
  // Approve the ASG item only, recorded with a fresh saved plan.
  const { ws, file } = first;
  const recorded = await reconcile(ws, ['--save-plan', file, '--approve', first.asg.findingId, '--by', 'alice']);
  assert.equal(recorded.code, 2, recorded.stderr);
  assert.match(recorded.stderr, /with the approval of 1 item\(s\) by alice \(audit entry \d+\); nothing was changed/);
  assert.equal(await desiredCapacity(env.moto, 'app'), 10, 'recording an approval acts on nothing');
  const plan = JSON.parse(readFileSync(file, 'utf8')) as SavedPlan;
  assert.equal(plan.approvals?.length, 1);
  assert.equal(plan.approvals![0]!.by, 'alice');
  assert.deepEqual(plan.approvals![0]!.ids, [first.asg.findingId]);
  const approvedEntry = auditEntries(ws.store, ['action.approved']).at(-1)!;
  assert.equal(approvedEntry.actor, 'alice');
  assert.equal(approvedEntry.subject, plan.id);
  assert.equal(approvedEntry.time, plan.approvals![0]!.at);

  const applied = await reconcile(ws, ['--apply-plan', file, '--by', 'bob', '-o', 'json']);
  assert.equal(applied.code, 2, `the LB item is still pending: ${applied.stderr}`);
  const result = JSON.parse(applied.stdout) as { results: { address: string; outcome: string }[]; pending: string[] };
  assert.deepEqual(
    result.results.map((r) => [r.address, r.outcome]),
    [['aws_autoscaling_group.app', 'reverted']],
  );
  assert.equal(await desiredCapacity(env.moto, 'app'), 3);
  assert.equal(await idleTimeout(), '300', 'not approved: left alone');

  // Approved by id at apply time (bob), the remaining item runs; the file still matches reality.
  const lbId = plan.items.find((i) => i.address === 'aws_lb.web')!.findingId;
  const second = await reconcile(ws, ['--apply-plan', file, '--approve', lbId, '--by', 'bob', '-o', 'json']);
  // The ASG item is no longer drift, so the saved plan no longer matches: it is refused, naming it.
  assert.equal(second.code, 1);
  assert.match(second.stderr, /saved plan no longer matches reality[\s\S]*aws_autoscaling_group\.app/);
  const fresh = join(ws.dir, 'fresh.json');
  assert.equal((await reconcile(ws, ['--save-plan', fresh])).code, 2);
  const freshLb = (JSON.parse(readFileSync(fresh, 'utf8')) as SavedPlan).items.find((i) => i.address === 'aws_lb.web')!;
  const third = await reconcile(ws, ['--apply-plan', fresh, '--approve', freshLb.findingId, '--by', 'bob']);
  assert.equal(third.code, 0, third.stderr);
  assert.equal(await idleTimeout(), '60');
  const approvals = auditEntries(ws.store, ['action.approved']);
  assert.deepEqual(
    approvals.map((e) => [e.actor, e.details['stage']]),
    [
      ['alice', 'save'],
      ['bob', 'apply'],
      ['bob', 'apply'],
    ],
  );
});

test('an approval written into the saved plan by hand, or an edited call, is refused and nothing is applied', async () => {
  const { ws, file, plan, asg, lb } = await savedPlanNeedingApproval();
  // A forged approval: plausible fields, no audit entry behind it.
  const forged: SavedPlan = {
    ...plan,
    approvals: [
      {
        by: 'alice',
        ids: [asg.findingId, lb.findingId],
        at: new Date().toISOString(),
        digest: 'sha256:00',
        entry: { seq: 1, hash: '0'.repeat(64) },
      },
    ],
  };
  writeFileSync(file, JSON.stringify(forged));
  const refused = await reconcile(ws, ['--apply-plan', file]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /carries approvals the audit log does not prove[\s\S]*approvals\[0\]/);

  // A genuine approval of the ASG, then its call edited in the file (DesiredCapacity 3 -> 50).
  const recorded = await reconcile(ws, ['--save-plan', file, '--approve', asg.findingId, '--by', 'alice']);
  assert.equal(recorded.code, 2, recorded.stderr);
  const genuine = JSON.parse(readFileSync(file, 'utf8')) as SavedPlan;
  const item = genuine.items.find((i) => i.address === 'aws_autoscaling_group.app')!;
  item.calls[0]!.input['DesiredCapacity'] = 50;
  writeFileSync(file, JSON.stringify(genuine));
  const edited = await reconcile(ws, ['--apply-plan', file]);
  assert.equal(edited.code, 2, `the approved item ran, the other waits: ${edited.stderr}`);
  assert.equal(
    await desiredCapacity(env.moto, 'app'),
    3,
    "never 50: the calls sent are the fresh plan's, never the file's",
  );

  // An approval moved to another item is refused: its digest binds it to the items it approved.
  await applyClickOps(env.moto.clientConfig(), ws.estate.ids, ['asg-scaled']);
  assert.equal((await reconcile(ws, ['--save-plan', file, '--approve', lb.findingId, '--by', 'alice'])).code, 2);
  const moved = JSON.parse(readFileSync(file, 'utf8')) as SavedPlan;
  const asgNow = moved.items.find((i) => i.address === 'aws_autoscaling_group.app')!;
  moved.approvals![0]!.ids = [asgNow.findingId];
  writeFileSync(file, JSON.stringify(moved));
  const swapped = await reconcile(ws, ['--apply-plan', file]);
  assert.equal(swapped.code, 1);
  assert.match(swapped.stderr, /approvals\[0\]: it differs from the audit entry/);
  assert.equal(await desiredCapacity(env.moto, 'app'), 10, 'nothing applied');
});
