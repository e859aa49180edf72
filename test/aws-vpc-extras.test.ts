/**
 * More EC2/VPC types for issue 15 (breadth-net, session 3), on the emulator: each type's resources
 * are created through the SDK, then observed with the provider's ids and attributes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AssociateDhcpOptionsCommand,
  CreateDhcpOptionsCommand,
  CreateEgressOnlyInternetGatewayCommand,
  CreateVpcCommand,
  EC2Client,
  ImportKeyPairCommand,
} from '@aws-sdk/client-ec2';
import { observeAws } from '../src/observers/aws/observe.js';
import { useMoto } from './aws-support.js';

const env = useMoto();
const ec2 = (region = 'eu-west-1') => new EC2Client(env.moto.clientConfig(region));

async function vpc(cidr: string): Promise<string> {
  return (await ec2().send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId ?? '';
}

test('aws_egress_only_internet_gateway: the attached VPC and tags, one DescribeEgressOnlyInternetGateways', async () => {
  const vpcId = await vpc('10.40.0.0/16');
  const id =
    (
      await ec2().send(
        new CreateEgressOnlyInternetGatewayCommand({
          VpcId: vpcId,
          TagSpecifications: [{ ResourceType: 'egress-only-internet-gateway', Tags: [{ Key: 'Name', Value: 'v6' }] }],
        }),
      )
    ).EgressOnlyInternetGateway?.EgressOnlyInternetGatewayId ?? '';
  const { snapshot, apiCalls } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_egress_only_internet_gateway'],
  });
  const gateway = snapshot.resources.find((r) => r.type === 'aws_egress_only_internet_gateway' && r.id === id);
  assert.ok(gateway, 'the gateway is observed by its id');
  assert.deepEqual(gateway.attributes, { id, vpc_id: vpcId, tags: { Name: 'v6' }, tags_all: { Name: 'v6' } });
  assert.equal(apiCalls['ec2:DescribeEgressOnlyInternetGateways'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_key_pair: DescribeKeyPairs in one call, the ARN from the key name, the public key never read', async () => {
  const material = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO9zYHk7m2Ow0H9hBRWbZ0jzq5y1pX5w9gQk3hX0m2S0 test@x';
  await ec2().send(
    new ImportKeyPairCommand({
      KeyName: 'deploy-key',
      PublicKeyMaterial: new TextEncoder().encode(material),
      TagSpecifications: [{ ResourceType: 'key-pair', Tags: [{ Key: 'team', Value: 'ops' }] }],
    }),
  );
  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_key_pair'] });
  const key = snapshot.resources.find((r) => r.type === 'aws_key_pair' && r.id === 'deploy-key');
  assert.ok(key, 'the key pair is observed by its name');
  assert.equal(key.attributes['key_name'], 'deploy-key');
  assert.match(String(key.attributes['arn']), /^arn:aws:ec2:eu-west-1:\d{12}:key-pair\/deploy-key$/);
  assert.match(String(key.attributes['key_pair_id']), /^key-/);
  assert.notEqual(key.attributes['fingerprint'], '');
  assert.deepEqual(key.attributes['tags'], { team: 'ops' });
  assert.equal('public_key' in key.attributes, false);
  assert.equal(apiCalls['ec2:DescribeKeyPairs'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_vpc_dhcp_options and aws_vpc_dhcp_options_association: options as the provider stores them, one association per VPC', async () => {
  const vpcId = await vpc('10.41.0.0/16');
  const bare = await vpc('10.42.0.0/16');
  const optionsId =
    (
      await ec2().send(
        new CreateDhcpOptionsCommand({
          DhcpConfigurations: [
            { Key: 'domain-name', Values: ['corp.example'] },
            { Key: 'domain-name-servers', Values: ['10.41.0.2', '10.41.0.3'] },
          ],
        }),
      )
    ).DhcpOptions?.DhcpOptionsId ?? '';
  await ec2().send(new AssociateDhcpOptionsCommand({ DhcpOptionsId: optionsId, VpcId: vpcId }));

  const { snapshot, apiCalls, expectedUnmanaged } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_vpc_dhcp_options', 'aws_vpc_dhcp_options_association'],
  });
  const find = (type: string, id: string) => snapshot.resources.find((r) => r.type === type && r.id === id);
  const options = find('aws_vpc_dhcp_options', optionsId);
  assert.ok(options, 'the options set is observed');
  assert.equal(options.attributes['domain_name'], 'corp.example');
  assert.deepEqual(options.attributes['domain_name_servers'], ['10.41.0.2', '10.41.0.3']);
  assert.deepEqual(options.attributes['ntp_servers'], []);
  assert.equal(options.attributes['netbios_node_type'], '');

  const association = find('aws_vpc_dhcp_options_association', `${optionsId}-${vpcId}`);
  assert.ok(association, 'the association is observed under the provider id');
  assert.deepEqual(association.attributes, {
    id: `${optionsId}-${vpcId}`,
    dhcp_options_id: optionsId,
    vpc_id: vpcId,
  });
  assert.ok(!expectedUnmanaged.some((e) => e.address === association.address), 'a set associated by hand is not noise');
  // A VPC with no options set: observed, and noise with the reason.
  const none = snapshot.resources.find(
    (r) => r.type === 'aws_vpc_dhcp_options_association' && r.attributes['vpc_id'] === bare,
  );
  assert.ok(none, 'the VPC without options is observed too');
  assert.ok(expectedUnmanaged.some((e) => e.address === none.address && /no DHCP options set/.test(e.why)));

  assert.equal(apiCalls['ec2:DescribeVpcs'], 1, 'one VPC listing serves both types');
  assert.equal(apiCalls['ec2:DescribeDhcpOptions'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});
