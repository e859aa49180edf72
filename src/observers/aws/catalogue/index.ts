/**
 * The catalogue: the one list of AWS resource types Driftwarden observes. A type string lives only
 * in its entry; everything else (the observer, the engine's semantics lookup, the README support
 * table) reads this list. index.test.ts fails when a file in this folder is not listed here.
 */
import { semanticsLookup } from '../../../model/catalogue.js';
import type { SemanticsLookup } from '../../../model/semantics.js';
import type { AnyResourceTypeEntry } from './define.js';
import { autoscalingGroup } from './autoscaling-group.js';
import { ebsSnapshot } from './ebs-snapshot.js';
import { ebsVolume } from './ebs-volume.js';
import { eip } from './eip.js';
import { instance } from './instance.js';
import { internetGateway } from './internet-gateway.js';
import { launchTemplate } from './launch-template.js';
import { lb } from './lb.js';
import { lbListener } from './lb-listener.js';
import { lbTargetGroup } from './lb-target-group.js';
import { routeTable } from './route-table.js';
import { securityGroup } from './security-group.js';
import { securityGroupRule } from './security-group-rule.js';
import { subnet } from './subnet.js';
import { volumeAttachment } from './volume-attachment.js';
import { vpc } from './vpc.js';
import { vpcSecurityGroupEgressRule, vpcSecurityGroupIngressRule } from './vpc-security-group-rules.js';
import { dbInstance } from './db-instance.js';
import { iamPolicy } from './iam-policy.js';
import { iamRole } from './iam-role.js';
import { iamRolePolicy } from './iam-role-policy.js';
import { iamRolePolicyAttachment } from './iam-role-policy-attachment.js';
import { iamUser } from './iam-user.js';
import { iamUserPolicyAttachment } from './iam-user-policy-attachment.js';
import { kmsKey } from './kms-key.js';
import { s3Bucket } from './s3-bucket.js';
import { s3BucketPolicy } from './s3-bucket-policy.js';
import { s3BucketPublicAccessBlock } from './s3-bucket-public-access-block.js';
import { s3BucketVersioning } from './s3-bucket-versioning.js';

// Entries in service order, then by type. IAM, S3, RDS and KMS entries are added by their owner.
export const CATALOGUE: ReadonlyArray<AnyResourceTypeEntry> = [
  // ec2: network
  vpc,
  subnet,
  internetGateway,
  routeTable,
  eip,
  securityGroup,
  vpcSecurityGroupIngressRule,
  vpcSecurityGroupEgressRule,
  securityGroupRule,
  // ec2: compute and storage
  instance,
  launchTemplate,
  ebsVolume,
  volumeAttachment,
  ebsSnapshot,
  // autoscaling
  autoscalingGroup,
  // elbv2
  lb,
  lbListener,
  lbTargetGroup,
  // iam, s3, rds, kms: added by their owner.
  iamRole,
  iamPolicy,
  iamRolePolicy,
  iamRolePolicyAttachment,
  iamUser,
  iamUserPolicyAttachment,
  s3Bucket,
  s3BucketPolicy,
  s3BucketVersioning,
  s3BucketPublicAccessBlock,
  dbInstance,
  kmsKey,
];

const BY_TYPE = new Map<string, AnyResourceTypeEntry>(CATALOGUE.map((entry) => [entry.type, entry]));

export function catalogueEntry(type: string): AnyResourceTypeEntry | undefined {
  return BY_TYPE.get(type);
}

export function catalogueTypes(): string[] {
  return CATALOGUE.map((entry) => entry.type);
}

/** The compare semantics of an AWS type, as plain data for the engine (no functions, no I/O). */
export const awsSemantics: SemanticsLookup = semanticsLookup(CATALOGUE);
