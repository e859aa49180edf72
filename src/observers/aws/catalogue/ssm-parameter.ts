/**
 * aws_ssm_parameter: DescribeParameters, one paginated bulk call per region (50 a page): metadata
 * only. The provider's id and import id are the parameter name.
 *
 * Values are never read. The provider reads `value` with GetParameter(WithDecryption) and stores a
 * SecureString's decrypted value; it fills `insecure_value` instead of `value` when the
 * configuration uses it, which the API cannot tell. Reading values would fetch secrets into the
 * scan for an attribute that could not be compared without that configuration knowledge, so
 * `value` and `insecure_value` are declared unread (each recorded one shows as a not-read
 * suppression), and `value` is a secret attribute should any path ever carry it.
 */
import type { ParameterMetadata } from '@aws-sdk/client-ssm';
import { awsCall, regionOf } from '../calls.js';
import { unread } from '../mapping.js';
import { defineResourceType } from './define.js';

export const ssmParameter = defineResourceType<ParameterMetadata>({
  type: 'aws_ssm_parameter',
  service: 'ssm',
  list: (repos) => repos.listing.list('ssm', 'DescribeParameters', {}, (page) => page.Parameters, 50),
  observe: (p) => ({
    id: p.Name ?? '',
    attributes: {
      id: p.Name,
      name: p.Name,
      arn: p.ARN,
      type: p.Type ?? '',
      description: p.Description ?? '',
      allowed_pattern: p.AllowedPattern ?? '',
      data_type: p.DataType ?? '',
      key_id: p.KeyId ?? '',
      tier: p.Tier ?? '',
      version: p.Version ?? 0,
    },
  }),
  unread: [
    ...unread(
      'never read: a SecureString value is a secret, and the provider stores the value under value or insecure_value depending on configuration the API cannot show',
      'value',
      'insecure_value',
    ),
    ...unread(
      'DescribeParameters returns no tags; ListTagsForResource is one call per parameter: not read',
      'tags',
      'tags_all',
    ),
  ],
  // Write-only or configuration-only arguments, and the version AWS bumps on every write.
  computed: ['value_wo', 'value_wo_version', 'has_value_wo', 'overwrite', 'version'],
  secretAttributes: ['value', 'value_wo'],
  // The key decides who can decrypt a SecureString.
  policy: ['key_id', 'type'],
  forcesReplacement: ['name'],
  trailEvents: [
    'PutParameter',
    'DeleteParameter',
    'DeleteParameters',
    'LabelParameterVersion',
    'AddTagsToResource',
    'RemoveTagsFromResource',
  ],
  limitations: 'metadata only: parameter values (value, insecure_value) are never read',
  // PutParameter always takes the value, which is never read: no revert. Pruning needs no value.
  prune: {
    sends: ['ssm:DeleteParameter'],
    plan: (f, ctx) => ({ calls: [awsCall('ssm', 'DeleteParameter', regionOf(f, ctx), { Name: f.resource.id })] }),
  },
});
