/**
 * aws_volume_attachment: the attachments inside DescribeVolumes (shared with aws_ebs_volume). The
 * provider's id is synthetic, `vai-<CRC-32 of "DEVICE-INSTANCE-VOLUME-">` (its import id is
 * `DEVICE:VOLUME:INSTANCE`); the observer computes the same id so state and reality match by id.
 */
import type { Volume, VolumeAttachment } from '@aws-sdk/client-ec2';
import { terraformHashcode } from '../mapping.js';
import { defineResourceType } from './define.js';
import { volumesWithDeleteOnTermination } from './ebs-volume.js';

export function volumeAttachmentId(deviceName: string, volumeId: string, instanceId: string): string {
  return `vai-${terraformHashcode(`${deviceName}-${instanceId}-${volumeId}-`)}`;
}

export const volumeAttachment = defineResourceType<VolumeAttachment>({
  type: 'aws_volume_attachment',
  service: 'ec2',
  list: async (repos) =>
    // With DeleteOnTermination filled in where the endpoint omits it: root volumes are noise, not unmanaged.
    (await volumesWithDeleteOnTermination(repos)).flatMap((v: Volume) =>
      (v.Attachments ?? []).filter((a) => a.State === 'attached' || a.State === 'attaching' || a.State === undefined),
    ),
  observe: (a) => ({
    id: volumeAttachmentId(a.Device ?? '', a.VolumeId ?? '', a.InstanceId ?? ''),
    attributes: {
      id: volumeAttachmentId(a.Device ?? '', a.VolumeId ?? '', a.InstanceId ?? ''),
      device_name: a.Device,
      volume_id: a.VolumeId,
      instance_id: a.InstanceId,
    },
    ...(a.DeleteOnTermination
      ? { noise: `part of instance ${a.InstanceId}'s block device mapping (Terraform records it inside aws_instance)` }
      : {}),
  }),
  // Configuration-only switches for detach behaviour: the API never returns them.
  computed: ['force_detach', 'skip_destroy', 'stop_instance_before_detaching', 'timeouts'],
  forcesReplacement: ['device_name', 'volume_id', 'instance_id'],
  trailEvents: ['AttachVolume', 'DetachVolume'],
});
