/**
 * The irreducible cost of observing the benchmark estate: the same Describe/List/Get calls the
 * scan makes for the same data (same operations, page sizes and inputs), made with the SDK's own
 * clients and paginators alone (default retry mode, no repositories, no memo, no error
 * classification, no mapping), with every listing in flight at once. Per-resource reads exist only
 * where the API has no bulk form, and run with the scan's per-scope fan-out (4), so both sides ask
 * the API for the same work and only the framework's overhead separates them. The listings live per
 * service in bench/bare/; `compareOperations` (checked by aws.bench.ts and a test against the
 * emulator) fails when an operation is made by one side and not the other, and BARE_COVERED names
 * the catalogue types the peer lists, so a new type shows up as "not covered by the peer".
 */
import type { ClientConfig } from './aws-populate.js';
import { BareRun } from './bare/common.js';
import { ec2Listings } from './bare/ec2.js';
import { iamListings } from './bare/iam.js';
import { dataListings, messagingListings, platformListings, route53Listings } from './bare/services.js';
import { classicElbListings, elbv2Listings, kmsListings, s3Listings } from './bare/storage.js';

/**
 * Operations that cost one call per resource in both the scan and the bare listing because the
 * API has no bulk form: `service:Operation` (as the scan's ApiCallCounter names them) → why.
 */
export const PER_RESOURCE_OPERATIONS: Readonly<Record<string, string>> = {
  's3:GetBucketTagging': 'S3 has no bulk read of bucket tags',
  's3:GetBucketPolicy': 'S3 has no bulk read of bucket policies',
  's3:GetBucketVersioning': 'S3 has no bulk read of versioning',
  's3:GetPublicAccessBlock': 'S3 has no bulk read of public access blocks',
  's3:GetBucketEncryption': 'S3 has no bulk read of default encryption',
  'elb:DescribeLoadBalancerAttributes': 'one classic load balancer per call',
  'elbv2:DescribeRules': 'needs a listener ARN',
  'ecs:ListServices': 'needs a cluster',
  's3:GetBucketOwnershipControls': 'S3 has no bulk read of ownership controls',
  's3:GetBucketCors': 'S3 has no bulk read of CORS rules',
  's3:GetBucketLogging': 'S3 has no bulk read of access logging',
  's3:GetBucketWebsite': 'S3 has no bulk read of website configurations',
  's3:GetBucketLocation': 'the emulator does not echo BucketRegion in ListBuckets (AWS does: 0 calls there)',
  'kms:DescribeKey': 'ListKeys returns ids only',
  'kms:GetKeyPolicy': 'one policy per key',
  'kms:GetKeyRotationStatus': 'one status per key',
  'kms:ListResourceTags': 'one tag list per key',
  'iam:ListPolicyTags': 'GetAccountAuthorizationDetails omits managed-policy tags',
  'iam:ListAccessKeys': 'access keys are listed per user',
  'elbv2:DescribeLoadBalancerAttributes': 'one load balancer per call',
  'elbv2:DescribeTargetGroupAttributes': 'one target group per call',
  'elbv2:DescribeTargetHealth': 'one target group per call',
  'elbv2:DescribeListeners': 'needs a load balancer ARN',
  'elbv2:DescribeTags': '20 ARNs per call (batched, not per resource)',
};

/**
 * The catalogue types whose observation calls the peer makes. A catalogue type missing here is
 * named by the benchmark as "not covered by the bare peer" (its calls are then missing from the
 * peer, and the operation check names them too).
 */
