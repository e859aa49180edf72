/**
 * Every resource type the reconciler can act on, by Terraform type. A type absent here is never
 * reverted or pruned: its findings are skipped with the reason.
 */
import {
  ebsSnapshotActions,
  ebsVolumeActions,
  ec2TagOnlyActions,
  instanceActions,
  securityGroupActions,
} from './ec2.js';
import {
  autoscalingGroupActions,
  iamPolicyActions,
  iamRoleActions,
  iamRolePolicyActions,
  iamRolePolicyAttachmentActions,
  loadBalancerActions,
  s3PublicAccessBlockActions,
  s3VersioningActions,
} from './services.js';
import type { TypeActions } from './types.js';

export * from './types.js';
export { executeCall, supportedCall, type ExecuteContext } from './execute.js';

const ALL: ReadonlyArray<TypeActions> = [
  securityGroupActions,
  instanceActions,
  ebsVolumeActions,
  ebsSnapshotActions,
  ...ec2TagOnlyActions,
  autoscalingGroupActions,
  loadBalancerActions,
  iamRoleActions,
  iamRolePolicyAttachmentActions,
  iamRolePolicyActions,
  iamPolicyActions,
  s3VersioningActions,
  s3PublicAccessBlockActions,
];

export const typeActions: ReadonlyMap<string, TypeActions> = new Map(ALL.map((a) => [a.type, a]));

/** Types that can be pruned (for config validation and the README). */
export const prunableTypes: ReadonlyArray<string> = ALL.filter((a) => a.prune).map((a) => a.type);
