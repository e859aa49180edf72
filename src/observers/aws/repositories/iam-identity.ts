/**
 * IAM identity providers (global: listed once per account). ListOpenIDConnectProviders answers
 * ARNs only and is not paginated; everything Terraform records (URL, client ids, thumbprints, tags)
 * needs GetOpenIDConnectProvider per provider, at most `ctx.fanOut` in flight and counted. Kept apart
 * from iam.ts, whose one bulk read (GetAccountAuthorizationDetails) does not cover providers.
 */
import {
  GetOpenIDConnectProviderCommand,
  ListOpenIDConnectProvidersCommand,
  type GetOpenIDConnectProviderResponse,
} from '@aws-sdk/client-iam';
import type { RepositoryContext } from './index.js';
import { mapLimit } from './paging.js';

/** One OIDC provider: its ARN (the provider's id) and what GetOpenIDConnectProvider returned. */
export interface OidcProvider extends Omit<GetOpenIDConnectProviderResponse, '$metadata'> {
  readonly Arn: string;
}

export function createIamIdentityRepository(ctx: RepositoryContext) {
  const client = () => ctx.client('iam');

  const oidcArns = (): Promise<string[]> =>
    ctx.list('iam:ListOpenIDConnectProviders', async () =>
      ((await client().send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList ?? [])
        .map((p) => p.Arn)
        .filter((arn): arn is string => arn !== undefined),
    );

  return {
    openIdConnectProviders: async (): Promise<OidcProvider[]> => {
      const arns = await oidcArns();
      return ctx.list('iam:GetOpenIDConnectProvider', () =>
        mapLimit(arns, ctx.fanOut, async (Arn) => {
          const { $metadata: _ignored, ...out } = await client().send(
            new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: Arn }),
          );
          return { ...out, Arn };
        }),
      );
    },
  };
}
export type IamIdentityRepository = ReturnType<typeof createIamIdentityRepository>;
