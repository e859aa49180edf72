/**
 * The cases of the Terraform differential test (test/terraform-oracle.test.ts): per catalogue type,
 * a small configuration the AWS provider applies on the emulator and one console-style change made
 * with the SDK. Grow this list; record what the provider cannot do on the emulator, and every known
 * difference with its reason (docs/terraform-oracle.md keeps the table).
 */
import {
  CreateTagsCommand,
  EC2Client,
  AuthorizeSecurityGroupIngressCommand,
  ModifySubnetAttributeCommand,
  ModifyVolumeCommand,
} from '@aws-sdk/client-ec2';
import { IAMClient, TagUserCommand, UpdateRoleCommand } from '@aws-sdk/client-iam';
import { KMSClient, UpdateKeyDescriptionCommand } from '@aws-sdk/client-kms';
import { PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import type { Moto } from './moto.js';

export const REGION = 'us-east-1';

export interface OracleCase {
  readonly type: string;
  /** The address the case's resource has in the configuration. */
  readonly address: string;
  readonly hcl: string;
  /** What the console-style change does (for the table). */
  readonly change: string;
  /** Makes the change with the SDK, given the attributes Terraform recorded. */
  mutate(moto: Moto, recorded: Record<string, unknown>): Promise<void>;
}

const ec2 = (moto: Moto) => new EC2Client(moto.clientConfig(REGION));
const id = (recorded: Record<string, unknown>) => String(recorded['id']);
const tagged = (moto: Moto, resource: string, value: string) =>
  ec2(moto).send(new CreateTagsCommand({ Resources: [resource], Tags: [{ Key: 'Name', Value: value }] }));

export const ORACLE_CASES: ReadonlyArray<OracleCase> = [
  {
    type: 'aws_vpc',
    address: 'aws_vpc.oracle',
    hcl: `resource "aws_vpc" "oracle" {\n  cidr_block = "10.40.0.0/16"\n  tags = { Name = "oracle" }\n}`,
    change: 'Name tag edited',
    mutate: async (moto, r) => void (await tagged(moto, id(r), 'console')),
  },
  {
    type: 'aws_subnet',
    address: 'aws_subnet.oracle',
    hcl: `resource "aws_subnet" "oracle" {\n  vpc_id = aws_vpc.oracle.id\n  cidr_block = "10.40.1.0/24"\n  availability_zone = "us-east-1a"\n}`,
    change: 'public IPs on launch turned on',
    mutate: async (moto, r) =>
      void (await ec2(moto).send(
        new ModifySubnetAttributeCommand({ SubnetId: id(r), MapPublicIpOnLaunch: { Value: true } }),
      )),
  },
  {
    type: 'aws_security_group',
    address: 'aws_security_group.oracle',
    hcl: [
      'resource "aws_security_group" "oracle" {',
      '  name = "oracle"',
      '  description = "oracle"',
      '  vpc_id = aws_vpc.oracle.id',
      '  ingress {\n    from_port = 443\n    to_port = 443\n    protocol = "tcp"\n    cidr_blocks = ["10.0.0.0/8"]\n  }',
      '  egress {\n    from_port = 0\n    to_port = 0\n    protocol = "-1"\n    cidr_blocks = ["0.0.0.0/0"]\n  }',
      '}',
    ].join('\n'),
    change: 'SSH from anywhere added',
    mutate: async (moto, r) =>
      void (await ec2(moto).send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: id(r),
          IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        }),
      )),
  },
  {
    type: 'aws_ebs_volume',
    address: 'aws_ebs_volume.oracle',
    hcl: `resource "aws_ebs_volume" "oracle" {\n  availability_zone = "us-east-1a"\n  size = 8\n  tags = { Name = "oracle" }\n}`,
    change: 'grown to 16 GiB',
    mutate: async (moto, r) => void (await ec2(moto).send(new ModifyVolumeCommand({ VolumeId: id(r), Size: 16 }))),
  },
  {
    type: 'aws_s3_bucket',
    address: 'aws_s3_bucket.oracle',
    hcl: `resource "aws_s3_bucket" "oracle" {\n  bucket = "dw-oracle-bucket"\n  tags = { Team = "a" }\n}`,
    change: 'Team tag edited',
    mutate: async (moto, r) =>
      void (await new S3Client(moto.clientConfig(REGION)).send(
        new PutBucketTaggingCommand({ Bucket: id(r), Tagging: { TagSet: [{ Key: 'Team', Value: 'b' }] } }),
      )),
  },
  {
    type: 'aws_iam_role',
    address: 'aws_iam_role.oracle',
    hcl: [
      'resource "aws_iam_role" "oracle" {',
      '  name = "dw-oracle"',
      '  description = "oracle"',
      '  assume_role_policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]',
      '  })',
      '}',
    ].join('\n'),
    change: 'description edited',
    mutate: async (moto, r) =>
      void (await new IAMClient(moto.clientConfig(REGION)).send(
        new UpdateRoleCommand({ RoleName: id(r), Description: 'console' }),
      )),
  },
  {
    type: 'aws_iam_user',
    address: 'aws_iam_user.oracle',
    hcl: `resource "aws_iam_user" "oracle" {\n  name = "dw-oracle"\n}`,
    change: 'tag added',
    mutate: async (moto, r) =>
      void (await new IAMClient(moto.clientConfig(REGION)).send(
        new TagUserCommand({ UserName: id(r), Tags: [{ Key: 'Owner', Value: 'console' }] }),
      )),
  },
  {
    type: 'aws_kms_key',
    address: 'aws_kms_key.oracle',
    hcl: `resource "aws_kms_key" "oracle" {\n  description = "oracle"\n  deletion_window_in_days = 7\n}`,
    change: 'description edited',
    mutate: async (moto, r) =>
      void (await new KMSClient(moto.clientConfig(REGION)).send(
        new UpdateKeyDescriptionCommand({ KeyId: id(r), Description: 'console' }),
      )),
  },
];

/** Types whose comparison differs from Terraform's, with the reason (kept in docs/terraform-oracle.md). */
export const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {};
