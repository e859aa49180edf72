/**
 * aws_acm_certificate: ListCertificates (every key type: by default the API lists RSA-2048 only),
 * then DescribeCertificate and ListTagsForCertificate per certificate (no bulk form), at most the
 * scope's fan-out in flight. The provider's id and import id are the ARN. As resourceCertificateRead
 * stores it: the key algorithm with underscores (the API answers `RSA-2048`), times RFC 3339, DNS
 * validation records as a set, validation_method `NONE` unless Amazon-issued. A certificate whose
 * validation timed out is gone for the provider, so it is not observed either.
 *
 * Never read: the private key (nor the certificate body or chain, which the state holds as hashes).
 */
import type { CertificateDetail, KeyAlgorithm, Tag } from '@aws-sdk/client-acm';
import { awsCall, regionOf } from '../calls.js';
import { tagAttributes, unread } from '../mapping.js';
import { defineResourceType } from './define.js';
import { rfc3339 } from './eks-cluster.js';

const KEY_TYPES: KeyAlgorithm[] = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
];

export interface CertificateWithTags {
  readonly certificate: CertificateDetail;
  readonly tags: ReadonlyArray<Tag>;
}

export const acmCertificate = defineResourceType<CertificateWithTags>({
  type: 'aws_acm_certificate',
  service: 'acm',
  list: async (repos) => {
    const summaries = await repos.listing.list(
      'acm',
      'ListCertificates',
      { Includes: { keyTypes: KEY_TYPES } },
      (page) => page.CertificateSummaryList,
      1000,
    );
    const read = await repos.listing.each(summaries, async (s): Promise<CertificateWithTags | undefined> => {
      const CertificateArn = s.CertificateArn;
      const [described, tags] = await Promise.all([
        repos.listing.read('acm', 'DescribeCertificate', { CertificateArn }, ['ResourceNotFoundException']),
        repos.listing.read('acm', 'ListTagsForCertificate', { CertificateArn }, ['ResourceNotFoundException']),
      ]);
      return described?.Certificate ? { certificate: described.Certificate, tags: tags?.Tags ?? [] } : undefined;
    });
    return read.filter(
      (c): c is CertificateWithTags => c !== undefined && c.certificate.Status !== 'VALIDATION_TIMED_OUT',
    );
  },
  observe: ({ certificate: c, tags }) => {
    const validations = c.DomainValidationOptions ?? [];
    return {
      id: c.CertificateArn ?? '',
      attributes: {
        id: c.CertificateArn,
        arn: c.CertificateArn,
        domain_name: c.DomainName,
        subject_alternative_names: [...(c.SubjectAlternativeNames ?? [])],
        certificate_authority_arn: c.CertificateAuthorityArn,
        key_algorithm: c.KeyAlgorithm?.replace(/-/g, '_'),
        type: c.Type,
        status: c.Status,
        not_after: rfc3339(c.NotAfter),
        not_before: rfc3339(c.NotBefore),
        renewal_eligibility: c.RenewalEligibility,
        renewal_summary: c.RenewalSummary
          ? [
              {
                renewal_status: c.RenewalSummary.RenewalStatus,
                renewal_status_reason: c.RenewalSummary.RenewalStatusReason,
                ...(c.RenewalSummary.UpdatedAt ? { updated_at: rfc3339(c.RenewalSummary.UpdatedAt) } : {}),
              },
            ]
          : [],
        options: c.Options
          ? [{ certificate_transparency_logging_preference: c.Options.CertificateTransparencyLoggingPreference }]
          : [],
        domain_validation_options: validations
          .filter((v) => v.ResourceRecord)
          .map((v) => ({
            domain_name: v.DomainName,
            resource_record_name: v.ResourceRecord?.Name,
            resource_record_type: v.ResourceRecord?.Type,
            resource_record_value: v.ResourceRecord?.Value,
          })),
        validation_emails: validations.flatMap((v) => v.ValidationEmails ?? []),
        validation_method:
          c.Type === 'AMAZON_ISSUED' && validations[0]?.ValidationMethod ? validations[0].ValidationMethod : 'NONE',
        ...tagAttributes(tags),
      },
    };
  },
  unread: unread(
    'the private key never leaves ACM, and the state holds the certificate body and chain as hashes: never read',
    'private_key',
    'certificate_body',
    'certificate_chain',
  ),
  computed: [
    // Set by ACM over the certificate's life (validity window, renewal, status), or derived by the
    // provider from the configuration (early renewal, pending renewal, validation domains).
    'not_after',
    'not_before',
    'status',
    'renewal_summary',
    'renewal_eligibility',
    'pending_renewal',
    'early_renewal_duration',
    'validation_option',
  ],
  sets: ['domain_validation_options', 'subject_alternative_names', 'validation_emails'],
  // Which names the certificate vouches for, and whether it is logged publicly.
  policy: ['domain_name', 'subject_alternative_names', 'options'],
  forcesReplacement: [
    'domain_name',
    'subject_alternative_names',
    'validation_method',
    'key_algorithm',
    'certificate_authority_arn',
  ],
  trailEvents: [
    'RequestCertificate',
    'ImportCertificate',
    'DeleteCertificate',
    'UpdateCertificateOptions',
    'RenewCertificate',
    'AddTagsToCertificate',
    'RemoveTagsFromCertificate',
  ],
  limitations:
    'attributes cost one DescribeCertificate and one ListTagsForCertificate call per certificate (no bulk form); the private key, body and chain are never read',
  revert: {
    attributes: ['options'],
    sends: ['acm:UpdateCertificateOptions'],
    plan: (f, ctx) => {
      const recorded = f.changes.find(
        (c) => c.path === 'options[0].certificate_transparency_logging_preference',
      )?.recorded;
      if (recorded !== 'ENABLED' && recorded !== 'DISABLED') return { unsupported: 'no recorded logging preference' };
      return {
        calls: [
          awsCall('acm', 'UpdateCertificateOptions', regionOf(f, ctx), {
            CertificateArn: f.resource.id,
            Options: { CertificateTransparencyLoggingPreference: recorded },
          }),
        ],
      };
    },
  },
  prune: {
    sends: ['acm:DeleteCertificate'],
    plan: (f, ctx) => ({
      calls: [
        awsCall(
          'acm',
          'DeleteCertificate',
          regionOf(f, ctx),
          { CertificateArn: f.resource.id },
          { note: 'ACM refuses while a load balancer or distribution still uses the certificate' },
        ),
      ],
    }),
  },
  codify: {
    arguments: [
      { name: 'domain_name', required: true },
      { name: 'subject_alternative_names' },
      { name: 'validation_method', required: true },
      { name: 'key_algorithm', default: 'RSA_2048' },
      { name: 'tags' },
    ],
  },
});
