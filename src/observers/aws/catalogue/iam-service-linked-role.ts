/**
 * aws_iam_service_linked_role: the roles under path /aws-service-role/, from the shared IAM role
 * listing (GetAccountAuthorizationDetails joined with ListRoles for the description). The
 * provider's id and import id are the role ARN; its read (DecodeServiceLinkedRoleID) takes
 * aws_service_name and custom_suffix from the ARN
 * `arn:aws:iam::<account>:role/aws-service-role/<service>/<role name>` and the rest from GetRole.
 */
import { awsCall, recordedOf } from '../calls.js';
import { rfc3339, tagAttributes } from '../mapping.js';
import type { RoleWithDetails } from '../repositories/iam.js';
import { defineResourceType } from './define.js';

/** The provider's DecodeServiceLinkedRoleID: service name and custom suffix from the role ARN. */
export function decodeServiceLinkedRoleArn(
  arn: string | undefined,
): { serviceName: string; customSuffix: string } | undefined {
  const resource = arn?.split(':').slice(5).join(':') ?? '';
  const parts = resource.split('/');
  if (parts.length !== 4) return undefined;
  const nameParts = (parts[3] ?? '').split('_');
  return { serviceName: parts[2] ?? '', customSuffix: nameParts.length === 2 ? (nameParts[1] ?? '') : '' };
}

export const iamServiceLinkedRole = defineResourceType<RoleWithDetails>({
  type: 'aws_iam_service_linked_role',
  service: 'iam',
  global: true,
  list: async (repos) => (await repos.iam.roleDetails()).filter((r) => r.Path?.startsWith('/aws-service-role/')),
  observe: (r) => {
    const decoded = decodeServiceLinkedRoleArn(r.Arn);
    return {
      id: r.Arn ?? '',
      attributes: {
        id: r.Arn,
        arn: r.Arn,
        aws_service_name: decoded?.serviceName,
        custom_suffix: decoded?.customSuffix,
        create_date: rfc3339(r.CreateDate),
        description: r.Description ?? '',
        name: r.RoleName,
        path: r.Path,
        unique_id: r.RoleId,
        ...tagAttributes(r.Tags),
      },
      // Observed, never dropped: AWS creates these roles itself on a service's first use.
      noise: 'a service-linked role AWS creates when a service is first used: unmanaged ones are expected',
    };
  },
  // Set by AWS at creation.
  computed: ['create_date', 'unique_id'],
  policyType: true,
  forcesReplacement: ['aws_service_name', 'custom_suffix'],
  trailEvents: [
    'CreateServiceLinkedRole',
    'DeleteServiceLinkedRole',
    'UpdateRole',
    'UpdateRoleDescription',
    'TagRole',
    'UntagRole',
  ],
  revert: {
    attributes: ['description'],
    sends: ['iam:UpdateRole'],
    plan: (f) => {
      const Description = recordedOf(f, 'description');
      const name = f.resource.id?.split('/').pop();
      if (typeof Description !== 'string' || !name) return { unsupported: 'the recorded description is not available' };
      return { calls: [awsCall('iam', 'UpdateRole', 'global', { RoleName: name, Description })] };
    },
  },
  codify: {
    arguments: [
      { name: 'aws_service_name', required: true },
      { name: 'custom_suffix', when: (a) => typeof a['custom_suffix'] === 'string' && a['custom_suffix'] !== '' },
      { name: 'description' },
      { name: 'tags' },
    ],
  },
});
