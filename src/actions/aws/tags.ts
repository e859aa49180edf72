/** Tag reverts through the EC2 tagging calls (CreateTags / DeleteTags), shared by every EC2 type. */
import type { Finding } from '../../model/finding.js';
import { regionOf, type ApiCall, type PlanContext } from './types.js';

const TAG_PATH = /^(?:tags|tags_all)\.(.+)$/;

/** Tag calls that put the recorded tags back; changes outside tags are ignored here. */
export function ec2TagCalls(finding: Finding, ctx: PlanContext): ApiCall[] {
  const id = finding.resource.id;
  if (id === undefined) return [];
  const put = new Map<string, string>();
  const remove = new Set<string>();
  for (const change of finding.changes) {
    const match = TAG_PATH.exec(change.path);
    if (!match) continue;
    const key = match[1]!.replace(/^\["(.*)"\]$/, '$1');
    if (change.recorded === undefined || change.recorded === null) remove.add(key);
    else put.set(key, String(change.recorded));
  }
  const region = regionOf(finding, ctx);
  const calls: ApiCall[] = [];
  if (remove.size > 0) {
    calls.push({
      service: 'ec2',
      operation: 'DeleteTags',
      region,
      input: { Resources: [id], Tags: [...remove].sort().map((Key) => ({ Key })) },
    });
  }
  if (put.size > 0) {
    calls.push({
      service: 'ec2',
      operation: 'CreateTags',
      region,
      input: {
        Resources: [id],
        Tags: [...put.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([Key, Value]) => ({ Key, Value })),
      },
    });
  }
  return calls;
}
