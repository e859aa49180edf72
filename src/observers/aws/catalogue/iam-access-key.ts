/**
 * aws_iam_access_key: ListAccessKeys per user (the IAM API has no bulk form; users from the shared
 * GetAccountAuthorizationDetails), only when this type is observed. The provider's id and import
 * id are the access key id; its read sets create_date (RFC 3339), status and user.
 *
 * Secrets: no IAM API returns a secret access key after CreateAccessKey, and Driftwarden never
 * creates one. `secret`, `ses_smtp_password_v4` and their PGP-encrypted forms exist only in the
 * state (written once at creation) and are never read, compared or shown.
 */
import type { AccessKeyMetadata } from '@aws-sdk/client-iam';
import { rfc3339 } from '../mapping.js';
import { defineResourceType } from './define.js';

export const iamAccessKey = defineResourceType<AccessKeyMetadata>({
  type: 'aws_iam_access_key',
  service: 'iam',
  global: true,
  list: (repos) => repos.iam.accessKeys(),
  observe: (k) => ({
    id: k.AccessKeyId ?? '',
    attributes: { id: k.AccessKeyId, user: k.UserName, status: k.Status, create_date: rfc3339(k.CreateDate) },
  }),
  computed: [
    // Set by AWS at creation.
    'create_date',
    // Written into the state once, from CreateAccessKey's answer: no API returns them again.
    'secret',
    'ses_smtp_password_v4',
    'encrypted_secret',
    'encrypted_ses_smtp_password_v4',
    'key_fingerprint',
    // Configuration-only: the PGP key the secret was encrypted with.
    'pgp_key',
  ],
  secretAttributes: ['secret', 'ses_smtp_password_v4'],
  // Who holds a working credential of the account.
  policy: ['status', 'user'],
  forcesReplacement: ['user', 'pgp_key'],
  trailEvents: ['CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey'],
  limitations: 'one ListAccessKeys call per user (the API has no bulk form); secrets are never read',
  // No revert: UpdateAccessKey needs the user name, which a finding does not carry, and without it
  // IAM would act on the caller's own user. No prune: deleting a key breaks whoever uses it.
  codify: {
    arguments: [
      { name: 'user', required: true },
      { name: 'status', default: 'Active' },
    ],
  },
});
