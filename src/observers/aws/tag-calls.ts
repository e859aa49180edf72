/**
 * Tag reverts through the EC2 tagging calls (CreateTags / DeleteTags), shared by every EC2 entry:
 * the recorded tags are put back, tags added by hand are removed; changes outside tags are ignored.
 */
import type { PlanContext, PlannedCalls } from '../../model/catalogue.js';
import type { Finding } from '../../model/finding.js';
import { awsCall, regionOf, type ApiCall, type AwsCommandRef, type AwsRevert } from './calls.js';

const TAG_PATH = /^(?:tags|tags_all)\.(.+)$/;

/** The operations ec2TagCalls may plan, for an entry's `sends`. */
export const EC2_TAG_OPERATIONS: ReadonlyArray<AwsCommandRef> = ['ec2:CreateTags', 'ec2:DeleteTags'];

/**
 * The tag changes of a finding: keys whose recorded value must be put back, and keys added by hand
 * (no recorded value) to remove. Every service's tag revert starts here; changes outside tags are ignored.
 */
export function tagDelta(finding: Finding): { put: Map<string, string>; remove: Set<string> } {
  const put = new Map<string, string>();
  const remove = new Set<string>();
  for (const change of finding.changes) {
    const match = TAG_PATH.exec(change.path);
    if (!match) continue;
    const key = match[1]!.replace(/^\["(.*)"\]$/, '$1');
    if (change.recorded === undefined || change.recorded === null) remove.add(key);
    else put.set(key, String(change.recorded));
  }
  return { put, remove };
}

/** Tag calls that put the recorded tags back. */
export function ec2TagCalls(finding: Finding, ctx: PlanContext): ApiCall[] {
  const id = finding.resource.id;
  if (id === undefined) return [];
  const { put, remove } = tagDelta(finding);
  const region = regionOf(finding, ctx);
  const calls: ApiCall[] = [];
  if (remove.size > 0) {
    const tags = [...remove].sort().map((Key) => ({ Key }));
    calls.push(awsCall('ec2', 'DeleteTags', region, { Resources: [id], Tags: tags }));
  }
  if (put.size > 0) {
    const tags = [...put.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([Key, Value]) => ({ Key, Value }));
    calls.push(awsCall('ec2', 'CreateTags', region, { Resources: [id], Tags: tags }));
  }
  return calls;
}

/** The revert of an EC2 type whose only revertible attributes are its tags. */
export const ec2TagRevert: AwsRevert = {
  attributes: ['tags', 'tags_all'],
  sends: EC2_TAG_OPERATIONS,
  plan: (finding, ctx): PlannedCalls<ApiCall> => ({ calls: ec2TagCalls(finding, ctx) }),
};
