/**
 * Identity and data services of the demo estate: an IAM role with a customer-managed policy
 * attached and an inline policy, an S3 bucket with versioning and a public access block, a KMS key
 * and a PostgreSQL DB instance, created as the Terraform AWS provider creates them and read back.
 */
import { randomBytes } from 'node:crypto';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  GetRoleCommand,
  PutRolePolicyCommand,
  type Policy,
  type Role,
} from '@aws-sdk/client-iam';
import { CreateKeyCommand, EnableKeyRotationCommand, GetKeyPolicyCommand, type KeyMetadata } from '@aws-sdk/client-kms';
import { CreateDBInstanceCommand, DescribeDBInstancesCommand, type DBInstance } from '@aws-sdk/client-rds';
import {
  CreateBucketCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import type { EstateContext } from './estate-aws.js';
import { tagList } from './estate-aws.js';

/**
 * Terraform's `jsonencode`: object keys in lexicographic order, no whitespace. Policies written
 * with jsonencode reach AWS and the state as exactly this text.
 */
export function jsonencode(value: unknown): string {
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sortKeys)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v as object)
              .sort()
              .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sortKeys(value));
}

export const ASSUME_ROLE_POLICY = jsonencode({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

export interface IdentityResources {
  readonly role: Role;
  readonly assumeRolePolicy: string;
  readonly policy: Policy;
  readonly policyDocument: string;
  readonly inlinePolicyName: string;
  readonly inlinePolicyDocument: string;
  /** The id the provider gives a created attachment: `<role>-<timestamp-based unique suffix>`. */
  readonly attachmentId: string;
}

export interface DataResources {
  readonly bucket: string;
  readonly kmsKey?: KeyMetadata;
  readonly kmsKeyPolicy?: string;
  readonly dbInstance?: DBInstance;
  /** The master password as Terraform keeps it in state (marked sensitive). Never print it. */
  readonly dbPassword?: string;
}

export async function createIdentity(context: EstateContext): Promise<IdentityResources> {
  const iam = context.clients.iam;
  const tags = tagList(context, { Name: 'app' });
  // aws_iam_role.app: assumed by EC2.
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'app',
      Path: '/',
      AssumeRolePolicyDocument: ASSUME_ROLE_POLICY,
      Description: 'App servers',
      MaxSessionDuration: 3600,
      Tags: tags,
    }),
  );
  // aws_iam_policy.app_logs + aws_iam_role_policy_attachment.app_logs.
  const policyDocument = jsonencode({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `arn:aws:logs:${context.region}:${context.account}:log-group:/app/*`,
      },
    ],
  });
  const policy = (
    await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'app-logs',
        Path: '/',
        Description: 'App servers write their logs',
        PolicyDocument: policyDocument,
        Tags: tags,
      }),
    )
  ).Policy;
  if (!policy?.Arn) throw new Error('the endpoint did not return the policy ARN');
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: policy.Arn }));
  // aws_iam_role_policy.app_artifacts: read the artifacts bucket.
  const inlinePolicyDocument = jsonencode({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::${bucketName(context)}/*` }],
  });
  await iam.send(
    new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'app-artifacts', PolicyDocument: inlinePolicyDocument }),
  );
  const role = (await iam.send(new GetRoleCommand({ RoleName: 'app' }))).Role;
  if (!role) throw new Error('the endpoint did not return the role');
  return {
    role,
    assumeRolePolicy: ASSUME_ROLE_POLICY,
    policy,
    policyDocument,
    inlinePolicyName: 'app-artifacts',
    inlinePolicyDocument,
    attachmentId: `app-${terraformUniqueSuffix()}`,
  };
}

/**
 * The provider's `id.UniqueId()`: a UTC timestamp (yyyyMMddHHmmssSS) and an 8-digit counter,
 * e.g. `20240517093015123400000001`.
 */
function terraformUniqueSuffix(): string {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:TZ.]/g, '')
    .slice(0, 16);
  return `${stamp}00000001`;
}

export function bucketName(context: EstateContext): string {
  return `driftwarden-demo-artifacts-${context.account}`;
}

/** aws_kms_key.data: created first, the data volume is encrypted with it. */
export async function createKmsKey(context: EstateContext): Promise<{ kmsKey: KeyMetadata; kmsKeyPolicy?: string }> {
  const kms = context.clients.kms;
  const key = (
    await kms.send(
      new CreateKeyCommand({
        Description: 'demo data key',
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeySpec: 'SYMMETRIC_DEFAULT',
        Tags: tagList(context, { Name: 'data' }).map((t) => ({ TagKey: t.Key, TagValue: t.Value })),
      }),
    )
  ).KeyMetadata;
  if (!key?.KeyId) throw new Error('the endpoint did not return the key id');
  await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
  const kmsKeyPolicy = (await kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default' }))).Policy;
  return { kmsKey: key, ...(kmsKeyPolicy !== undefined ? { kmsKeyPolicy } : {}) };
}

export async function createDataServices(
  context: EstateContext,
): Promise<Omit<DataResources, 'kmsKey' | 'kmsKeyPolicy'>> {
  const { s3, rds } = context.clients;
  // aws_s3_bucket.artifacts + aws_s3_bucket_versioning.artifacts + aws_s3_bucket_public_access_block.artifacts.
  const bucket = bucketName(context);
  await s3.send(
    new CreateBucketCommand({
      Bucket: bucket,
      CreateBucketConfiguration: { LocationConstraint: context.region as 'eu-west-1' },
    }),
  );
  await s3.send(
    new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: tagList(context, { Name: 'artifacts' }) } }),
  );
  await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: bucket,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    }),
  );

  // aws_db_instance.app: PostgreSQL, password from a random_password (kept in state, sensitive).
  const dbPassword = randomBytes(18).toString('base64url');
  await rds.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: 'app-db',
      DBInstanceClass: 'db.t3.micro',
      Engine: 'postgres',
      EngineVersion: '15.4',
      AllocatedStorage: 20,
      StorageType: 'gp2',
      DBName: 'app',
      MasterUsername: 'app',
      MasterUserPassword: dbPassword,
      BackupRetentionPeriod: 7,
      PubliclyAccessible: false,
      StorageEncrypted: false,
      Tags: tagList(context, { Name: 'app-db' }),
    }),
  );
  const dbInstance = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'app-db' })))
    .DBInstances?.[0];
  return {
    bucket,
    ...(dbInstance ? { dbInstance, dbPassword } : {}),
  };
}
