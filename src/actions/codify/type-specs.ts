/**
 * How each resource type is written as code: the provider arguments a resource block needs so that
 * `terraform plan` after the import shows no change (required arguments and the meaningful
 * optional ones), in the order a person would write them. Computed-only attributes (arn, id,
 * owner_id, ...) and secrets are never listed. Values equal to the provider's default are left out.
 *
 * This belongs in the catalogue entries ("how to write it as code", DESIGN.md); it lives here until
 * the catalogue grows a `codify` field, so that the catalogue owner can move it in one step.
 */

export interface ArgumentSpec {
  readonly name: string;
  /** Written even when empty. */
  readonly required?: boolean;
  /** The provider's default: a value equal to it is not written. */
  readonly default?: unknown;
  /** A JSON document (IAM policy): written as `jsonencode(...)`. */
  readonly json?: boolean;
  /** A list of objects written as repeated nested blocks (`ingress { ... }`), with these fields. */
  readonly block?: ReadonlyArray<ArgumentSpec>;
  /** Written only when this holds for the resource's attributes (`iops` only for io1/io2/gp3). */
  readonly when?: (attributes: Readonly<Record<string, unknown>>) => boolean;
}

export interface CodifyTypeSpec {
  readonly type: string;
  readonly arguments: ReadonlyArray<ArgumentSpec>;
}

const tags: ArgumentSpec = { name: 'tags' };
const volumeTypeIs =
  (...types: string[]) =>
  (a: Readonly<Record<string, unknown>>): boolean =>
    types.includes(String(a['type']));

const ruleFields: ArgumentSpec[] = [
  { name: 'description', default: '' },
  { name: 'from_port', required: true },
  { name: 'to_port', required: true },
  { name: 'protocol', required: true },
  { name: 'cidr_blocks' },
  { name: 'ipv6_cidr_blocks' },
  { name: 'prefix_list_ids' },
  { name: 'security_groups' },
  { name: 'self', default: false },
];

const SPECS: ReadonlyArray<CodifyTypeSpec> = [
  {
    type: 'aws_ebs_volume',
    arguments: [
      { name: 'availability_zone', required: true },
      { name: 'size' },
      { name: 'type' },
      { name: 'iops', when: volumeTypeIs('io1', 'io2', 'gp3') },
      { name: 'throughput', when: volumeTypeIs('gp3') },
      { name: 'encrypted', default: false },
      { name: 'kms_key_id' },
      { name: 'snapshot_id' },
      { name: 'multi_attach_enabled', default: false },
      { name: 'outpost_arn' },
      tags,
    ],
  },
  {
    type: 'aws_security_group',
    arguments: [
      { name: 'name', required: true },
      // Always written: the provider's default ("Managed by Terraform") would force a replacement.
      { name: 'description', required: true },
      { name: 'vpc_id' },
      { name: 'ingress', block: ruleFields },
      { name: 'egress', block: ruleFields },
      tags,
    ],
  },
  { type: 'aws_s3_bucket', arguments: [{ name: 'bucket', required: true }, tags] },
  {
    type: 'aws_instance',
    arguments: [
      { name: 'ami', required: true },
      { name: 'instance_type', required: true },
      { name: 'subnet_id' },
      { name: 'vpc_security_group_ids' },
      { name: 'key_name' },
      { name: 'iam_instance_profile' },
      { name: 'tenancy', default: 'default' },
      { name: 'placement_group' },
      { name: 'ebs_optimized', default: false },
      { name: 'monitoring', default: false },
      { name: 'source_dest_check', default: true },
      tags,
    ],
  },
  {
    type: 'aws_vpc',
    arguments: [
      { name: 'cidr_block', required: true },
      { name: 'instance_tenancy', default: 'default' },
      { name: 'enable_dns_support', default: true },
      { name: 'enable_dns_hostnames', default: false },
      tags,
    ],
  },
  {
    type: 'aws_subnet',
    arguments: [
      { name: 'vpc_id', required: true },
      { name: 'cidr_block', required: true },
      { name: 'availability_zone' },
      { name: 'map_public_ip_on_launch', default: false },
      { name: 'assign_ipv6_address_on_creation', default: false },
      { name: 'ipv6_cidr_block' },
      tags,
    ],
  },
  { type: 'aws_internet_gateway', arguments: [{ name: 'vpc_id' }, tags] },
  { type: 'aws_eip', arguments: [{ name: 'domain', default: 'standard' }, tags] },
  {
    type: 'aws_iam_role',
    arguments: [
      { name: 'name', required: true },
      { name: 'path', default: '/' },
      { name: 'description' },
      { name: 'assume_role_policy', required: true, json: true },
      { name: 'max_session_duration', default: 3600 },
      { name: 'permissions_boundary' },
      tags,
    ],
  },
  {
    type: 'aws_iam_policy',
    arguments: [
      { name: 'name', required: true },
      { name: 'path', default: '/' },
      { name: 'description' },
      { name: 'policy', required: true, json: true },
      tags,
    ],
  },
  {
    type: 'aws_kms_key',
    arguments: [
      { name: 'description' },
      { name: 'key_usage', default: 'ENCRYPT_DECRYPT' },
      { name: 'customer_master_key_spec', default: 'SYMMETRIC_DEFAULT' },
      { name: 'is_enabled', default: true },
      { name: 'enable_key_rotation', default: false },
      { name: 'multi_region', default: false },
      { name: 'policy', json: true },
      tags,
    ],
  },
  {
    type: 'aws_autoscaling_group',
    arguments: [
      { name: 'name', required: true },
      { name: 'min_size', required: true },
      { name: 'max_size', required: true },
      { name: 'desired_capacity' },
      { name: 'vpc_zone_identifier' },
      { name: 'health_check_type', default: 'EC2' },
      { name: 'health_check_grace_period', default: 300 },
      { name: 'target_group_arns' },
      { name: 'launch_template', block: [{ name: 'id' }, { name: 'version' }] },
      {
        name: 'tag',
        block: [
          { name: 'key', required: true },
          { name: 'value', required: true },
          { name: 'propagate_at_launch', required: true },
        ],
      },
    ],
  },
];

const BY_TYPE = new Map(SPECS.map((spec) => [spec.type, spec]));

export function codifySpec(type: string): CodifyTypeSpec | undefined {
  return BY_TYPE.get(type);
}

/** The argument names of a type that may be written into a resource block (for patches that add one). */
export function writableArguments(type: string): ReadonlySet<string> {
  return new Set(
    codifySpec(type)
      ?.arguments.filter((a) => !a.block)
      .map((a) => a.name) ?? [],
  );
}
