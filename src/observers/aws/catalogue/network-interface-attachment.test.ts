import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { networkInterfaceAttachment } from './network-interface-attachment.js';

const observedItems = trackObservations(networkInterfaceAttachment);
const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_network_interface_attachment: the attachment of an interface; noise as part of its interface or instance', () => {
  const secondary = networkInterfaceAttachment.observe(
    {
      NetworkInterfaceId: 'eni-1',
      Attachment: { AttachmentId: 'eni-attach-1', DeviceIndex: 1, InstanceId: 'i-1', Status: 'attached' },
    },
    scope,
  );
  assert.equal(secondary.id, 'eni-attach-1');
  assert.deepEqual(secondary.attributes, {
    id: 'eni-attach-1',
    attachment_id: 'eni-attach-1',
    device_index: 1,
    instance_id: 'i-1',
    network_interface_id: 'eni-1',
    status: 'attached',
  });
  assert.match(secondary.noise ?? '', /aws_network_interface\.attachment/);
  const primary = networkInterfaceAttachment.observe(
    { NetworkInterfaceId: 'eni-0', Attachment: { AttachmentId: 'eni-attach-0', DeviceIndex: 0, InstanceId: 'i-1' } },
    scope,
  );
  assert.match(primary.noise ?? '', /aws_instance/);
});

test('aws_network_interface_attachment prune detaches the interface', () => {
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const finding = {
    resource: { type: 'aws_network_interface_attachment', id: 'eni-attach-1', region: 'eu-west-1' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  assert.deepEqual(networkInterfaceAttachment.prune!.plan(finding, ctx), {
    calls: [
      {
        service: 'ec2',
        operation: 'DetachNetworkInterface',
        region: 'eu-west-1',
        input: { AttachmentId: 'eni-attach-1' },
      },
    ],
  });
});

test('every provider attribute of aws_network_interface_attachment is observed by these fixtures or declared with a reason', () => {
  assertAccounted(networkInterfaceAttachment, observedItems);
});
