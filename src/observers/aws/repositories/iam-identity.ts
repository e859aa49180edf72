/**
 * IAM identity providers (global: listed once per account). ListOpenIDConnectProviders and
 * ListSAMLProviders answer ARNs only and are not paginated; everything Terraform records (URL,
 * client ids, thumbprints, metadata document, tags) needs GetOpenIDConnectProvider or
 * GetSAMLProvider per provider, at most `ctx.fanOut` in flight and counted. Kept apart
 * from iam.ts, whose one bulk read (GetAccountAuthorizationDetails) does not cover providers.
 */
import {
  GetOpenIDConnectProviderCommand,
  GetSAMLProviderCommand,
  ListOpenIDConnectProvidersCommand,
  ListSAMLProvidersCommand,
  type GetOpenIDConnectProviderResponse,
  type GetSAMLProviderResponse,
} from '@aws-sdk/client-iam';
import type { RepositoryContext } from './index.js';
import { mapLimit } from './paging.js';

/** One OIDC provider: its ARN (the provider's id) and what GetOpenIDConnectProvider returned. */
export interface OidcProvider extends Omit<GetOpenIDConnectProviderResponse, '$metadata'> {
  readonly Arn: string;
}

/** One SAML provider: its ARN (the provider's id) and what GetSAMLProvider returned. */
export interface SamlProvider extends Omit<GetSAMLProviderResponse, '$metadata'> {
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

  const samlArns = (): Promise<string[]> =>
    ctx.list('iam:ListSAMLProviders', async () =>
      ((await client().send(new ListSAMLProvidersCommand({}))).SAMLProviderList ?? [])
        .map((p) => p.Arn)
        .filter((arn): arn is string => arn !== undefined),
    );

  return {
    samlProviders: async (): Promise<SamlProvider[]> => {
      const arns = await samlArns();
      return ctx.list('iam:GetSAMLProvider', () =>
        mapLimit(arns, ctx.fanOut, async (Arn) => {
          const { $metadata: _ignored, ...out } = await client().send(
            new GetSAMLProviderCommand({ SAMLProviderArn: Arn }),
          );
          return { ...out, Arn };
        }),
      );
    },

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
