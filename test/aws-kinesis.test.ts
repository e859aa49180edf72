/**
 * aws_kinesis_stream on the emulator. The SDK's Kinesis client defaults to HTTP/2, which moto does
 * not serve: Driftwarden's factory gives Kinesis an HTTP/1.1 handler (client.ts requestHandlerFor),
 * so the stream is read live, and a full scan never loses its Kinesis scope to the transport.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateStreamCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { observeAws } from '../src/observers/aws/observe.js';
import { MOTO_ACCOUNT } from './support/moto.js';
import { useMoto } from './aws-support.js';

const env = useMoto();

test('aws_kinesis_stream: ListStreams and DescribeStreamSummary answered over HTTP/1.1, the scope complete', async () => {
  const kinesis = new KinesisClient({ ...env.moto.clientConfig('eu-west-1'), requestHandler: new NodeHttpHandler() });
  await kinesis.send(new CreateStreamCommand({ StreamName: 'clicks', ShardCount: 2 }));

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_kinesis_stream'] });
  assert.deepEqual(snapshot.incompleteScopes, [], 'the Kinesis scope is observed, not failed on HTTP/2');
  const arn = `arn:aws:kinesis:eu-west-1:${MOTO_ACCOUNT}:stream/clicks`;
  const stream = snapshot.resources.find((r) => r.type === 'aws_kinesis_stream' && r.id === arn);
  assert.ok(stream, 'the stream is observed under its ARN');
  assert.equal(stream.attributes['name'], 'clicks');
  assert.equal(stream.attributes['shard_count'], 2);
  assert.equal(apiCalls['kinesis:ListStreams'], 1);
  assert.equal(apiCalls['kinesis:DescribeStreamSummary'], 1);
});
