/**
 * IAM repository (global: listed once per account, scope region `global`).
 *
 * Roles, users, their inline policies and managed-policy attachments, and the account's own
 * (customer-managed) policies with every version all come from one paginated call,
 * GetAccountAuthorizationDetails: the IAM API's only bulk read of that data. ListRoles and
 * ListUsers omit tags and permission boundaries, and attachments or inline policies would
 * otherwise cost one call per role or user. Every IAM type shares this one listing.
 *
 * One thing has no bulk form: a managed policy's tags (ListPolicyTags per policy), fanned out
 * with at most `ctx.fanOut` calls in flight and only when aws_iam_policy is observed.
 *
 * Policy documents come back URL-encoded (RFC 3986) from the IAM API; they are decoded here so
 * entries and the engine only ever see JSON text.
 */
import {
  paginateGetAccountAuthorizationDetails,
  paginateListPolicyTags,
  paginateListAccessKeys,
  paginateListRoles,
  type AccessKeyMetadata,
  type GroupDetail,
  type ManagedPolicyDetail,
  type Role,
  type RoleDetail,
  type Tag,
  type UserDetail,
} from '@aws-sdk/client-iam';
import type { RepositoryContext } from './index.js';
import { decodePolicyDocument } from './iam-documents.js';

export { decodePolicyDocument, normalizeJsonText } from './iam-documents.js';
import { collectPages, mapLimit } from './paging.js';

/** What GetAccountAuthorizationDetails returns for the account, pages joined. */
export interface IamAuthorizationDetails {
  readonly roles: ReadonlyArray<RoleDetail>;
  readonly users: ReadonlyArray<UserDetail>;
  readonly groups: ReadonlyArray<GroupDetail>;
  /** Customer-managed policies only (filter LocalManagedPolicy): AWS-managed ones are never in a state. */
  readonly policies: ReadonlyArray<ManagedPolicyDetail>;
}

/** A role as GetAccountAuthorizationDetails returns it, plus the two fields only ListRoles has. */
export interface RoleWithDetails extends RoleDetail {
  readonly Description?: string | undefined;
  readonly MaxSessionDuration?: number | undefined;
  /** False when ListRoles did not list the role (created between the two listings): the two fields above are unknown. */
  readonly listedByListRoles?: boolean;
}

/** A customer-managed policy with its tags (ListPolicyTags). */
export interface ManagedPolicyWithTags {
  readonly policy: ManagedPolicyDetail;
  readonly tags: ReadonlyArray<Tag>;
}

/** One inline policy of a role (aws_iam_role_policy). */
export interface RoleInlinePolicy {
  readonly roleName: string;
  readonly policyName: string;
  /** Decoded JSON text. */
  readonly document: string;
}

/** One inline policy of a user or group (aws_iam_user_policy, aws_iam_group_policy). */
export interface InlinePolicy {
  /** The user or group name. */
  readonly principalName: string;
  readonly policyName: string;
  /** Decoded JSON text. */
  readonly document: string;
}

/** The members of one group (aws_iam_group_membership): every group, members or not. */
export interface GroupMembers {
  readonly groupName: string;
  /** User names, sorted. */
  readonly users: ReadonlyArray<string>;
}

/** One managed policy attached to a role, user or group (aws_iam_*_policy_attachment). */
export interface PolicyAttachment {
  /** The role, user or group name. */
  readonly principalName: string;
  readonly policyArn: string;
}

