/**
 * What the inline-policy types of users and groups share (aws_iam_user_policy,
 * aws_iam_group_policy): both come from GetAccountAuthorizationDetails (shared), the provider's id
 * and import id are `<principal name>:<policy name>`, its read sets the principal, name and policy
 * document (JSON, compared as JSON). Each entry file spreads these parts into its own entry.
 */
import type { InlinePolicy } from './repositories/iam.js';
import { awsCall, type ApiCall } from './calls.js';
import type { PlannedCalls } from '../../model/catalogue.js';
import type { Finding } from '../../model/finding.js';
import { splitId } from './catalogue/iam-role.js';

type Principal = 'user' | 'group';

const OPERATIONS = {
  user: { put: 'PutUserPolicy', remove: 'DeleteUserPolicy', name: 'UserName' },
  group: { put: 'PutGroupPolicy', remove: 'DeleteGroupPolicy', name: 'GroupName' },
} as const;

/** The mapping, semantics, revert, prune and codify of one principal's inline-policy type. */
export function inlinePolicyParts(principal: Principal) {
  const ops = OPERATIONS[principal];
  const parts = (f: Finding): { names: Record<string, string> } | { unsupported: string } => {
    const split = splitId(f.resource.id, ':');
    if (!split) return { unsupported: `unexpected id ${f.resource.id ?? '(none)'}` };
    return { names: { [ops.name]: split[0], PolicyName: split[1] } };
  };
  return {
    service: 'iam',
    global: true,
    observe: (p: InlinePolicy) => ({
      id: `${p.principalName}:${p.policyName}`,
      attributes: {
        id: `${p.principalName}:${p.policyName}`,
        [principal]: p.principalName,
        name: p.policyName,
        policy: p.document,
      },
    }),
    // Configuration-only: the provider derives the name from it once.
    computed: ['name_prefix'],
    json: ['policy'],
    policyType: true,
    policy: ['policy'],
    forcesReplacement: ['name', 'name_prefix', principal],
    revert: {
      attributes: ['policy'],
      sends: [`iam:${ops.put}` as const],
      plan: (f: Finding): PlannedCalls<ApiCall> => {
        const names = parts(f);
        if ('unsupported' in names) return names;
        const policy = f.changes.find((c) => c.path === 'policy');
        if (!policy || policy.sensitive || typeof policy.recorded !== 'string')
          return { unsupported: 'the recorded policy document is not available' };
        const input = { ...names.names, PolicyDocument: policy.recorded };
        return { calls: [awsCall('iam', ops.put, 'global', input as never)] };
      },
    },
    prune: {
      sends: [`iam:${ops.remove}` as const],
      plan: (f: Finding): PlannedCalls<ApiCall> => {
        const names = parts(f);
        if ('unsupported' in names) return names;
        return { calls: [awsCall('iam', ops.remove, 'global', names.names as never)] };
      },
    },
    codify: {
      arguments: [
        { name: 'name', required: true },
        { name: principal, required: true },
        { name: 'policy', required: true, json: true },
      ],
    },
  };
}
