import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { observeAws, type ObserveProgress } from '../src/observers/aws/observe.js';
import { MOTO_ACCOUNT } from './support/moto.js';
import { useMoto } from './aws-support.js';

const env = useMoto();
const OTHER_ACCOUNT = '111111111111';

/** An EC2 client acting in another moto account (moto keeps accounts apart by this header). */
function ec2InAccount(account: string, region: string): EC2Client {
  const client = new EC2Client(env.moto.clientConfig(region));
  client.middlewareStack.add(
    (next) => async (args) => {
      (args.request as { headers: Record<string, string> }).headers['x-moto-account-id'] = account;
      return next(args);
    },
    { step: 'build', name: 'motoAccount' },
  );
  return client;
}

async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const key of Object.keys(vars)) delete process.env[key];
  }
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('several regions in one scan: each resource carries its region, each region is its own complete scope', async () => {
  const west = (
    await new EC2Client(env.moto.clientConfig('eu-west-1')).send(new CreateVpcCommand({ CidrBlock: '10.10.0.0/16' }))
  ).Vpc?.VpcId;
  const east = (
    await new EC2Client(env.moto.clientConfig('us-east-1')).send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))
  ).Vpc?.VpcId;
  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1', 'us-east-1'], types: ['aws_vpc'] });
  assert.equal(snapshot.resources.find((r) => r.id === west)?.region, 'eu-west-1');
  assert.equal(snapshot.resources.find((r) => r.id === east)?.region, 'us-east-1');
  assert.equal(snapshot.resources.find((r) => r.id === east)?.attributes['cidr_block'], '10.20.0.0/16');
  assert.deepEqual(
    snapshot.completeScopes.map((s) => s.region),
    ['eu-west-1', 'us-east-1'],
  );
  assert.equal(apiCalls['ec2:DescribeVpcs'], 2, 'one listing per region');
});

