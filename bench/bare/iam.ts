/**
 * Bare IAM listings: the account authorization details (roles, users, groups, local policies) in
 * bulk, then the reads the API has no bulk form for: tags per local policy, access keys per user,
 * one Get per OIDC and SAML provider. IAM is global: listed once, like the scan's global scope.
 */
import {
  GetOpenIDConnectProviderCommand,
  GetSAMLProviderCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
  ListSAMLProvidersCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListAccessKeys,
  paginateListInstanceProfiles,
  paginateListPolicyTags,
  paginateListRoles,
} from '@aws-sdk/client-iam';
import { mapLimit } from '../../src/observers/aws/repositories/paging.js';
import { FAN_OUT, p, pages, type BareRun } from './common.js';

export function iamListings(run: BareRun): Promise<unknown[]>[] {
  const iam = run.client(new IAMClient(run.config), 'iam');
  return [
    (async () => {
      const out: unknown[] = [];
      const policies: { Arn?: string }[] = [];
      const users: { UserName?: string }[] = [];
      for await (const page of paginateGetAccountAuthorizationDetails(p(iam, 1000), {
        Filter: ['Role', 'User', 'Group', 'LocalManagedPolicy'],
      })) {
        out.push(...(page.RoleDetailList ?? []), ...(page.GroupDetailList ?? []));
        users.push(...(page.UserDetailList ?? []));
        policies.push(...(page.Policies ?? []));
      }
      const [tags, keys] = await Promise.all([
        mapLimit(policies, FAN_OUT, (policy) =>
          pages(paginateListPolicyTags(p(iam, 1000), { PolicyArn: policy.Arn }), (x) => x.Tags),
        ),
        mapLimit(users, FAN_OUT, (user) =>
          pages(paginateListAccessKeys(p(iam, 1000), { UserName: user.UserName }), (x) => x.AccessKeyMetadata),
        ),
      ]);
      return [...out, ...users, ...policies, ...tags.flat(), ...keys.flat()];
    })(),
    pages(paginateListRoles(p(iam, 1000), {}), (x) => x.Roles),
    pages(paginateListInstanceProfiles(p(iam, 1000), {}), (x) => x.InstanceProfiles),
    (async () => {
      const list = (await iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList ?? [];
      return mapLimit(list, FAN_OUT, (o) =>
        iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: o.Arn })),
      );
    })(),
    (async () => {
      const list = (await iam.send(new ListSAMLProvidersCommand({}))).SAMLProviderList ?? [];
      return mapLimit(list, FAN_OUT, (s) => iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: s.Arn })));
    })(),
  ];
}
