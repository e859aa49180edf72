/**
 * Edge-facing types on the emulator: ACM certificates, created with the SDK and observed through
 * aws_acm_certificate (every key type listed, one describe and one tag read per certificate).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACMClient, RequestCertificateCommand } from '@aws-sdk/client-acm';
import { observeAws } from '../src/observers/aws/observe.js';
import { useMoto } from './aws-support.js';

const env = useMoto();

test('aws_acm_certificate: listed with every key type, described and tagged per certificate, the ARN as id', async () => {
  const acm = new ACMClient(env.moto.clientConfig('eu-west-1'));
  const arn =
    (
      await acm.send(
        new RequestCertificateCommand({
          DomainName: 'example.com',
          SubjectAlternativeNames: ['example.com', 'www.example.com'],
          ValidationMethod: 'DNS',
          KeyAlgorithm: 'EC_prime256v1',
          Tags: [{ Key: 'team', Value: 'platform' }],
        }),
      )
    ).CertificateArn ?? '';

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_acm_certificate'] });
  const cert = snapshot.resources.find((r) => r.type === 'aws_acm_certificate' && r.id === arn);
  assert.ok(cert, 'the certificate is observed by its ARN');
  assert.equal(cert.attributes['domain_name'], 'example.com');
  assert.deepEqual([...(cert.attributes['subject_alternative_names'] as string[])].sort(), [
    'example.com',
    'www.example.com',
  ]);
  assert.equal(cert.attributes['type'], 'AMAZON_ISSUED');
  assert.deepEqual(cert.attributes['tags'], { team: 'platform' });
  assert.equal('private_key' in cert.attributes, false);
  assert.equal(apiCalls['acm:ListCertificates'], 1);
  assert.equal(apiCalls['acm:DescribeCertificate'], 1);
  assert.equal(apiCalls['acm:ListTagsForCertificate'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});
