/**
 * The AWS SDK clients the demo estate and its ClickOps changes use: the same official SDK v3
 * clients Driftwarden observes with, pointed at the emulator (or any endpoint) by one config.
 */
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';

/** What `Moto.clientConfig()` returns: endpoint, region, path-style S3 and static credentials. */
export interface AwsClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly forcePathStyle: boolean;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export interface EstateClients {
  readonly region: string;
  readonly ec2: EC2Client;
  readonly autoscaling: AutoScalingClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly iam: IAMClient;
  readonly s3: S3Client;
  readonly kms: KMSClient;
  readonly rds: RDSClient;
  destroy(): void;
}

export function createEstateClients(config: AwsClientConfig): EstateClients {
  const base = { endpoint: config.endpoint, region: config.region, credentials: config.credentials };
  const clients = {
    ec2: new EC2Client(base),
    autoscaling: new AutoScalingClient(base),
    elbv2: new ElasticLoadBalancingV2Client(base),
    iam: new IAMClient(base),
    s3: new S3Client({ ...base, forcePathStyle: config.forcePathStyle }),
    kms: new KMSClient(base),
    rds: new RDSClient(base),
  };
  return {
    region: config.region,
    ...clients,
    destroy: () => Object.values(clients).forEach((client) => client.destroy()),
  };
}
