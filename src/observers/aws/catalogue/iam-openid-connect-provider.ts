/**
 * aws_iam_openid_connect_provider: ListOpenIDConnectProviders (ARNs only), then
 * GetOpenIDConnectProvider per provider (no bulk read). The provider's id and import id are the
 * ARN. As resourceOpenIDConnectProviderRead stores it: `url` as the API returns it (without the
 * scheme), the client id and thumbprint lists as returned.
 */
import { awsCall, recordedOf } from '../calls.js';
import { tagAttributes } from '../mapping.js';
import type { OidcProvider } from '../repositories/iam-identity.js';
import { defineResourceType } from './define.js';

export const iamOpenidConnectProvider = defineResourceType<OidcProvider>({
  type: 'aws_iam_openid_connect_provider',
  service: 'iam',
  global: true,
  list: (repos) => repos.iamIdentity.openIdConnectProviders(),
  observe: (p) => ({
    id: p.Arn,
    attributes: {
      id: p.Arn,
      arn: p.Arn,
      url: p.Url,
      client_id_list: [...(p.ClientIDList ?? [])],
      thumbprint_list: [...(p.ThumbprintList ?? [])],
      ...tagAttributes(p.Tags),
    },
  }),
  // The provider stores client_id_list as a set: order is not drift.
  sets: ['client_id_list'],
  // Which identity provider and audiences may assume roles in the account (federated access).
  policy: ['url', 'client_id_list', 'thumbprint_list'],
  forcesReplacement: ['url'],
  trailEvents: [
    'CreateOpenIDConnectProvider',
    'DeleteOpenIDConnectProvider',
    'UpdateOpenIDConnectProviderThumbprint',
    'AddClientIDToOpenIDConnectProvider',
    'RemoveClientIDFromOpenIDConnectProvider',
    'TagOpenIDConnectProvider',
    'UntagOpenIDConnectProvider',
  ],
  limitations: 'attributes cost one GetOpenIDConnectProvider call per provider (IAM has no bulk read of providers)',
  revert: {
    attributes: ['thumbprint_list', 'client_id_list'],
    sends: [
      'iam:UpdateOpenIDConnectProviderThumbprint',
      'iam:AddClientIDToOpenIDConnectProvider',
      'iam:RemoveClientIDFromOpenIDConnectProvider',
    ],
    plan: (f) => {
      const OpenIDConnectProviderArn = f.resource.id ?? '';
      const calls = [];
      const thumbprints = recordedOf(f, 'thumbprint_list');
      if (Array.isArray(thumbprints))
        calls.push(
          awsCall('iam', 'UpdateOpenIDConnectProviderThumbprint', 'global', {
            OpenIDConnectProviderArn,
            ThumbprintList: thumbprints.map(String),
          }),
        );
      const clients = f.changes.find((c) => c.path === 'client_id_list');
      if (clients) {
        const recorded = new Set(Array.isArray(clients.recorded) ? clients.recorded.map(String) : []);
        const observed = new Set(Array.isArray(clients.observed) ? clients.observed.map(String) : []);
        for (const ClientID of [...recorded].filter((c) => !observed.has(c)).sort())
          calls.push(
            awsCall('iam', 'AddClientIDToOpenIDConnectProvider', 'global', { OpenIDConnectProviderArn, ClientID }),
          );
        for (const ClientID of [...observed].filter((c) => !recorded.has(c)).sort())
          calls.push(
            awsCall('iam', 'RemoveClientIDFromOpenIDConnectProvider', 'global', { OpenIDConnectProviderArn, ClientID }),
          );
      }
      return { calls };
    },
  },
  prune: {
    sends: ['iam:DeleteOpenIDConnectProvider'],
    plan: (f) => ({
      calls: [awsCall('iam', 'DeleteOpenIDConnectProvider', 'global', { OpenIDConnectProviderArn: f.resource.id })],
    }),
  },
  codify: {
    arguments: [
      { name: 'url', required: true },
      { name: 'client_id_list', required: true },
      { name: 'thumbprint_list' },
      { name: 'tags' },
    ],
  },
});
