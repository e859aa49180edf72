/** Storage of the demo estate: the data volume (encrypted with the demo KMS key) and its attachment. */
import { AttachVolumeCommand, CreateVolumeCommand, DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { tagList, type ComputeResources, type EstateContext, type StorageResources } from './estate-aws.js';

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the endpoint did not return ${what}`);
  return value;
}

export async function createStorage(
  context: EstateContext,
  compute: ComputeResources,
  kmsKeyArn: string,
): Promise<StorageResources> {
  const ec2 = context.clients.ec2;
  const instance = required(compute.instances[0], 'the first instance');
  // aws_ebs_volume.data (gp3, 20 GiB, encrypted with aws_kms_key.data) + aws_volume_attachment.data on app[0].
  const volumeId = required(
    (
      await ec2.send(
        new CreateVolumeCommand({
          AvailabilityZone: instance.Placement?.AvailabilityZone,
          Size: 20,
          VolumeType: 'gp3',
          Iops: 3000,
          Throughput: 125,
          Encrypted: true,
          KmsKeyId: kmsKeyArn,
          TagSpecifications: [{ ResourceType: 'volume', Tags: tagList(context, { Name: 'app-data' }) }],
        }),
      )
    ).VolumeId,
    'a volume id',
  );
  const device = '/dev/sdf';
  await ec2.send(new AttachVolumeCommand({ VolumeId: volumeId, InstanceId: instance.InstanceId, Device: device }));
  const volume = required(
    (await ec2.send(new DescribeVolumesCommand({ VolumeIds: [volumeId] }))).Volumes?.[0],
    'the volume',
  );
  return { volume, attachment: { device, volumeId, instanceId: required(instance.InstanceId, 'the instance id') } };
}
