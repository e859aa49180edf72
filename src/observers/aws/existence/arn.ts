/**
 * ARNs for the existence tier: parsing, the Terraform type an ARN's `service:resource-type` names,
 * and the ARN of a recorded resource (its `arn` attribute, an ARN id, or derived from its id where
 * the provider stores no ARN). Pure; no SDK.
 *
 * Invariants:
 *   - an ARN maps to a Terraform type only where that mapping is one to one (`ec2:vpc` is aws_vpc);
 *     an ARN the table does not know keeps its ARN name (`aws:service:resource-type`), never a guess;
 *   - a derived ARN uses the resource's own account and region: a resource whose account is unknown
 *     has no derived ARN (it stays not covered rather than being matched in the wrong account).
 */

export interface ParsedArn {
  readonly partition: string;
  readonly service: string;
  /** Empty for global resources (IAM, Route 53, CloudFront, S3 buckets). */
  readonly region: string;
  /** Empty where the service leaves it out (S3 buckets, Route 53). */
  readonly account: string;
  /** `vpc` in `vpc/vpc-1`, `function` in `function:f`; empty where the ARN has none (`arn:aws:sqs:r:a:queue`). */
  readonly resourceType: string;
  readonly resourceId: string;
}

/** Splits an ARN, or undefined when the text is not one. */
export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !parts[1] || !parts[2]) return undefined;
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  const resource = parts.slice(5).join(':');
  if (resource === '') return undefined;
  // API Gateway: `arn:aws:apigateway:r::/restapis/id` (the resource starts with a slash).
  const trimmed = resource.startsWith('/') ? resource.slice(1) : resource;
  const cut = /[/:]/.exec(trimmed);
  const typed = cut !== null && !NO_RESOURCE_TYPE.has(service);
  return {
    partition,
    service,
    region,
    account,
    resourceType: typed ? trimmed.slice(0, cut.index) : '',
    resourceId: typed ? trimmed.slice(cut.index + 1) : trimmed,
  };
}

/** Services whose ARNs carry the resource name alone (`arn:aws:sqs:eu-west-1:1:queue-name`). */
const NO_RESOURCE_TYPE = new Set(['s3', 'sqs', 'sns']);

/**
 * `service:resource-type` -> Terraform type, for the ARNs the tagging API lists. Only one-to-one
 * mappings: `ec2:security-group` is an aws_security_group (aws_default_security_group records the
 * same ARN, but pairing is by the recorded type, so the name only labels unmanaged ones).
 */
