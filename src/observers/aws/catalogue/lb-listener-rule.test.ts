import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Rule } from '@aws-sdk/client-elastic-load-balancing-v2';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { observedSnapshot, recordedSnapshot, resource } from '../../../../test/support/engine-fixtures.js';
import { detectDrift } from '../../../engine/engine.js';
import { semanticsLookup } from '../../../model/catalogue.js';
import { lbListenerRule } from './lb-listener-rule.js';

const observedItems = trackObservations(lbListenerRule);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
const LISTENER = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/alb/9945/9d07';
const ARN = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/alb/9945/9d07/87a5';
const TG = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/tg/e151';

// A DescribeRules element as the SDK returns it.
const rule: Rule = {
  RuleArn: ARN,
  Priority: '10',
  IsDefault: false,
  Actions: [{ Type: 'forward', TargetGroupArn: TG, Order: 1 }],
  Conditions: [
    { Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } },
    { Field: 'host-header', HostHeaderConfig: { Values: ['b.example.com', 'a.example.com'] } },
  ],
};

// What `terraform apply` with provider 5.100.0 wrote for such a rule (captured on the emulator).
const STATE = {
  action: [
    {
      authenticate_cognito: [],
      authenticate_oidc: [],
      fixed_response: [],
      forward: [],
      order: 1,
      redirect: [],
      target_group_arn: TG,
      type: 'forward',
    },
  ],
  arn: ARN,
  condition: [
    {
      host_header: [{ values: ['a.example.com', 'b.example.com'] }],
      http_header: [],
      http_request_method: [],
      path_pattern: [],
      query_string: [],
      source_ip: [],
    },
    {
      host_header: [],
      http_header: [],
      http_request_method: [],
      path_pattern: [{ values: ['/api/*'] }],
      query_string: [],
      source_ip: [],
    },
  ],
  id: ARN,
  listener_arn: LISTENER,
  priority: 10,
  tags: { team: 'platform' },
  tags_all: { team: 'platform' },
};

function scan(observed: Rule) {
  const o = lbListenerRule.observe(
    { item: observed, listenerArn: LISTENER, attributes: {}, tags: { team: 'platform' } },
    scope,
  );
  return detectDrift({
    recorded: recordedSnapshot([
      resource({
        address: 'aws_lb_listener_rule.r',
        type: 'aws_lb_listener_rule',
        id: ARN,
        ...scope,
        attributes: STATE,
      }),
    ]),
    observed: observedSnapshot(
      [resource({ address: 'live', type: 'aws_lb_listener_rule', id: o.id, ...scope, attributes: o.attributes })],
      [{ type: 'aws_lb_listener_rule', ...scope }],
    ),
    semantics: semanticsLookup([lbListenerRule]),
  });
}

test('aws_lb_listener_rule is observed as the provider stores it: the state terraform wrote shows no drift', () => {
  const o = lbListenerRule.observe({ item: rule, listenerArn: LISTENER, attributes: {}, tags: {} }, scope);
  assert.equal(o.id, ARN);
  assert.equal(o.attributes['priority'], 10);
  assert.equal(o.attributes['listener_arn'], LISTENER);
  assert.equal(o.noise, undefined);
  assert.deepEqual(scan(rule).findings, []);
});

test('a condition changed in the console is drift on the condition set', () => {
  const changed = structuredClone(rule);
  changed.Conditions![0] = { Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } };
  const out = scan(changed);
  assert.deepEqual(
    out.findings.flatMap((f) => f.changes.map((c) => c.path)),
    ['condition'],
  );
});

test('every condition field maps to its block; the listener default rule is noise', () => {
  const o = lbListenerRule.observe(
    {
      item: {
        RuleArn: ARN,
        Priority: 'default',
        IsDefault: true,
        Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain' } }],
        Conditions: [
          { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env', Values: ['prod'] } },
          { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET'] } },
          { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'v', Value: '1' }] } },
          { Field: 'source-ip', SourceIpConfig: { Values: ['10.0.0.0/8'] } },
        ],
      },
      listenerArn: LISTENER,
      attributes: {},
      tags: {},
    },
    scope,
  );
  assert.ok(o.noise?.includes('default_action'));
  assert.equal(o.attributes['priority'], undefined);
  const conditions = o.attributes['condition'] as Array<Record<string, unknown>>;
  assert.deepEqual(conditions[0]?.['http_header'], [{ http_header_name: 'X-Env', values: ['prod'] }]);
  assert.deepEqual(conditions[1]?.['http_request_method'], [{ values: ['GET'] }]);
  assert.deepEqual(conditions[2]?.['query_string'], [{ key: 'v', value: '1' }]);
  assert.deepEqual(conditions[3]?.['source_ip'], [{ values: ['10.0.0.0/8'] }]);
  assert.deepEqual(conditions[3]?.['host_header'], []);
});

test('aws_lb_listener_rule prune deletes the rule', () => {
  const finding = {
    resource: { type: 'aws_lb_listener_rule', id: ARN, region: 'eu-west-1', address: 'x' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  assert.deepEqual(lbListenerRule.prune!.plan(finding, ctx), {
    calls: [{ service: 'elbv2', operation: 'DeleteRule', region: 'eu-west-1', input: { RuleArn: ARN } }],
  });
});

test('every provider attribute of aws_lb_listener_rule is observed by these fixtures or declared with a reason', () => {
  assertAccounted(lbListenerRule, observedItems);
});
