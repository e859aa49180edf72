/**
 * aws_eks_addon is tested with recorded DescribeAddon answers only: the emulator serves no add-on API.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { eksAddon } from './eks-addon.js';

const observedItems = trackObservations(eksAddon);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

// A DescribeAddon answer (recorded shape, as the SDK deserializes it).
const recorded = {
  addonName: 'vpc-cni',
  clusterName: 'prod',
  status: 'ACTIVE' as const,
  addonVersion: 'v1.19.0-eksbuild.1',
  health: { issues: [] },
  addonArn: 'arn:aws:eks:eu-west-1:123456789012:addon/prod/vpc-cni/uuid',
  createdAt: new Date('2026-11-30T10:20:30.456Z'),
  modifiedAt: new Date('2026-12-01T08:00:00.000Z'),
  serviceAccountRoleArn: 'arn:aws:iam::123456789012:role/vpc-cni',
  tags: { team: 'platform' },
  configurationValues: '{"env":{"ENABLE_PREFIX_DELEGATION":"true"}}',
  podIdentityAssociations: [],
};

test('aws_eks_addon maps DescribeAddon as the provider reads it: id cluster:addon, RFC 3339 times', () => {
  const o = eksAddon.observe(recorded, scope);
  assert.equal(o.id, 'prod:vpc-cni');
  assert.deepEqual(o.attributes, {
    id: 'prod:vpc-cni',
    arn: 'arn:aws:eks:eu-west-1:123456789012:addon/prod/vpc-cni/uuid',
    addon_name: 'vpc-cni',
    addon_version: 'v1.19.0-eksbuild.1',
    cluster_name: 'prod',
    configuration_values: '{"env":{"ENABLE_PREFIX_DELEGATION":"true"}}',
    service_account_role_arn: 'arn:aws:iam::123456789012:role/vpc-cni',
    created_at: '2026-11-30T10:20:30Z',
    modified_at: '2026-12-01T08:00:00Z',
    tags: { team: 'platform' },
    tags_all: { team: 'platform' },
  });
});

test('an add-on without a service account role or configuration keeps them absent (the provider stores null)', () => {
  const o = eksAddon.observe({ addonName: 'coredns', clusterName: 'prod', addonVersion: 'v1.11.3-eksbuild.2' }, scope);
  assert.equal(o.attributes['service_account_role_arn'], undefined);
  assert.equal(o.attributes['configuration_values'], undefined);
});

test('aws_eks_addon revert sends one UpdateAddon with the recorded values; prune deletes it', () => {
  const finding = {
    resource: { type: 'aws_eks_addon', id: 'prod:vpc-cni', region: 'eu-west-1', address: 'x' },
    kind: 'configuration',
    changes: [{ path: 'addon_version', recorded: 'v1.19.0-eksbuild.1', observed: 'v1.18.0', sensitive: false }],
  } as never;
  assert.deepEqual(eksAddon.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'eks',
        operation: 'UpdateAddon',
        region: 'eu-west-1',
        input: { clusterName: 'prod', addonName: 'vpc-cni', addonVersion: 'v1.19.0-eksbuild.1' },
      },
    ],
  });
  const prune = eksAddon.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteAddon');
});

test('every provider attribute of aws_eks_addon is observed by these fixtures or declared with a reason', () => {
  assertAccounted(eksAddon, observedItems);
});
