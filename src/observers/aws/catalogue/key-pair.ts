/**
 * aws_key_pair: DescribeKeyPairs (one call returns every key pair of the region: the API has no
 * pagination). The import id is the key name. As the provider's read: arn from the key name
 * (`key-pair/<name>`), fingerprint, key_name, key_pair_id and key_type as returned; public_key is
 * never read back (the state keeps the configured key).
 */
import type { KeyPairInfo } from '@aws-sdk/client-ec2';
import { awsCall, regionOf } from '../calls.js';
import { arnOf, tagAttributes, unread } from '../mapping.js';
import { defineResourceType } from './define.js';

export const keyPair = defineResourceType<KeyPairInfo>({
  type: 'aws_key_pair',
  service: 'ec2',
  list: async (repos) => (await repos.listing.read('ec2', 'DescribeKeyPairs', {}))?.KeyPairs ?? [],
  observe: (k, scope) => ({
    id: k.KeyName ?? '',
    attributes: {
      id: k.KeyName,
      arn: arnOf('ec2', scope.region, scope.account, `key-pair/${k.KeyName}`),
      fingerprint: k.KeyFingerprint ?? '',
      key_name: k.KeyName,
      key_pair_id: k.KeyPairId ?? '',
      key_type: k.KeyType ?? '',
      ...tagAttributes(k.Tags),
    },
  }),
  // key_name_prefix is configuration: the provider derives it from a generated name's suffix.
  computed: ['key_name_prefix'],
  unread: unread(
    'the provider never reads the public key back (the state keeps the configured key, and a key pair cannot change its key)',
    'public_key',
  ),
  forcesReplacement: ['key_name', 'key_name_prefix', 'public_key'],
  // Who may log in to instances launched with this key.
  policy: ['fingerprint'],
  trailEvents: ['CreateKeyPair', 'ImportKeyPair', 'DeleteKeyPair', 'CreateTags', 'DeleteTags'],
  // No tag revert: EC2 tags a key pair by its key-pair id, which a finding (keyed by name) does not carry.
  prune: {
    sends: ['ec2:DeleteKeyPair'],
    plan: (f, ctx) => ({
      calls: [awsCall('ec2', 'DeleteKeyPair', regionOf(f, ctx), { KeyName: f.resource.id ?? '' })],
    }),
  },
  codify: {
    arguments: [{ name: 'key_name', required: true }, { name: 'public_key', required: true }, { name: 'tags' }],
  },
});