export const TERRAFORM_TYPE_BY_ARN: Readonly<Record<string, string>> = {
  'acm:certificate': 'aws_acm_certificate',
  'apigateway:restapis': 'aws_api_gateway_rest_api',
  'apigateway:apis': 'aws_apigatewayv2_api',
  'athena:workgroup': 'aws_athena_workgroup',
  'autoscaling:autoScalingGroup': 'aws_autoscaling_group',
  'backup:backup-vault': 'aws_backup_vault',
  'backup:backup-plan': 'aws_backup_plan',
  'cloudformation:stack': 'aws_cloudformation_stack',
  'cloudfront:distribution': 'aws_cloudfront_distribution',
  'cloudtrail:trail': 'aws_cloudtrail',
  'cloudwatch:alarm': 'aws_cloudwatch_metric_alarm',
  'codedeploy:application': 'aws_codedeploy_app',
  'dynamodb:table': 'aws_dynamodb_table',
  'ec2:customer-gateway': 'aws_customer_gateway',
  'ec2:dhcp-options': 'aws_vpc_dhcp_options',
  'ec2:egress-only-internet-gateway': 'aws_egress_only_internet_gateway',
  'ec2:elastic-ip': 'aws_eip',
  'ec2:vpc-flow-log': 'aws_flow_log',
  'ec2:image': 'aws_ami',
  'ec2:instance': 'aws_instance',
  'ec2:internet-gateway': 'aws_internet_gateway',
  'ec2:key-pair': 'aws_key_pair',
  'ec2:launch-template': 'aws_launch_template',
  'ec2:natgateway': 'aws_nat_gateway',
  'ec2:network-acl': 'aws_network_acl',
  'ec2:network-interface': 'aws_network_interface',
  'ec2:placement-group': 'aws_placement_group',
  'ec2:prefix-list': 'aws_ec2_managed_prefix_list',
  'ec2:route-table': 'aws_route_table',
  'ec2:security-group': 'aws_security_group',
  'ec2:security-group-rule': 'aws_vpc_security_group_ingress_rule',
  'ec2:snapshot': 'aws_ebs_snapshot',
  'ec2:subnet': 'aws_subnet',
  'ec2:transit-gateway': 'aws_ec2_transit_gateway',
  'ec2:transit-gateway-attachment': 'aws_ec2_transit_gateway_vpc_attachment',
  'ec2:volume': 'aws_ebs_volume',
  'ec2:vpc': 'aws_vpc',
  'ec2:vpc-endpoint': 'aws_vpc_endpoint',
  'ec2:vpc-peering-connection': 'aws_vpc_peering_connection',
  'ec2:vpn-connection': 'aws_vpn_connection',
  'ec2:vpn-gateway': 'aws_vpn_gateway',
  'ecr:repository': 'aws_ecr_repository',
  'ecs:cluster': 'aws_ecs_cluster',
  'ecs:service': 'aws_ecs_service',
  'ecs:task-definition': 'aws_ecs_task_definition',
  'eks:addon': 'aws_eks_addon',
  'eks:cluster': 'aws_eks_cluster',
  'eks:nodegroup': 'aws_eks_node_group',
  'elasticache:cluster': 'aws_elasticache_cluster',
  'elasticache:parametergroup': 'aws_elasticache_parameter_group',
  'elasticache:replicationgroup': 'aws_elasticache_replication_group',
  'elasticache:subnetgroup': 'aws_elasticache_subnet_group',
  'elasticfilesystem:access-point': 'aws_efs_access_point',
  'elasticfilesystem:file-system': 'aws_efs_file_system',
  'elasticloadbalancing:listener': 'aws_lb_listener',
  'elasticloadbalancing:listener-rule': 'aws_lb_listener_rule',
  'elasticloadbalancing:loadbalancer': 'aws_lb',
  'elasticloadbalancing:targetgroup': 'aws_lb_target_group',
  'events:event-bus': 'aws_cloudwatch_event_bus',
  'events:rule': 'aws_cloudwatch_event_rule',
  'firehose:deliverystream': 'aws_kinesis_firehose_delivery_stream',
  'glue:job': 'aws_glue_job',
  'iam:instance-profile': 'aws_iam_instance_profile',
  'iam:oidc-provider': 'aws_iam_openid_connect_provider',
  'iam:policy': 'aws_iam_policy',
  'iam:role': 'aws_iam_role',
  'iam:user': 'aws_iam_user',
  'kafka:cluster': 'aws_msk_cluster',
  'kinesis:stream': 'aws_kinesis_stream',
  'kms:alias': 'aws_kms_alias',
  'kms:key': 'aws_kms_key',
  'lambda:function': 'aws_lambda_function',
  'logs:log-group': 'aws_cloudwatch_log_group',
  'rds:cluster': 'aws_rds_cluster',
  'rds:cluster-pg': 'aws_rds_cluster_parameter_group',
  'rds:db': 'aws_db_instance',
  'rds:og': 'aws_db_option_group',
  'rds:pg': 'aws_db_parameter_group',
  'rds:snapshot': 'aws_db_snapshot',
  'rds:subgrp': 'aws_db_subnet_group',
  'route53:hostedzone': 'aws_route53_zone',
  'route53:healthcheck': 'aws_route53_health_check',
  's3:': 'aws_s3_bucket',
  'secretsmanager:secret': 'aws_secretsmanager_secret',
  'sns:': 'aws_sns_topic',
  'sqs:': 'aws_sqs_queue',
  'ssm:parameter': 'aws_ssm_parameter',
  'ssm:document': 'aws_ssm_document',
  'states:activity': 'aws_sfn_activity',
  'states:stateMachine': 'aws_sfn_state_machine',
};

/** The name an unmanaged resource gets: its Terraform type where known, else `aws:service:resource-type`. */
export function typeNameOfArn(arn: ParsedArn): { type: string; terraform: boolean } {
  const key = `${arn.service}:${arn.resourceType}`;
  const known = TERRAFORM_TYPE_BY_ARN[key];
  if (known !== undefined) return { type: known, terraform: true };
  return { type: `aws:${key}`, terraform: false };
}

/**
 * Types whose state stores no `arn` although their id names an ARN of `ec2:<kind>/<id>` (checked
 * against the provider 5.100.0 schema in test/fixtures/provider-schema: these three have no `arn`).
 */
const DERIVED_EC2_KIND: Readonly<Record<string, string>> = {
  aws_nat_gateway: 'natgateway',
  aws_vpc_peering_connection: 'vpc-peering-connection',
  aws_egress_only_internet_gateway: 'egress-only-internet-gateway',
};

export interface RecordedForArn {
  readonly type: string;
  readonly id?: string;
  readonly account?: string;
  readonly region?: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** The ARN a recorded resource names: its `arn` attribute, an ARN id, or one derived from its id. */
export function recordedArn(resource: RecordedForArn): string | undefined {
  const arn = resource.attributes['arn'];
  if (typeof arn === 'string' && parseArn(arn)) return arn;
  if (resource.id !== undefined && parseArn(resource.id)) return resource.id;
  const kind = DERIVED_EC2_KIND[resource.type];
  if (kind === undefined || resource.id === undefined || resource.id === '') return undefined;
  if (resource.account === undefined || resource.region === undefined) return undefined;
  return `arn:${partitionOf(resource.region)}:ec2:${resource.region}:${resource.account}:${kind}/${resource.id}`;
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
