/**
 * aws_network_interface_attachment: one per attached interface, from the shared
 * DescribeNetworkInterfaces listing. The import id is the attachment id. As the provider's read:
 * attachment id, device index, instance, interface and status as returned. Every attachment is
 * also part of its interface (aws_network_interface.attachment) or, for the primary one (device
 * index 0), of its instance, so one no state manages as an aws_network_interface_attachment is
 * noise with the reason: a hand-made attachment shows once, on its interface.
 */
import type { NetworkInterface } from '@aws-sdk/client-ec2';
import { awsCall, regionOf } from '../calls.js';
import { defineResourceType } from './define.js';
import { networkInterfaces } from './vpc-endpoint.js';

export const networkInterfaceAttachment = defineResourceType<NetworkInterface>({
  type: 'aws_network_interface_attachment',
  service: 'ec2',
  list: async (repos) => (await networkInterfaces(repos)).filter((i) => i.Attachment?.AttachmentId),
  observe: (i) => {
    const a = i.Attachment ?? {};
    return {
      id: a.AttachmentId ?? '',
      attributes: {
        id: a.AttachmentId,
        attachment_id: a.AttachmentId,
        device_index: a.DeviceIndex ?? 0,
        instance_id: a.InstanceId ?? '',
        network_interface_id: i.NetworkInterfaceId,
        status: a.Status ?? '',
      },
      noise:
        a.DeviceIndex === 0
          ? 'the primary interface attachment EC2 makes with its instance (part of the aws_instance)'
          : 'part of its network interface (compared as aws_network_interface.attachment)',
    };
  },
  computed: [],
  forcesReplacement: ['device_index', 'instance_id', 'network_interface_id'],
  trailEvents: ['AttachNetworkInterface', 'DetachNetworkInterface'],
  prune: {
    sends: ['ec2:DetachNetworkInterface'],
    plan: (f, ctx) => ({
      calls: [awsCall('ec2', 'DetachNetworkInterface', regionOf(f, ctx), { AttachmentId: f.resource.id ?? '' })],
    }),
  },
  codify: {
    arguments: [
      { name: 'instance_id', required: true },
      { name: 'network_interface_id', required: true },
      { name: 'device_index', required: true },
    ],
  },
});
