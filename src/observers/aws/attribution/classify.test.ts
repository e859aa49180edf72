import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyVia, isConsole, principalNames, principalOf, roleArnOfSession } from './classify.js';

const pipeline = new Set(['arn:aws:iam::123456789012:role/ci-deploy', 'arn:aws:iam::123456789012:user/jenkins']);

test('console: the console user agents, and console session credentials whatever the agent', () => {
  assert.equal(isConsole({ userAgent: 'console.amazonaws.com' }), true);
  assert.equal(isConsole({ userAgent: 'signin.amazonaws.com' }), true);
  assert.equal(isConsole({ userAgent: 'AWS Internal', sessionCredentialFromConsole: 'true' }), true);
  assert.equal(isConsole({ userAgent: '[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.720]' }), true);
  assert.equal(
    isConsole({ userAgent: 'AWS Internal' }),
    false,
    'AWS Internal alone is a service acting, not a console',
  );
  assert.equal(isConsole({ userAgent: 'aws-cli/2.15.40 md/command#ec2.authorize-security-group-ingress' }), false);
});

test('pipeline: the principal ARN, the assumed role without its path, or the session issuer with its path', () => {
  assert.equal(
    classifyVia(
      { userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/jenkins' }, userAgent: 'aws-sdk-go-v2' },
      pipeline,
    ),
    'pipeline',
  );
  assert.equal(
    classifyVia(
      {
        userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::123456789012:assumed-role/ci-deploy/run-42' },
        userAgent: 'Terraform/1.5.7',
      },
      pipeline,
    ),
    'pipeline',
  );
  assert.equal(
    classifyVia(
      {
        userIdentity: {
          type: 'AssumedRole',
          arn: 'arn:aws:sts::123456789012:assumed-role/deployer/run-1',
          sessionContext: { sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::123456789012:role/cicd/deployer' } },
        },
      },
      new Set(['arn:aws:iam::123456789012:role/cicd/deployer']),
    ),
    'pipeline',
  );
  assert.equal(
    classifyVia(
      { userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/bob' }, userAgent: 'aws-cli/2' },
      pipeline,
    ),
    'other',
  );
});

test('console wins over pipeline: the pipeline role used in the console is ClickOps', () => {
  assert.equal(
    classifyVia(
      {
        userIdentity: { arn: 'arn:aws:sts::123456789012:assumed-role/ci-deploy/jane' },
        userAgent: 'AWS Internal',
        sessionCredentialFromConsole: 'true',
      },
      pipeline,
    ),
    'console',
  );
});

test('principal names and the shown principal', () => {
  assert.equal(
    roleArnOfSession('arn:aws:sts::123456789012:assumed-role/ci-deploy/run-42'),
    'arn:aws:iam::123456789012:role/ci-deploy',
  );
  assert.equal(roleArnOfSession('arn:aws:iam::123456789012:user/bob'), undefined);
  assert.deepEqual(principalNames({ userIdentity: { arn: 'arn:aws:iam::123456789012:user/bob' } }), [
    'arn:aws:iam::123456789012:user/bob',
  ]);
  assert.equal(
    principalOf({ userIdentity: { type: 'AWSService', invokedBy: 'autoscaling.amazonaws.com' } }),
    'autoscaling.amazonaws.com',
  );
  assert.equal(principalOf({}), 'unknown');
});
