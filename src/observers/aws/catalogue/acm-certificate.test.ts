import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { acmCertificate } from './acm-certificate.js';

const observedItems = trackObservations(acmCertificate);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
const ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';

test('aws_acm_certificate maps DescribeCertificate as the provider reads it: key algorithm with underscores, DNS validation records, method from the first option', () => {
  const o = acmCertificate.observe(
    {
      certificate: {
        CertificateArn: ARN,
        DomainName: 'example.com',
        SubjectAlternativeNames: ['example.com', 'www.example.com'],
        DomainValidationOptions: [
          {
            DomainName: 'example.com',
            ValidationMethod: 'DNS',
            ValidationStatus: 'SUCCESS',
            ResourceRecord: { Name: '_x.example.com.', Type: 'CNAME', Value: '_y.acm-validations.aws.' },
          },
        ],
        KeyAlgorithm: 'RSA-2048' as never,
        Type: 'AMAZON_ISSUED',
        Status: 'ISSUED',
        NotAfter: new Date('2027-12-01T00:00:00.000Z'),
        NotBefore: new Date('2026-12-01T00:00:00.000Z'),
        RenewalEligibility: 'ELIGIBLE',
        Options: { CertificateTransparencyLoggingPreference: 'ENABLED' },
      },
      tags: [{ Key: 'team', Value: 'platform' }],
    },
    scope,
  );
  assert.equal(o.id, ARN);
  assert.deepEqual(o.attributes, {
    id: ARN,
    arn: ARN,
    domain_name: 'example.com',
    subject_alternative_names: ['example.com', 'www.example.com'],
    certificate_authority_arn: undefined,
    key_algorithm: 'RSA_2048',
    type: 'AMAZON_ISSUED',
    status: 'ISSUED',
    not_after: '2027-12-01T00:00:00Z',
    not_before: '2026-12-01T00:00:00Z',
    renewal_eligibility: 'ELIGIBLE',
    renewal_summary: [],
    options: [{ certificate_transparency_logging_preference: 'ENABLED' }],
    domain_validation_options: [
      {
        domain_name: 'example.com',
        resource_record_name: '_x.example.com.',
        resource_record_type: 'CNAME',
        resource_record_value: '_y.acm-validations.aws.',
      },
    ],
    validation_emails: [],
    validation_method: 'DNS',
    tags: { team: 'platform' },
    tags_all: { team: 'platform' },
  });
});

test('an imported certificate has validation_method NONE; e-mail validation lists the addresses, no DNS records', () => {
  const imported = acmCertificate.observe(
    {
      certificate: {
        CertificateArn: ARN,
        DomainName: 'a.example',
        Type: 'IMPORTED',
        KeyAlgorithm: 'EC-prime256v1' as never,
      },
      tags: [],
    },
    scope,
  );
  assert.equal(imported.attributes['validation_method'], 'NONE');
  assert.equal(imported.attributes['key_algorithm'], 'EC_prime256v1');
  const email = acmCertificate.observe(
    {
      certificate: {
        CertificateArn: ARN,
        DomainName: 'b.example',
        Type: 'AMAZON_ISSUED',
        DomainValidationOptions: [
          { DomainName: 'b.example', ValidationMethod: 'EMAIL', ValidationEmails: ['admin@b.example'] },
        ],
        RenewalSummary: {
          RenewalStatus: 'PENDING_AUTO_RENEWAL',
          DomainValidationOptions: [],
          UpdatedAt: new Date('2026-12-01T10:00:00Z'),
        },
      },
      tags: [],
    },
    scope,
  );
  assert.equal(email.attributes['validation_method'], 'EMAIL');
  assert.deepEqual(email.attributes['validation_emails'], ['admin@b.example']);
  assert.deepEqual(email.attributes['domain_validation_options'], []);
  assert.deepEqual(email.attributes['renewal_summary'], [
    { renewal_status: 'PENDING_AUTO_RENEWAL', renewal_status_reason: undefined, updated_at: '2026-12-01T10:00:00Z' },
  ]);
});

test('aws_acm_certificate never observes the private key, body or chain: declared unread with the reason', () => {
  const paths = (acmCertificate.unread ?? []).map((u) => u.path);
  assert.deepEqual(paths, ['private_key', 'certificate_body', 'certificate_chain']);
  for (const item of observedItems) assert.equal('private_key' in item.attributes, false);
});

test('aws_acm_certificate revert puts the transparency logging preference back; prune deletes it', () => {
  const finding = {
    resource: { type: 'aws_acm_certificate', id: ARN, region: 'eu-west-1', address: 'x' },
    kind: 'policy',
    changes: [
      {
        path: 'options[0].certificate_transparency_logging_preference',
        recorded: 'ENABLED',
        observed: 'DISABLED',
        sensitive: false,
      },
    ],
  } as never;
  assert.deepEqual(acmCertificate.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'acm',
        operation: 'UpdateCertificateOptions',
        region: 'eu-west-1',
        input: { CertificateArn: ARN, Options: { CertificateTransparencyLoggingPreference: 'ENABLED' } },
      },
    ],
  });
  const prune = acmCertificate.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteCertificate');
});

test('every provider attribute of aws_acm_certificate is observed by these fixtures or declared with a reason', () => {
  assertAccounted(acmCertificate, observedItems);
});