export const BARE_COVERED: ReadonlyArray<string> = [
  // EC2, Auto Scaling (bench/bare/ec2.ts)
  ...['aws_ami', 'aws_customer_gateway', 'aws_default_network_acl', 'aws_default_route_table'],
  ...['aws_default_security_group', 'aws_default_subnet', 'aws_default_vpc', 'aws_ebs_snapshot', 'aws_ebs_volume'],
  ...['aws_ec2_tag', 'aws_ec2_transit_gateway', 'aws_egress_only_internet_gateway', 'aws_eip', 'aws_eip_association'],
  ...['aws_flow_log', 'aws_instance', 'aws_internet_gateway', 'aws_key_pair', 'aws_launch_template', 'aws_nat_gateway'],
  ...['aws_network_acl', 'aws_network_acl_rule', 'aws_network_interface', 'aws_network_interface_attachment'],
  ...['aws_route', 'aws_route_table', 'aws_route_table_association', 'aws_security_group', 'aws_security_group_rule'],
  ...['aws_subnet', 'aws_volume_attachment', 'aws_vpc', 'aws_vpc_dhcp_options', 'aws_vpc_dhcp_options_association'],
  ...['aws_vpc_endpoint', 'aws_vpc_ipv4_cidr_block_association', 'aws_vpc_peering_connection'],
  ...['aws_vpc_security_group_egress_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpn_gateway'],
  ...['aws_autoscaling_group', 'aws_autoscaling_schedule'],
  // IAM (bench/bare/iam.ts)
  ...['aws_iam_access_key', 'aws_iam_group', 'aws_iam_group_membership', 'aws_iam_group_policy'],
  ...['aws_iam_group_policy_attachment', 'aws_iam_instance_profile', 'aws_iam_openid_connect_provider'],
  ...['aws_iam_policy', 'aws_iam_role', 'aws_iam_role_policy', 'aws_iam_role_policy_attachment'],
  ...['aws_iam_saml_provider', 'aws_iam_service_linked_role', 'aws_iam_user', 'aws_iam_user_policy'],
  'aws_iam_user_policy_attachment',
  // S3, KMS, ELBv2 (bench/bare/storage.ts)
  ...['aws_s3_bucket', 'aws_s3_bucket_policy', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_versioning'],
  ...['aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_ownership_controls'],
  ...['aws_elb', 'aws_lb_listener_rule', 'aws_ecs_service'],
  ...['aws_s3_bucket_cors_configuration', 'aws_s3_bucket_logging', 'aws_s3_bucket_website_configuration'],
  ...['aws_kms_alias', 'aws_kms_key', 'aws_lb', 'aws_lb_listener', 'aws_lb_target_group'],
  'aws_lb_target_group_attachment',
  // Other services, Route 53 (bench/bare/services.ts)
  ...['aws_acm_certificate', 'aws_api_gateway_rest_api', 'aws_cloudwatch_metric_alarm', 'aws_cloudwatch_log_group'],
  ...['aws_cloudwatch_event_rule', 'aws_dynamodb_table', 'aws_ecr_lifecycle_policy', 'aws_ecr_repository'],
  ...['aws_ecr_repository_policy', 'aws_ecs_cluster', 'aws_ecs_task_definition', 'aws_efs_file_system'],
  ...['aws_efs_mount_target', 'aws_elasticache_subnet_group', 'aws_kinesis_stream', 'aws_db_instance'],
  ...['aws_db_parameter_group', 'aws_db_subnet_group', 'aws_route53_health_check', 'aws_route53_record'],
  ...['aws_route53_zone', 'aws_secretsmanager_secret', 'aws_sfn_state_machine', 'aws_sns_topic'],
  ...['aws_sns_topic_policy', 'aws_sns_topic_subscription', 'aws_sqs_queue', 'aws_sqs_queue_policy'],
  'aws_ssm_parameter',
];

/** Catalogue types the peer does not list (their per-resource reads are not written yet), in order. */
export function notCoveredByPeer(catalogueTypes: ReadonlyArray<string>): string[] {
  const covered = new Set(BARE_COVERED);
  return catalogueTypes.filter((t) => !covered.has(t));
}

export interface OperationParity {
  /** Operations the scan made and the peer did not: work the peer is missing. */
  readonly onlyScan: string[];
  /** Operations the peer made and the scan did not: work the scan no longer does. */
  readonly onlyBare: string[];
  /** Operations both made, with different counts: `op (scan N, bare M)`. */
  readonly differentCounts: string[];
}

/**
 * Compares the scan's calls per operation with the peer's. The scan's sts:GetCallerIdentity
 * (resolving the account once) has no listing counterpart and is left out. Parity holds when the
 * first two lists are empty; count differences are reported (a listing racing a deletion may
 * differ by a read) and the benchmark's growth check judges them.
 */
export function compareOperations(
  scan: Readonly<Record<string, number>>,
  bare: Readonly<Record<string, number>>,
): OperationParity {
  const made = (calls: Readonly<Record<string, number>>) =>
    new Set(Object.keys(calls).filter((op) => (calls[op] ?? 0) > 0 && op !== 'sts:GetCallerIdentity'));
  const s = made(scan);
  const b = made(bare);
  return {
    onlyScan: [...s].filter((op) => !b.has(op)).sort(),
    onlyBare: [...b].filter((op) => !s.has(op)).sort(),
    differentCounts: [...s]
      .filter((op) => b.has(op) && scan[op] !== bare[op])
      .sort()
      .map((op) => `${op} (scan ${scan[op]}, bare ${bare[op]})`),
  };
}

/** One line naming what breaks parity, or undefined when both sides make the same operations. */
export function parityProblem(parity: OperationParity): string | undefined {
  const parts: string[] = [];
  if (parity.onlyScan.length) parts.push(`made by the scan, not the bare peer: ${parity.onlyScan.join(', ')}`);
  if (parity.onlyBare.length) parts.push(`made by the bare peer, not the scan: ${parity.onlyBare.join(', ')}`);
  return parts.length ? parts.join('; ') : undefined;
}

export interface BareListing {
  /** Items returned per listing (no mapping: a count proves the data arrived). */
  readonly items: number;
  /** API calls per `service:Operation`, counted like the scan's ApiCallCounter. */
  readonly apiCalls: Record<string, number>;
}

/**
 * Lists the whole estate in `config.region`, plus the global services (IAM, Route 53) once, as the
 * scan of one region does, returning item and call counts.
 */
export async function bareListing(config: ClientConfig): Promise<BareListing> {
  const run = new BareRun(config);
  try {
    const listings = [
      ...ec2Listings(run),
      ...iamListings(run),
      ...elbv2Listings(run),
      ...classicElbListings(run),
      ...s3Listings(run),
      ...kmsListings(run),
      ...messagingListings(run),
      ...dataListings(run),
      ...platformListings(run),
      ...route53Listings(run),
    ];
    const results = await Promise.all(listings);
    return {
      items: results.reduce((sum, list) => sum + list.length, 0),
      apiCalls: Object.fromEntries([...run.counts].sort(([a], [b]) => (a < b ? -1 : 1))),
    };
  } finally {
    run.destroy();
  }
}