export function createIamRepository(ctx: RepositoryContext) {
  const client = () => ctx.client('iam');

  const authorizationDetails = (): Promise<IamAuthorizationDetails> =>
    ctx.list('iam:GetAccountAuthorizationDetails', async () => {
      const roles: RoleDetail[] = [];
      const users: UserDetail[] = [];
      const groups: GroupDetail[] = [];
      const policies: ManagedPolicyDetail[] = [];
      const pages = paginateGetAccountAuthorizationDetails(
        { client: client(), pageSize: 1000, stopOnSameToken: true },
        { Filter: ['Role', 'User', 'Group', 'LocalManagedPolicy'] },
      );
      for await (const page of pages) {
        roles.push(...(page.RoleDetailList ?? []));
        users.push(...(page.UserDetailList ?? []));
        groups.push(...(page.GroupDetailList ?? []));
        policies.push(...(page.Policies ?? []));
      }
      return { roles, users, groups, policies };
    });

  /** Every role of the account (ListRoles, 1000 per page); without tags or boundaries (see above). */
  const roles = (): Promise<Role[]> =>
    ctx.list('iam:ListRoles', () =>
      collectPages(paginateListRoles({ client: client(), pageSize: 1000, stopOnSameToken: true }, {}), (p) => p.Roles),
    );

  return {
    roles,

    authorizationDetails,

    /**
     * Roles with tags, boundary, inline policies and attachments (GetAccountAuthorizationDetails),
     * joined with description and maximum session duration, which only ListRoles returns: two bulk
     * listings, no call per role.
     */
    roleDetails: async (): Promise<RoleWithDetails[]> => {
      const [details, listed] = await Promise.all([authorizationDetails(), roles()]);
      const byName = new Map(listed.map((r) => [r.RoleName ?? '', r]));
      return details.roles.map((detail) => {
        const role = byName.get(detail.RoleName ?? '');
        return {
          ...detail,
          Description: role?.Description,
          MaxSessionDuration: role?.MaxSessionDuration,
          listedByListRoles: role !== undefined,
        };
      });
    },

    userDetails: async (): Promise<ReadonlyArray<UserDetail>> => (await authorizationDetails()).users,

    roleInlinePolicies: async (): Promise<RoleInlinePolicy[]> =>
      (await authorizationDetails()).roles.flatMap((role) =>
        (role.RolePolicyList ?? []).map((p) => ({
          roleName: role.RoleName ?? '',
          policyName: p.PolicyName ?? '',
          document: decodePolicyDocument(p.PolicyDocument) ?? '',
        })),
      ),

    rolePolicyAttachments: async (): Promise<PolicyAttachment[]> =>
      (await authorizationDetails()).roles.flatMap((role) =>
        (role.AttachedManagedPolicies ?? []).map((p) => ({
          principalName: role.RoleName ?? '',
          policyArn: p.PolicyArn ?? '',
        })),
      ),

    userPolicyAttachments: async (): Promise<PolicyAttachment[]> =>
      (await authorizationDetails()).users.flatMap((user) =>
        (user.AttachedManagedPolicies ?? []).map((p) => ({
          principalName: user.UserName ?? '',
          policyArn: p.PolicyArn ?? '',
        })),
      ),

    userInlinePolicies: async (): Promise<InlinePolicy[]> =>
      (await authorizationDetails()).users.flatMap((user) =>
        (user.UserPolicyList ?? []).map((p) => ({
          principalName: user.UserName ?? '',
          policyName: p.PolicyName ?? '',
          document: decodePolicyDocument(p.PolicyDocument) ?? '',
        })),
      ),

    groupDetails: async (): Promise<ReadonlyArray<GroupDetail>> => (await authorizationDetails()).groups,

    groupInlinePolicies: async (): Promise<InlinePolicy[]> =>
      (await authorizationDetails()).groups.flatMap((group) =>
        (group.GroupPolicyList ?? []).map((p) => ({
          principalName: group.GroupName ?? '',
          policyName: p.PolicyName ?? '',
          document: decodePolicyDocument(p.PolicyDocument) ?? '',
        })),
      ),

    groupPolicyAttachments: async (): Promise<PolicyAttachment[]> =>
      (await authorizationDetails()).groups.flatMap((group) =>
        (group.AttachedManagedPolicies ?? []).map((p) => ({
          principalName: group.GroupName ?? '',
          policyArn: p.PolicyArn ?? '',
        })),
      ),

    /** Each group with its members, joined from the users' GroupList (GetGroup per group is not needed). */
    groupMembers: async (): Promise<GroupMembers[]> => {
      const { groups, users } = await authorizationDetails();
      return groups.map((group) => ({
        groupName: group.GroupName ?? '',
        users: users
          .filter((user) => (user.GroupList ?? []).includes(group.GroupName ?? ''))
          .map((user) => user.UserName ?? '')
          .sort(),
      }));
    },

    /**
     * Every user's access keys (ListAccessKeys per user: the IAM API has no bulk form), at most
     * `ctx.fanOut` calls in flight, only when aws_iam_access_key is observed. Metadata only: no IAM
     * API returns a secret access key after its creation.
     */
    accessKeys: async (): Promise<AccessKeyMetadata[]> => {
      const { users } = await authorizationDetails();
      const perUser = await ctx.list('iam:ListAccessKeys', () =>
        mapLimit(users, ctx.fanOut, (user) =>
          collectPages(
            paginateListAccessKeys(
              { client: client(), pageSize: 1000, stopOnSameToken: true },
              { UserName: user.UserName },
            ),
            (p) => p.AccessKeyMetadata,
          ).catch((err: unknown) => {
            // A user deleted after the bulk listing has no keys left; any other failure fails the scope.
            if ((err as { name?: unknown } | null)?.name === 'NoSuchEntityException') return [];
            throw err;
          }),
        ),
      );
      return perUser.flat();
    },

    /** Customer-managed policies with their tags (one ListPolicyTags per policy: no bulk form). */
    managedPolicies: async (): Promise<ManagedPolicyWithTags[]> => {
      const { policies } = await authorizationDetails();
      const tags = await ctx.list('iam:ListPolicyTags', () =>
        mapLimit(policies, ctx.fanOut, (policy) =>
          collectPages(
            paginateListPolicyTags(
              { client: client(), pageSize: 1000, stopOnSameToken: true },
              { PolicyArn: policy.Arn },
            ),
            (p) => p.Tags,
          ),
        ),
      );
      return policies.map((policy, i) => ({ policy, tags: tags[i] ?? [] }));
    },
  };
}
export type IamRepository = ReturnType<typeof createIamRepository>;