test('two accounts: the caller and a role assumed through STS in 111111111111 are observed apart', async () => {
  const own = (await ec2InAccount(MOTO_ACCOUNT, 'eu-west-1').send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16' })))
    .Vpc?.VpcId;
  const other = (
    await ec2InAccount(OTHER_ACCOUNT, 'eu-west-1').send(new CreateVpcCommand({ CidrBlock: '10.40.0.0/16' }))
  ).Vpc?.VpcId;
  const { snapshot, apiCalls } = await observeAws({
    accounts: [{}, { roleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/driftwarden-scan` }],
    regions: ['eu-west-1'],
    types: ['aws_vpc'],
  });
  const ownVpc = snapshot.resources.find((r) => r.id === own);
  const otherVpc = snapshot.resources.find((r) => r.id === other);
  assert.equal(ownVpc?.account, MOTO_ACCOUNT);
  assert.equal(otherVpc?.account, OTHER_ACCOUNT);
  assert.equal(otherVpc?.attributes['owner_id'], OTHER_ACCOUNT);
  assert.ok(
    !snapshot.resources.some((r) => r.id === other && r.account === MOTO_ACCOUNT),
    'the other account is not visible from the own account',
  );
  assert.deepEqual(snapshot.completeScopes.map((s) => s.account).sort(), [OTHER_ACCOUNT, MOTO_ACCOUNT].sort());
  assert.equal(apiCalls['sts:AssumeRole'], 1);
});

test('one service failing (endpoint down) marks exactly its scopes incomplete with the reason; the others complete', async () => {
  const closed = createServer();
  const deadEndpoint = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
  await new EC2Client(env.moto.clientConfig()).send(new CreateVpcCommand({ CidrBlock: '10.50.0.0/16' }));
  const events: string[] = [];
  const progress: ObserveProgress = {
    start: (task) => events.push(`start ${task}`),
    advance: () => undefined,
    fail: (task, reason) => events.push(`fail ${task} ${reason}`),
    finish: (task) => events.push(`finish ${task}`),
  };

  const { snapshot } = await withEnv({ AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: deadEndpoint }, () =>
    observeAws({ regions: ['eu-west-1'], types: ['aws_vpc', 'aws_lb', 'aws_lb_target_group'], progress }),
  );

  assert.deepEqual(snapshot.completeScopes, [{ type: 'aws_vpc', account: MOTO_ACCOUNT, region: 'eu-west-1' }]);
  assert.deepEqual(
    snapshot.incompleteScopes.map((s) => [s.type, s.code]),
    [
      ['aws_lb', 'endpoint'],
      ['aws_lb_target_group', 'endpoint'],
    ],
  );
  assert.match(
    snapshot.incompleteScopes[0]?.reason ?? '',
    /elasticloadbalancing:DescribeLoadBalancers endpoint unreachable/,
  );
  assert.ok(
    snapshot.resources.some((r) => r.type === 'aws_vpc'),
    'the healthy service was still observed',
  );
  assert.ok(events.some((e) => e.startsWith(`fail ${MOTO_ACCOUNT}/eu-west-1/aws_lb `)));
  assert.ok(events.includes(`finish ${MOTO_ACCOUNT}/eu-west-1/aws_vpc`));
});

test('a listing throttled past its retries is retried, then marks its scope `throttled`; it never hangs', async () => {
  let requests = 0;
  const throttling = createServer((req, res) => {
    requests++;
    req.resume();
    res.writeHead(503, { 'content-type': 'text/xml' });
    res.end(
      '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r-1</RequestID></Response>',
    );
  });
  const endpoint = await listen(throttling);
  try {
    const { snapshot } = await withEnv({ AWS_ENDPOINT_URL_EC2: endpoint }, () =>
      observeAws({ regions: ['eu-west-1'], types: ['aws_vpc', 'aws_autoscaling_group'], maxAttempts: 3 }),
    );
    assert.deepEqual(
      snapshot.incompleteScopes.map((s) => [s.type, s.code]),
      [['aws_vpc', 'throttled']],
    );
    assert.match(
      snapshot.incompleteScopes[0]?.reason ?? '',
      /ec2:DescribeVpcs throttled past its retries \(RequestLimitExceeded, HTTP 503\)/,
    );
    assert.deepEqual(
      snapshot.completeScopes.map((s) => s.type),
      ['aws_autoscaling_group'],
    );
    assert.equal(requests, 3, 'the SDK retried the throttled call up to maxAttempts');
  } finally {
    await new Promise((resolve) => throttling.close(resolve));
  }
});

test('unusable credentials mark every scope of that account incomplete instead of failing the scan', async () => {
  const { snapshot } = await observeAws({
    accounts: [{ profile: 'driftwarden-no-such-profile' }],
    regions: ['eu-west-1'],
    types: ['aws_vpc'],
  });
  assert.equal(snapshot.resources.length, 0);
  assert.deepEqual(snapshot.completeScopes, []);
  assert.equal(snapshot.incompleteScopes.length, 1);
  assert.equal(snapshot.incompleteScopes[0]?.type, 'aws_vpc');
  assert.match(snapshot.incompleteScopes[0]?.reason ?? '', /sts:GetCallerIdentity/);
});

test('tag filters keep only resources carrying every filter tag', async () => {
  const ec2 = new EC2Client(env.moto.clientConfig());
  await ec2.send(
    new CreateVpcCommand({
      CidrBlock: '10.60.0.0/16',
      TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'team', Value: 'core' }] }],
    }),
  );
  await ec2.send(
    new CreateVpcCommand({
      CidrBlock: '10.61.0.0/16',
      TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'team', Value: 'data' }] }],
    }),
  );
  const { snapshot } = await observeAws({ regions: ['eu-west-1'], types: ['aws_vpc'], tagFilters: { team: 'core' } });
  assert.deepEqual(
    snapshot.resources.map((r) => r.attributes['cidr_block']),
    ['10.60.0.0/16'],
  );
});
