import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lbListener } from './lb-listener.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(lbListener);

const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_lb_listener maps port, protocol, certificate and default actions', () => {
  const o = lbListener.observe(
    {
      item: {
        ListenerArn: 'arn:listener/1',
        LoadBalancerArn: 'arn:lb/1',
        Port: 443,
        Protocol: 'HTTPS',
        SslPolicy: 'ELBSecurityPolicy-2016-08',
        Certificates: [{ CertificateArn: 'arn:cert' }],
        DefaultActions: [
          { Type: 'redirect', Order: 2, RedirectConfig: { Protocol: 'HTTPS', StatusCode: 'HTTP_301' } },
          { Type: 'forward', Order: 1, TargetGroupArn: 'arn:tg/1' },
        ],
      },
      attributes: {},
      tags: {},
    },
    scope,
  );
  assert.equal(o.id, 'arn:listener/1');
  assert.equal(o.attributes['certificate_arn'], 'arn:cert');
  const actions = o.attributes['default_action'] as Record<string, unknown>[];
  assert.deepEqual(
    actions.map((a) => a['type']),
    ['forward', 'redirect'],
    'ordered by Order',
  );
  assert.equal(actions[0]?.['target_group_arn'], 'arn:tg/1');
  assert.deepEqual((actions[1]?.['redirect'] as Record<string, string>[])[0], {
    host: '#{host}',
    path: '/#{path}',
    port: '#{port}',
    protocol: 'HTTPS',
    query: '#{query}',
    status_code: 'HTTP_301',
  });
});

test('aws_lb_listener: no Order means the action position (AWS numbers from 1); no TLS policy on an HTTP listener', () => {
  const o = lbListener.observe(
    {
      item: {
        ListenerArn: 'arn:l',
        Protocol: 'HTTP',
        Port: 80,
        SslPolicy: 'ELBSecurityPolicy-2016-08',
        DefaultActions: [{ Type: 'forward', TargetGroupArn: 'arn:tg' }],
      },
      attributes: {},
      tags: {},
    },
    scope,
  );
  assert.equal((o.attributes['default_action'] as Record<string, unknown>[])[0]?.['order'], 1);
  assert.equal(o.attributes['ssl_policy'], '');
  const https = lbListener.observe(
    {
      item: { ListenerArn: 'arn:l2', Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' },
      attributes: {},
      tags: {},
    },
    scope,
  );
  assert.equal(https.attributes['ssl_policy'], 'ELBSecurityPolicy-TLS13-1-2-2021-06');
});

test('every provider attribute of aws_lb_listener is observed by these fixtures or declared with a reason', () => {
  assertAccounted(lbListener, observedItems);
});
