/**
 * Every managed recorded instance lands in exactly one bucket (src/model/accounting.ts), and
 * recorded and observed pair by cloud identity only (src/engine/match.ts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { detectDrift } from './engine.js';
import { observedCopy, recordedSnapshot, resource } from '../../test/support/engine-fixtures.js';
import { liveAddress } from '../model/address.js';
import type { Resource, Snapshot } from '../model/resource.js';

const where = { account: '123456789012', region: 'eu-west-1' };
const scope = (type: string, account = where.account, region = where.region) => ({ type, account, region });
const K8S = 'provider["registry.terraform.io/hashicorp/kubernetes"]';

function observed(resources: Resource[], parts: Partial<Snapshot> = {}): Snapshot {
  return { layer: 'observed', resources, completeScopes: [], incompleteScopes: [], ...parts };
}

function bucketsOf(out: ReturnType<typeof detectDrift>) {
  const { managed, checked, unchecked, existence, notCovered } = out.summary;
  return { managed, checked, unchecked, existence, notCovered };
}

describe('accounting buckets', () => {
  const web = resource({ address: 'aws_instance.web', type: 'aws_instance', id: 'i-1', ...where });
  const gone = resource({ address: 'aws_instance.gone', type: 'aws_instance', id: 'i-9', ...where });
  const role = resource({
    address: 'aws_iam_role.app',
    type: 'aws_iam_role',
    id: 'app',
    account: where.account,
    region: 'global',
  });
  const ns = resource({
    address: 'kubernetes_namespace.team',
    type: 'kubernetes_namespace',
    provider: K8S,
    id: 'team',
  });
  const addon = resource({
    address: 'aws_eks_addon.cni',
    type: 'aws_eks_addon',
    id: 'c:vpc-cni',
    ...where,
    attributes: { arn: 'arn:aws:eks:eu-west-1:123456789012:addon/c/vpc-cni/1' },
  });
  const addon2 = resource({
    address: 'aws_eks_addon.dns',
    type: 'aws_eks_addon',
    id: 'c:coredns',
    ...where,
    attributes: { arn: 'arn:aws:eks:eu-west-1:123456789012:addon/c/coredns/2' },
  });
  const dataAmi = resource({ address: 'data.aws_ami.ubuntu', type: 'aws_ami', mode: 'data', id: 'ami-1', ...where });

  test('checked, missing (checked), unchecked, existence seen and unknown, not covered: one bucket each, data out', () => {
    const seenAddon: Resource = {
      ...observedCopy(addon),
      id: 'arn:aws:eks:eu-west-1:123456789012:addon/c/vpc-cni/1',
      fidelity: 'existence',
      attributes: {},
    };
    const out = detectDrift({
      recorded: recordedSnapshot([web, gone, role, ns, addon, addon2, dataAmi]),
      observed: observed([observedCopy(web), seenAddon], {
        completeScopes: [scope('aws_instance')],
        incompleteScopes: [
          {
            ...scope('aws_iam_role', where.account, 'global'),
            reason: 'iam:list access denied',
            code: 'access-denied',
            nextStep: 'grant it',
          },
        ],
        existenceScopes: [scope('aws_eks_addon')],
      }),
    });
    assert.deepEqual(bucketsOf(out), { managed: 6, checked: 2, unchecked: 1, existence: 2, notCovered: 1 });
    assert.deepEqual(
      out.findings.map((f) => [f.kind, f.resource.address]),
      [['missing', 'aws_instance.gone']],
      'only the absence in a complete scope is missing',
    );
    assert.equal(out.summary.coverage, 2 / 6);
    assert.equal(out.summary.existenceCoverage, 3 / 6, 'checked plus the addon seen');
    assert.deepEqual(
      out.accounting.unchecked.map((g) => [g.scope.type, g.count, g.addresses, g.scope.nextStep]),
      [['aws_iam_role', 1, ['aws_iam_role.app'], 'grant it']],
    );
    assert.deepEqual(out.accounting.existence, [
      {
        provider: 'aws',
        type: 'aws_eks_addon',
        seen: 1,
        unknown: 1,
        addresses: ['aws_eks_addon.cni', 'aws_eks_addon.dns'],
      },
    ]);
    assert.deepEqual(
      out.accounting.notCovered.map((g) => [g.provider, g.type, g.reason, g.count, g.addresses]),
      [['kubernetes', 'kubernetes_namespace', 'no-observer', 1, ['kubernetes_namespace.team']]],
    );
    assert.match(out.accounting.notCovered[0]!.why, /does not observe the kubernetes provider/);
    // The per-type rows add up to the totals.
    const rows = out.summary.byType;
    for (const bucket of ['checked', 'unchecked', 'existence', 'notCovered'] as const)
      assert.equal(
        rows.reduce((n, r) => n + r[bucket], 0),
        out.summary[bucket],
        bucket,
      );
    assert.deepEqual(
      rows.map((r) => [r.type, r.provider]),
      [
        ['aws_eks_addon', 'aws'],
        ['aws_iam_role', 'aws'],
        ['aws_instance', 'aws'],
        ['kubernetes_namespace', 'kubernetes'],
      ],
    );
  });

  test('an AWS type nothing observes is not covered (no observer); one observed elsewhere is outside the scan', () => {
    const nat = resource({ address: 'aws_nat_gateway.a', type: 'aws_nat_gateway', id: 'nat-1', ...where });
    const far = resource({
      address: 'aws_instance.far',
      type: 'aws_instance',
      id: 'i-7',
      account: where.account,
      region: 'ap-south-1',
    });
    const out = detectDrift({
      recorded: recordedSnapshot([nat, far]),
      observed: observed([], { completeScopes: [scope('aws_instance')] }),
    });
    assert.deepEqual(bucketsOf(out), { managed: 2, checked: 0, unchecked: 0, existence: 0, notCovered: 2 });
    assert.deepEqual(out.findings, [], 'neither is missing');
    assert.deepEqual(
      out.accounting.notCovered.map((g) => [g.type, g.reason]),
      [
        ['aws_instance', 'outside-scan'],
        ['aws_nat_gateway', 'no-observer'],
      ],
    );
    assert.match(out.accounting.notCovered[1]!.why, /no observer for this type/);
  });

  test('the caller says what was outside the slice; an ignored resource is not covered (ignored)', () => {
    const out = detectDrift({
      recorded: recordedSnapshot([web, gone]),
      observed: observed([observedCopy(web)], { completeScopes: [scope('aws_instance')] }),
      outsideScan: (r) =>
        r.address === 'aws_instance.gone' ? 'its recorded tags do not match --tag team=a' : undefined,
      ignore: {
        ignoresResource: (address) =>
          address === 'aws_instance.web' ? { rule: 'aws_instance.web', origin: '.driftignore:1' } : undefined,
        ignoresPath: () => undefined,
      },
    });
    assert.deepEqual(bucketsOf(out), { managed: 2, checked: 0, unchecked: 0, existence: 0, notCovered: 2 });
    assert.deepEqual(out.findings, []);
    assert.deepEqual(
      out.accounting.notCovered.map((g) => [g.addresses[0], g.reason, g.why]),
      [
        ['aws_instance.web', 'ignored', 'ignored by .driftignore:1'],
        ['aws_instance.gone', 'outside-scan', 'its recorded tags do not match --tag team=a'],
      ],
    );
  });

  test('an endpoint that answered nothing: every resource unchecked, coverage 0, never 100%', () => {
    const failed = (type: string) => ({
      ...scope(type),
      reason: 'sts:GetCallerIdentity endpoint unreachable',
      code: 'endpoint',
    });
    const out = detectDrift({
      recorded: recordedSnapshot([web, gone]),
      observed: observed([], { incompleteScopes: [failed('aws_instance')] }),
    });
    assert.deepEqual(bucketsOf(out), { managed: 2, checked: 0, unchecked: 2, existence: 0, notCovered: 0 });
    assert.equal(out.summary.coverage, 0);
    assert.equal(out.summary.managedShare, null, 'nothing listed is no evidence of anything');
  });

  test('a scope whose account nothing could tell stands for every account', () => {
    const out = detectDrift({
      recorded: recordedSnapshot([web]),
      observed: observed([], {
        incompleteScopes: [
          { type: 'aws_instance', account: 'unknown', region: where.region, reason: 'x', code: 'access-denied' },
        ],
      }),
    });
    assert.equal(out.summary.unchecked, 1);
    assert.deepEqual(out.findings, []);
  });

  test('an unmanaged resource seen by existence only is reported with coverage existence', () => {
    const stray: Resource = resource({
      address: liveAddress('aws_eks_addon', 'arn:aws:eks:eu-west-1:123456789012:addon/c/stray/3'),
      type: 'aws_eks_addon',
      id: 'arn:aws:eks:eu-west-1:123456789012:addon/c/stray/3',
      fidelity: 'existence',
      ...where,
    });
    const out = detectDrift({
      recorded: recordedSnapshot([]),
      observed: observed([stray], { existenceScopes: [scope('aws_eks_addon')] }),
    });
    assert.deepEqual(
      out.findings.map((f) => [f.kind, f.coverage]),
      [['unmanaged', 'existence']],
    );
  });
});

describe('pairing by cloud identity only', () => {
  test('aws_s3_bucket.logs managing acme-logs never pairs with an unrelated bucket named logs', () => {
    const logs = resource({
      address: 'aws_s3_bucket.logs',
      type: 'aws_s3_bucket',
      id: 'acme-logs',
      ...where,
      attributes: { bucket: 'acme-logs', tags: { team: 'a' } },
    });
    const acme = observedCopy(logs, { bucket: 'acme-logs', tags: { team: 'b' } });
    // What the live listing sees of the unrelated bucket `logs`; its address is the live one.
    const other = resource({
      address: liveAddress('aws_s3_bucket', 'logs'),
      type: 'aws_s3_bucket',
      id: 'logs',
      ...where,
      attributes: { bucket: 'logs' },
    });
    // The old addressing (`<type>.<id>`) made the unrelated bucket's address equal the record's.
    const collidingOther = { ...other, address: 'aws_s3_bucket.logs' };
    for (const unrelated of [other, collidingOther]) {
      const out = detectDrift({
        recorded: recordedSnapshot([logs]),
        observed: observed([unrelated, acme], { completeScopes: [scope('aws_s3_bucket')] }),
      });
      assert.deepEqual(out.findings.map((f) => [f.kind, f.resource.id, f.changes.map((c) => c.path)]).sort(), [
        ['configuration', 'acme-logs', ['tags.team']],
        ['unmanaged', 'logs', []],
      ]);
    }
    assert.notEqual(liveAddress('aws_s3_bucket', 'logs'), 'aws_s3_bucket.logs');
  });

  test('IAM roles: the record pairs with its own role, not with one whose name equals its address name', () => {
    const recorded = resource({
      address: 'aws_iam_role.deployer',
      type: 'aws_iam_role',
      id: 'acme-deployer',
      account: where.account,
      region: 'global',
      attributes: { name: 'acme-deployer', path: '/' },
    });
    const own = observedCopy(recorded);
    const unrelated = resource({
      address: 'aws_iam_role.deployer',
      type: 'aws_iam_role',
      id: 'deployer',
      account: where.account,
      region: 'global',
      attributes: { name: 'deployer', path: '/' },
    });
    const out = detectDrift({
      recorded: recordedSnapshot([recorded]),
      observed: observed([unrelated, own], { completeScopes: [scope('aws_iam_role', where.account, 'global')] }),
    });
    assert.deepEqual(
      out.findings.map((f) => [f.kind, f.resource.id]),
      [['unmanaged', 'deployer']],
    );
    assert.equal(out.summary.checked, 1);
  });

  test("a plan's refresh pairs by address: Terraform keyed it so", () => {
    const rec = resource({
      address: 'aws_s3_bucket.logs',
      type: 'aws_s3_bucket',
      id: 'acme-logs',
      attributes: { tags: { a: '1' } },
    });
    const refreshed = { ...rec, attributes: { tags: { a: '2' } } };
    const out = detectDrift({
      recorded: recordedSnapshot([rec]),
      observed: observed([refreshed], { refreshOfRecord: true }),
    });
    assert.deepEqual(
      out.findings.map((f) => [f.kind, f.resource.address]),
      [['configuration', 'aws_s3_bucket.logs']],
    );
    assert.equal(out.summary.checked, 1);
    assert.equal(out.summary.unmanaged, null);
  });
});
