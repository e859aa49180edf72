/**
 * What the existence tier concludes from tagging listings, and how the engine accounts for it:
 * seen -> existence (seen), not seen -> existence unknown (never missing), failed listing ->
 * unchecked, a tagged ARN no state names -> unmanaged with coverage existence, catalogue types never
 * reported twice.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { concludeExistence, EXISTENCE_TIER_SCOPE_TYPE, type TaggingListing } from './conclude.js';
import { detectDrift } from '../../../engine/engine.js';
import { recordedSnapshot, resource } from '../../../../test/support/engine-fixtures.js';
import type { Resource } from '../../../model/resource.js';

const AWS = 'provider["registry.terraform.io/hashicorp/aws"]';
const ACCOUNT = '111111111111';
const REGION = 'eu-west-1';
const arnOf = (kind: string, id: string, region = REGION) => `arn:aws:ec2:${region}:${ACCOUNT}:${kind}/${id}`;

function recorded(address: string, type: string, id: string, attributes: Record<string, unknown> = {}): Resource {
  return resource({ address, type, id, provider: AWS, account: ACCOUNT, region: REGION, attributes });
}

const cgw1 = recorded('aws_customer_gateway.a', 'aws_customer_gateway', 'cgw-1', {
  arn: arnOf('customer-gateway', 'cgw-1'),
});
const cgw2 = recorded('aws_customer_gateway.b', 'aws_customer_gateway', 'cgw-2', {
  arn: arnOf('customer-gateway', 'cgw-2'),
});
const nat = recorded('aws_nat_gateway.n', 'aws_nat_gateway', 'nat-1');
const vpc = recorded('aws_vpc.v', 'aws_vpc', 'vpc-1', { arn: arnOf('vpc', 'vpc-1') });
const route = recorded('aws_route.r', 'aws_route', 'r-rtb-1');

function conclude(listings: TaggingListing[], records: Resource[], observed: string[] = []) {
  return concludeExistence({
    recorded: records,
    catalogueTypes: new Set(['aws_vpc', 'aws_subnet']),
    observedIdentities: new Set(observed),
    listings,
    provider: AWS,
  });
}

function scan(listings: TaggingListing[], records: Resource[], observedIds: string[] = []) {
  const tier = conclude(listings, records, observedIds);
  return detectDrift({
    recorded: recordedSnapshot(records),
    observed: {
      layer: 'observed',
      resources: tier.resources,
      completeScopes: [],
      incompleteScopes: tier.incompleteScopes,
      existenceScopes: tier.existenceScopes,
    },
    semantics: () => undefined,
  });
}

describe('existence tier: conclusions', () => {
  const listing = (...arns: string[]): TaggingListing => ({ account: ACCOUNT, region: REGION, arns });

  test('seen -> existence seen; not listed -> existence unknown, never missing', () => {
    const out = scan([listing(arnOf('customer-gateway', 'cgw-1'), arnOf('natgateway', 'nat-1'))], [cgw1, cgw2, nat]);
    assert.equal(out.summary.existence, 3);
    assert.equal(out.summary.checked, 0);
    assert.deepEqual(
      out.accounting.existence.map((g) => [g.type, g.seen, g.unknown]),
      [
        ['aws_customer_gateway', 1, 1],
        ['aws_nat_gateway', 1, 0],
      ],
    );
    assert.deepEqual(out.findings, [], 'no missing, no unmanaged');
    assert.equal(out.summary.existenceCoverage, 2 / 3);
  });

  test('a failed listing -> unchecked with its reason, and the tier scope itself is incomplete', () => {
    const failed: TaggingListing = {
      account: ACCOUNT,
      region: REGION,
      failure: { reason: 'tag:GetResources was denied', code: 'access-denied', nextStep: 'grant tag:GetResources' },
    };
    const tier = conclude([failed], [cgw1]);
    assert.deepEqual(tier.resources, []);
    assert.deepEqual(tier.existenceScopes, []);
    assert.deepEqual(tier.incompleteScopes.map((s) => s.type).sort(), [
      'aws_customer_gateway',
      EXISTENCE_TIER_SCOPE_TYPE,
    ]);
    const out = scan([failed], [cgw1]);
    assert.equal(out.summary.unchecked, 1);
    assert.equal(out.accounting.unchecked[0]?.scope.code, 'access-denied');
    assert.deepEqual(out.findings, []);
  });

  test('a tagged ARN no state names -> unmanaged, coverage existence, by Terraform type or by ARN', () => {
    const stray = arnOf('customer-gateway', 'cgw-9');
    const exotic = `arn:aws:quicksight:${REGION}:${ACCOUNT}:dashboard/d1`;
    const out = scan([listing(arnOf('customer-gateway', 'cgw-1'), stray, exotic)], [cgw1]);
    assert.deepEqual(
      out.findings.map((f) => [f.kind, f.resource.type, f.resource.id, f.coverage]),
      [
        ['unmanaged', 'aws:quicksight:dashboard', exotic, 'existence'],
        ['unmanaged', 'aws_customer_gateway', stray, 'existence'],
      ].sort((x, y) => (x[1]! < y[1]! ? -1 : 1)),
    );
  });

  test('catalogue types are never reported by the tier: not recorded ones, not unmanaged ones, not observed ARNs', () => {
    const strayVpc = arnOf('vpc', 'vpc-9');
    // An ARN the table does not map but a catalogue listing observed (by its arn attribute).
    const observedElsewhere = `arn:aws:newsvc:${REGION}:${ACCOUNT}:thing/t1`;
    const tier = conclude([listing(arnOf('vpc', 'vpc-1'), strayVpc, observedElsewhere)], [vpc], [observedElsewhere]);
    assert.deepEqual(tier.resources, []);
    assert.deepEqual(tier.existenceScopes, [], 'a recorded catalogue type gets no existence scope');
  });

  test('a recorded ARN of any type is never unmanaged; types with no ARN stay not covered', () => {
    const out = scan([listing(arnOf('customer-gateway', 'cgw-1'))], [cgw1, route]);
    assert.deepEqual(out.findings, []);
    assert.equal(out.summary.notCovered, 1, 'aws_route has no ARN: the tier cannot see it');
  });

  test('a region outside the scan gives no scope; a global ARN is looked for in every listed region', () => {
    const elsewhere = recorded('aws_customer_gateway.x', 'aws_customer_gateway', 'cgw-3', {
      arn: arnOf('customer-gateway', 'cgw-3', 'us-west-2'),
    });
    const zone = resource({
      address: 'aws_route53_zone.z',
      type: 'aws_route53_zone',
      id: 'Z1',
      provider: AWS,
      attributes: { arn: 'arn:aws:route53:::hostedzone/Z1' },
    });
    const tier = conclude(
      [listing(), { account: ACCOUNT, region: 'us-east-1', arns: ['arn:aws:route53:::hostedzone/Z1'] }],
      [elsewhere, zone],
    );
    assert.deepEqual(
      tier.resources.map((r) => [r.type, r.id, r.region]),
      [['aws_route53_zone', 'Z1', undefined]],
    );
    assert.deepEqual(tier.existenceScopes, [{ type: 'aws_route53_zone', account: ACCOUNT, region: 'global' }]);
  });
});
