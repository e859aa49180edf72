import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { ecrRepository } from './ecr-repository.js';

const observedItems = trackObservations(ecrRepository);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_ecr_repository maps DescribeRepositories and its tags as the provider reads them: the name is the id, settings as blocks', () => {
  const o = ecrRepository.observe(
    {
      repository: {
        repositoryArn: 'arn:aws:ecr:eu-west-1:123456789012:repository/app',
        registryId: '123456789012',
        repositoryName: 'app',
        repositoryUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app',
        createdAt: new Date('2026-11-30T10:20:30Z'),
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfiguration: { encryptionType: 'KMS', kmsKey: 'arn:aws:kms:eu-west-1:123456789012:key/k' },
      },
      tags: [
        { Key: 'team', Value: 'platform' },
        { Key: 'aws:cloudformation:stack-name', Value: 'x' },
      ],
    },
    scope,
  );
  assert.equal(o.id, 'app');
  assert.deepEqual(o.attributes, {
    id: 'app',
    arn: 'arn:aws:ecr:eu-west-1:123456789012:repository/app',
    name: 'app',
    registry_id: '123456789012',
    repository_url: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app',
    image_tag_mutability: 'IMMUTABLE',
    image_scanning_configuration: [{ scan_on_push: true }],
    encryption_configuration: [{ encryption_type: 'KMS', kms_key: 'arn:aws:kms:eu-west-1:123456789012:key/k' }],
    tags: { team: 'platform' },
    tags_all: { team: 'platform' },
  });
});

test('aws_ecr_repository revert puts the tag mutability and scan-on-push back; prune never forces', () => {
  const finding = {
    resource: { type: 'aws_ecr_repository', id: 'app', region: 'eu-west-1', address: 'x' },
    kind: 'policy',
    changes: [
      { path: 'image_tag_mutability', recorded: 'IMMUTABLE', observed: 'MUTABLE', sensitive: false },
      { path: 'image_scanning_configuration[0].scan_on_push', recorded: true, observed: false, sensitive: false },
    ],
  } as never;
  const planned = ecrRepository.revert!.plan(finding, ctx);
  assert.ok('calls' in planned);
  assert.deepEqual(
    planned.calls.map((c) => [c.operation, c.input]),
    [
      ['PutImageTagMutability', { repositoryName: 'app', imageTagMutability: 'IMMUTABLE' }],
      ['PutImageScanningConfiguration', { repositoryName: 'app', imageScanningConfiguration: { scanOnPush: true } }],
    ],
  );
  const prune = ecrRepository.prune!.plan(finding, ctx);
  assert.ok('calls' in prune);
  assert.deepEqual(prune.calls[0]?.input, { repositoryName: 'app' });
});

test('every provider attribute of aws_ecr_repository is observed by these fixtures or declared with a reason', () => {
  assertAccounted(ecrRepository, observedItems);
});
