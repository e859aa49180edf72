/** ARN parsing, the ARN -> Terraform type table, and the ARN a recorded resource names. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArn, recordedArn, TERRAFORM_TYPE_BY_ARN, typeNameOfArn } from './arn.js';

const typeOf = (arn: string) => typeNameOfArn(parseArn(arn)!).type;

describe('existence tier: ARNs', () => {
  test('parses slash, colon, bare and slash-led resources', () => {
    assert.deepEqual(parseArn('arn:aws:ec2:eu-west-1:111111111111:customer-gateway/cgw-1'), {
      partition: 'aws',
      service: 'ec2',
      region: 'eu-west-1',
      account: '111111111111',
      resourceType: 'customer-gateway',
      resourceId: 'cgw-1',
    });
    assert.equal(parseArn('arn:aws:lambda:eu-west-1:1:function:f')?.resourceType, 'function');
    assert.equal(parseArn('arn:aws:lambda:eu-west-1:1:function:f')?.resourceId, 'f');
    // Names that contain ':' or '/' stay whole where the service has no resource type.
    assert.deepEqual(parseArn('arn:aws:sqs:eu-west-1:1:q/odd')?.resourceId, 'q/odd');
    assert.equal(parseArn('arn:aws:s3:::my-bucket')?.resourceType, '');
    assert.equal(parseArn('arn:aws:apigateway:eu-west-1::/restapis/abc')?.resourceType, 'restapis');
    assert.equal(parseArn('arn:aws-cn:ec2:cn-north-1:1:vpc/vpc-1')?.partition, 'aws-cn');
    for (const bad of ['', 'vpc-1', 'arn:aws:ec2', 'arn::ec2:r:a:vpc/1', 'arn:aws:ec2:r:a:'])
      assert.equal(parseArn(bad), undefined, bad);
  });

  test('maps known service/resource-type pairs to Terraform types, names the rest by ARN', () => {
    assert.equal(typeOf('arn:aws:ec2:eu-west-1:1:customer-gateway/cgw-1'), 'aws_customer_gateway');
    assert.equal(typeOf('arn:aws:ec2:eu-west-1:1:natgateway/nat-1'), 'aws_nat_gateway');
    assert.equal(typeOf('arn:aws:eks:eu-west-1:1:addon/c/vpc-cni/uuid'), 'aws_eks_addon');
    assert.equal(typeOf('arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/web/1'), 'aws_lb');
    assert.equal(typeOf('arn:aws:s3:::b'), 'aws_s3_bucket');
    assert.equal(typeOf('arn:aws:sqs:eu-west-1:1:q'), 'aws_sqs_queue');
    assert.equal(typeOf('arn:aws:logs:eu-west-1:1:log-group:/app'), 'aws_cloudwatch_log_group');
    assert.deepEqual(typeNameOfArn(parseArn('arn:aws:quicksight:eu-west-1:1:dashboard/d')!), {
      type: 'aws:quicksight:dashboard',
      terraform: false,
    });
  });

  test('every Terraform type the table names is a type of the provider schema', async () => {
    const { readFile } = await import('node:fs/promises');
    const schema = JSON.parse(await readFile('test/fixtures/provider-schema/aws-5.100.0.json', 'utf8')) as object;
    for (const type of Object.values(TERRAFORM_TYPE_BY_ARN)) assert.ok(type in schema, type);
  });

  test('a recorded resource names its ARN by attribute, by id, or derived from its id where the provider stores none', () => {
    const where = { account: '111111111111', region: 'eu-west-1' };
    assert.equal(
      recordedArn({
        type: 'aws_customer_gateway',
        id: 'cgw-1',
        attributes: { arn: 'arn:aws:ec2:r:1:customer-gateway/cgw-1' },
      }),
      'arn:aws:ec2:r:1:customer-gateway/cgw-1',
    );
    assert.equal(
      recordedArn({ type: 'aws_ecs_service', id: 'arn:aws:ecs:r:1:service/c/s', attributes: {} }),
      'arn:aws:ecs:r:1:service/c/s',
    );
    assert.equal(
      recordedArn({ type: 'aws_nat_gateway', id: 'nat-1', ...where, attributes: {} }),
      'arn:aws:ec2:eu-west-1:111111111111:natgateway/nat-1',
    );
    assert.equal(
      recordedArn({ type: 'aws_nat_gateway', id: 'nat-1', account: '1', region: 'cn-north-1', attributes: {} }),
      'arn:aws-cn:ec2:cn-north-1:1:natgateway/nat-1',
    );
    // No account: no derived ARN (it would be matched in the wrong account).
    assert.equal(recordedArn({ type: 'aws_nat_gateway', id: 'nat-1', region: 'eu-west-1', attributes: {} }), undefined);
    // A type with neither: nothing to look for.
    assert.equal(recordedArn({ type: 'aws_route', id: 'r-rtb-1', ...where, attributes: {} }), undefined);
  });
});
