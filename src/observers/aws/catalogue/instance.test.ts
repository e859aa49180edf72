import { test } from 'node:test';
import assert from 'node:assert/strict';
import { instance, instanceProfileName } from './instance.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { splitNotReturned } from '../omitted.js';
import { diffResource } from '../../../engine/diff.js';
import { resource } from '../../../../test/support/engine-fixtures.js';

const observedItems = trackObservations(instance);

const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_instance maps DescribeInstances to the provider names; Auto Scaling instances are expected noise', () => {
  const o = instance.observe(
    {
      InstanceId: 'i-1',
      ImageId: 'ami-1',
      InstanceType: 'm5.large',
      Placement: { AvailabilityZone: 'eu-west-1a', Tenancy: 'default' },
      SubnetId: 'subnet-1',
      SecurityGroups: [{ GroupId: 'sg-2' }, { GroupId: 'sg-1' }],
      IamInstanceProfile: { Arn: 'arn:aws:iam::123456789012:instance-profile/app/web' },
      Monitoring: { State: 'disabled' },
      MetadataOptions: { HttpEndpoint: 'enabled', HttpTokens: 'required', HttpPutResponseHopLimit: 2 },
      State: { Name: 'running' },
      Tags: [{ Key: 'Name', Value: 'web' }],
    },
    scope,
  );
  assert.equal(o.id, 'i-1');
  assert.equal(o.attributes['instance_type'], 'm5.large');
  assert.equal(o.attributes['ami'], 'ami-1');
  assert.deepEqual(o.attributes['vpc_security_group_ids'], ['sg-1', 'sg-2']);
  assert.equal(o.attributes['iam_instance_profile'], 'web');
  assert.equal(o.attributes['monitoring'], false);
  assert.equal((o.attributes['metadata_options'] as { http_tokens: string }[])[0]?.http_tokens, 'required');
  assert.equal(o.attributes['user_data'], undefined, 'user_data is never read in bulk');
  assert.equal(o.noise, undefined);
  const launched = instance.observe(
    { InstanceId: 'i-2', Tags: [{ Key: 'aws:autoscaling:groupName', Value: 'workers' }] },
    scope,
  );
  assert.match(launched.noise ?? '', /Auto Scaling group workers/);
  assert.deepEqual(launched.attributes['tags_all'], {}, 'aws: tags are dropped');
  assert.equal(instanceProfileName(undefined), '');
  assert.ok(instance.forcesReplacement?.includes('ami'));
  assert.ok(!instance.forcesReplacement?.includes('instance_type'));
});

test('aws_instance: omitted fields as resourceInstanceRead stores them (zero values, or the recorded value kept)', () => {
  const o = instance.observe(
    {
      InstanceId: 'i-3',
      SubnetId: 'subnet-1',
      Placement: { AvailabilityZone: 'eu-west-1a' },
      // No HttpProtocolIpv6 / InstanceMetadataTags, no SourceDestCheck, no HibernationOptions.
      MetadataOptions: { HttpEndpoint: 'enabled', HttpTokens: 'optional', HttpPutResponseHopLimit: 1 },
      NetworkInterfaces: [{ NetworkInterfaceId: 'eni-1', Attachment: { DeviceIndex: 0 } }],
    },
    scope,
  );
  const { attributes, notReturned } = splitNotReturned(o.attributes);
  const metadata = (attributes['metadata_options'] as Record<string, unknown>[])[0];
  // flattenInstanceMetadataOptions stores the enums as they are: "" when omitted, never `disabled`.
  assert.equal(metadata?.['http_protocol_ipv6'], '');
  assert.equal(metadata?.['instance_metadata_tags'], '');
  assert.equal(attributes['source_dest_check'], false, 'd.Set(instance.SourceDestCheck) with a subnet: false');
  assert.equal(attributes['key_name'], '');
  assert.equal(attributes['ebs_optimized'], false);
  assert.deepEqual(
    notReturned.map((n) => n.path.join('.')),
    ['hibernation'],
  );
  // A state the provider wrote from the same answer: no finding (the old 'disabled' fallback made one).
  const recorded = resource({
    address: 'aws_instance.a',
    type: 'aws_instance',
    id: 'i-3',
    attributes: {
      ...attributes,
      hibernation: true,
      metadata_options: [{ ...metadata, http_protocol_ipv6: '', instance_metadata_tags: '' }],
    },
  });
  const observed = { ...resource({ address: 'o', type: 'aws_instance', id: 'i-3', attributes }), notReturned };
  const diff = diffResource(recorded, observed, instance, true);
  assert.deepEqual(diff.changes, []);
  assert.deepEqual(
    diff.suppressed.map((s) => s.rule),
    ['not-returned:hibernation'],
  );
});

test('every provider attribute of aws_instance is observed by these fixtures or declared with a reason', () => {
  assertAccounted(instance, observedItems);
});
