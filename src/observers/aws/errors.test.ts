import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AccessDeniedError, AwsApiError, classifyAwsError, classifyAwsFailure, ThrottledError } from './errors.js';
import { DriftwardenError } from '../../model/errors.js';

const sdkError = (name: string, status?: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error('message text is never read'), {
    name,
    $metadata: status === undefined ? {} : { httpStatusCode: status },
    ...extra,
  });

test('classifies by error name and HTTP status, never by message', () => {
  assert.equal(classifyAwsFailure(sdkError('UnauthorizedOperation', 403)), 'access-denied');
  assert.equal(classifyAwsFailure(sdkError('AccessDenied')), 'access-denied');
  assert.equal(classifyAwsFailure(sdkError('SomethingNew', 403)), 'access-denied');
  assert.equal(classifyAwsFailure(sdkError('RequestLimitExceeded', 503)), 'throttled');
  assert.equal(classifyAwsFailure(sdkError('Throttling', 400)), 'throttled');
  assert.equal(classifyAwsFailure(sdkError('Whatever', 429)), 'throttled');
  assert.equal(classifyAwsFailure(sdkError('NotImplemented', 501)), 'unsupported');
  assert.equal(classifyAwsFailure(sdkError('Unknown', 501)), 'unsupported');
  assert.equal(classifyAwsFailure(sdkError('Error', undefined, { code: 'ECONNREFUSED' })), 'endpoint');
  assert.equal(classifyAwsFailure(sdkError('TimeoutError')), 'timeout');
  assert.equal(classifyAwsFailure(sdkError('CallDeadlineExceeded')), 'timeout');
  // The SDK's AbortError carries our deadline or stop error as its cause.
  assert.equal(
    classifyAwsFailure(sdkError('AbortError', undefined, { cause: sdkError('ScanDeadlineExceeded') })),
    'timeout',
  );
  assert.equal(classifyAwsFailure(sdkError('AbortError', undefined, { cause: sdkError('ScanStopped') })), 'stopped');
  // A 2xx the SDK could not read, or one without a request id: not an answer of the API.
  assert.equal(classifyAwsFailure(sdkError('UnattributableResponse', 200)), 'unattributable');
  assert.equal(classifyAwsFailure(sdkError('SyntaxError', 200)), 'unattributable');
  assert.equal(classifyAwsFailure(sdkError('SlowDown', 200)), 'throttled', 'a named error wins over its status');
  assert.equal(classifyAwsFailure(sdkError('InternalError', 500)), 'error');
  assert.equal(
    classifyAwsFailure(Object.assign(new Error('Access Denied, Rate exceeded'), { name: 'Error' })),
    'error',
  );
  assert.equal(classifyAwsFailure('not even an error'), 'error');
});

test('a classified error carries scope, action, a secret-free reason and a next step', () => {
  const scope = { account: '123456789012', region: 'eu-west-1' };
  const err = classifyAwsError(sdkError('UnauthorizedOperation', 403), {
    scope,
    action: 'ec2:DescribeVolumes',
    type: 'aws_ebs_volume',
  });
  assert.ok(err instanceof AccessDeniedError);
  assert.ok(err instanceof DriftwardenError);
  assert.equal(err.code, 'aws.access-denied');
  assert.equal(err.kind, 'access-denied');
  assert.deepEqual(err.scope, scope);
  assert.equal(err.reason, 'ec2:DescribeVolumes access denied (UnauthorizedOperation, HTTP 403)');
  assert.doesNotMatch(err.reason, /message text/);
  assert.match(err.details.nextStep ?? '', /grant ec2:DescribeVolumes/);
  assert.equal(classifyAwsError(err, { scope, action: 'other' }), err, 'classification is idempotent');
  const throttled = classifyAwsError(sdkError('Throttling', 400), { scope, action: 'ec2:DescribeVpcs' });
  assert.ok(throttled instanceof ThrottledError);
  assert.ok(throttled instanceof AwsApiError);
  assert.equal(throttled.code, 'aws.throttled');
});
