/**
 * aws_iam_saml_provider: ListSAMLProviders (ARNs only), then GetSAMLProvider per provider (no bulk
 * read). The provider's id and import id are the ARN; `name` is the ARN's part after
 * `saml-provider/`, `valid_until` RFC 3339 without fractions, as resourceSAMLProviderRead stores them.
 */
import { awsCall, recordedOf } from '../calls.js';
import { tagAttributes } from '../mapping.js';
import type { SamlProvider } from '../repositories/iam-identity.js';
import { defineResourceType } from './define.js';
import { rfc3339 } from './eks-cluster.js';

export const iamSamlProvider = defineResourceType<SamlProvider>({
  type: 'aws_iam_saml_provider',
  service: 'iam',
  global: true,
  list: (repos) => repos.iamIdentity.samlProviders(),
  observe: (p) => ({
    id: p.Arn,
    attributes: {
      id: p.Arn,
      arn: p.Arn,
      name: p.Arn.replace(/^.*:saml-provider\//, ''),
      saml_metadata_document: p.SAMLMetadataDocument,
      valid_until: rfc3339(p.ValidUntil),
      ...tagAttributes(p.Tags),
    },
  }),
  // Set by IAM from the metadata document's validity.
  computed: ['valid_until'],
  // Which identity provider's assertions the account trusts: every change is access drift.
  policyType: true,
  policy: ['saml_metadata_document'],
  forcesReplacement: ['name'],
  trailEvents: [
    'CreateSAMLProvider',
    'UpdateSAMLProvider',
    'DeleteSAMLProvider',
    'TagSAMLProvider',
    'UntagSAMLProvider',
  ],
  limitations: 'attributes cost one GetSAMLProvider call per provider (IAM has no bulk read of providers)',
  revert: {
    attributes: ['saml_metadata_document'],
    sends: ['iam:UpdateSAMLProvider'],
    plan: (f) => {
      const recorded = recordedOf(f, 'saml_metadata_document');
      if (typeof recorded !== 'string') return { unsupported: 'the recorded metadata document is not available' };
      return {
        calls: [
          awsCall('iam', 'UpdateSAMLProvider', 'global', {
            SAMLProviderArn: f.resource.id,
            SAMLMetadataDocument: recorded,
          }),
        ],
      };
    },
  },
  prune: {
    sends: ['iam:DeleteSAMLProvider'],
    plan: (f) => ({ calls: [awsCall('iam', 'DeleteSAMLProvider', 'global', { SAMLProviderArn: f.resource.id })] }),
  },
  codify: {
    arguments: [{ name: 'name', required: true }, { name: 'saml_metadata_document', required: true }, { name: 'tags' }],
  },
});
