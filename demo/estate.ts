/**
 * The demo estate: a small, realistic AWS estate created through the SDK the way `terraform apply`
 * creates it (the same calls, the same arguments the provider sends, its defaults included), and
 * the Terraform state v4 such an apply would have written (demo/state/*.ts).
 *
 * The state is written from what was created (ids, ARNs, the values AWS answered when each resource
 * was read back, as the provider reads after create) in the provider's shapes, with the attributes
 * only Terraform knows (timeouts, force_destroy, revoke_rules_on_delete, tags vs tags_all, ...).
 * It is never derived from Driftwarden's own observer: a freshly built estate scanning clean is
 * then real evidence that the observer and the provider agree.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEstateClients, type AwsClientConfig } from './clients.js';
import { createCompute, createNetwork, type EstateResources } from './estate-aws.js';
import { createStorage } from './estate-aws-storage.js';
import { createDataServices, createIdentity, createKmsKey } from './estate-aws-services.js';
import { renderState } from './state/render.js';

/** Tags the provider block's `default_tags` adds to every taggable resource (tags_all). */
export const DEFAULT_TAGS: Readonly<Record<string, string>> = {
  Project: 'driftwarden-demo',
  Environment: 'demo',
  ManagedBy: 'terraform',
};

/** The ids of what was built, for ClickOps changes and for assertions. */
export interface EstateIds {
  readonly account: string;
  readonly region: string;
  readonly vpcId: string;
  readonly privateSubnetIds: Readonly<Record<string, string>>;
  readonly publicSubnetIds: Readonly<Record<string, string>>;
  readonly webSecurityGroupId: string;
  readonly bastionSecurityGroupId: string;
  readonly instanceIds: ReadonlyArray<string>;
  readonly volumeId: string;
  readonly launchTemplateId: string;
  readonly autoScalingGroupName: string;
  readonly loadBalancerArn: string;
  readonly targetGroupArn: string;
  readonly roleName: string;
  readonly policyArn: string;
  readonly bucket: string;
  readonly kmsKeyId: string;
  readonly dbIdentifier: string;
}

export interface BuiltEstate {
  /** The Terraform state v4 file matching the estate. */
  readonly statePath: string;
  readonly ids: EstateIds;
}

export interface BuildEstateOptions {
  /** SDK client settings (Moto.clientConfig()): endpoint, region, credentials. */
  readonly aws: AwsClientConfig;
  /** Folder the state file is written to (created when absent). */
  readonly dir: string;
  /** The account the endpoint answers for (moto: 123456789012). */
  readonly account: string;
}

export async function buildEstate(options: BuildEstateOptions): Promise<BuiltEstate> {
  const clients = createEstateClients(options.aws);
  try {
    const context = { clients, account: options.account, region: options.aws.region, tags: DEFAULT_TAGS };
    const network = await createNetwork(context);
    const compute = await createCompute(context, network);
    const key = await createKmsKey(context);
    const storage = await createStorage(context, compute, key.kmsKey.Arn ?? '');
    const identity = await createIdentity(context);
    const data = await createDataServices(context);
    const resources: EstateResources = { ...network, ...compute, ...storage, ...identity, ...key, ...data };

    mkdirSync(options.dir, { recursive: true });
    const statePath = join(options.dir, 'terraform.tfstate');
    const state = renderState(resources, {
      account: options.account,
      region: options.aws.region,
      defaultTags: DEFAULT_TAGS,
    });
    writeFileSync(statePath, `${JSON.stringify(state, null, 2)}\n`);
    return { statePath, ids: idsOf(resources, options) };
  } finally {
    clients.destroy();
  }
}

function idsOf(r: EstateResources, options: BuildEstateOptions): EstateIds {
  const subnetIds = (subnets: EstateResources['privateSubnets']) =>
    Object.fromEntries(Object.entries(subnets).map(([az, s]) => [az, s.SubnetId ?? '']));
  return {
    account: options.account,
    region: options.aws.region,
    vpcId: r.vpc.VpcId ?? '',
    privateSubnetIds: subnetIds(r.privateSubnets),
    publicSubnetIds: subnetIds(r.publicSubnets),
    webSecurityGroupId: r.webSecurityGroup.GroupId ?? '',
    bastionSecurityGroupId: r.bastionSecurityGroup.GroupId ?? '',
    instanceIds: r.instances.map((i) => i.InstanceId ?? ''),
    volumeId: r.volume.VolumeId ?? '',
    launchTemplateId: r.launchTemplate.LaunchTemplateId ?? '',
    autoScalingGroupName: r.autoScalingGroup.AutoScalingGroupName ?? '',
    loadBalancerArn: r.loadBalancer.LoadBalancerArn ?? '',
    targetGroupArn: r.targetGroup.TargetGroupArn ?? '',
    roleName: r.role.RoleName ?? '',
    policyArn: r.policy.Arn ?? '',
    bucket: r.bucket,
    kmsKeyId: r.kmsKey?.KeyId ?? '',
    dbIdentifier: r.dbInstance?.DBInstanceIdentifier ?? '',
  };
}
