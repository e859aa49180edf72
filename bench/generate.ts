/**
 * Synthetic estates for the benchmark: a Terraform state v4 text and an observed listing text of
 * the same N resources (~20 attributes each), with a fixed share drifted. Deterministic for a seed.
 * Drift is a mix of what the engine meets: a changed scalar, a hand-added tag, an added
 * security-group rule, an IAM policy rewritten. Non-drift noise (reordered sets, re-serialised
 * policies, tags via tags_all) is added everywhere, so the engine's normalisers are exercised.
 */

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

function instanceAttributes(i: number): Record<string, unknown> {
  return {
    id: `i-${i.toString(16).padStart(17, '0')}`,
    arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-${i.toString(16).padStart(17, '0')}`,
    ami: 'ami-0abcdef1234567890',
    instance_type: 't3.micro',
    availability_zone: `${REGION}a`,
    subnet_id: `subnet-${(i % 64).toString(16).padStart(8, '0')}`,
    vpc_security_group_ids: [`sg-${(i % 32).toString(16).padStart(8, '0')}`, 'sg-00000000'],
    key_name: 'deploy',
    monitoring: false,
    ebs_optimized: true,
    private_ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    public_ip: '',
    source_dest_check: true,
    tenancy: 'default',
    iam_instance_profile: 'app',
    root_block_device: [{ volume_size: 20, volume_type: 'gp3', encrypted: true, delete_on_termination: true }],
    metadata_options: [{ http_tokens: 'required', http_endpoint: 'enabled', http_put_response_hop_limit: 2 }],
    tags: { Name: `web-${i}`, Service: 'shop' },
    tags_all: { Name: `web-${i}`, Service: 'shop', Team: 'platform' },
    user_data: null,
  };
}

function securityGroupAttributes(i: number): Record<string, unknown> {
  const rule = (port: number, cidr: string) => ({
    from_port: port,
    to_port: port,
    protocol: 'tcp',
    cidr_blocks: [cidr],
    ipv6_cidr_blocks: [],
    prefix_list_ids: [],
    security_groups: [],
    self: false,
    description: '',
  });
  return {
    id: `sg-${i.toString(16).padStart(17, '0')}`,
    arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/sg-${i.toString(16).padStart(17, '0')}`,
    name: `sg-${i}`,
    description: 'managed by terraform',
    vpc_id: 'vpc-00000001',
    owner_id: ACCOUNT,
    revoke_rules_on_delete: false,
    ingress: [rule(443, '10.0.0.0/8'), rule(80, '10.0.0.0/8'), rule(8080, '172.16.0.0/12')],
    egress: [{ ...rule(0, '0.0.0.0/0'), protocol: '-1', to_port: 0 }],
    tags: { Name: `sg-${i}` },
    tags_all: { Name: `sg-${i}`, Team: 'platform' },
    name_prefix: '',
    timeouts: null,
  };
}

function roleAttributes(i: number): Record<string, unknown> {
  return {
    id: `role-${i}`,
    arn: `arn:aws:iam::${ACCOUNT}:role/role-${i}`,
    name: `role-${i}`,
    path: '/',
    description: '',
    max_session_duration: 3600,
    force_detach_policies: false,
    assume_role_policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' } }],
    }),
    managed_policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    permissions_boundary: '',
    create_date: '2024-01-01T00:00:00Z',
    unique_id: `AROA${i.toString(36).toUpperCase().padStart(16, '0')}`,
    tags: { Service: 'shop' },
    tags_all: { Service: 'shop', Team: 'platform' },
    inline_policy: [],
    name_prefix: '',
    role_last_used: [],
    timeouts: null,
    owner: 'platform',
  };
}

const KINDS = [
  { type: 'aws_instance', make: instanceAttributes },
  { type: 'aws_security_group', make: securityGroupAttributes },
  { type: 'aws_iam_role', make: roleAttributes },
] as const;

export interface Estate {
  readonly stateText: string;
  readonly observedText: string;
  readonly drifted: number;
}

/** The observed side as an observer produces it: API tag lists merged, sets in API order. */
function observe(type: string, attributes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...attributes, tags: attributes['tags_all'] };
  delete out['tags_all'];
  delete out['user_data'];
  if (type === 'aws_security_group') out['ingress'] = [...(attributes['ingress'] as unknown[])].reverse();
  if (type === 'aws_iam_role') {
    const doc = JSON.parse(String(attributes['assume_role_policy'])) as { Statement: Array<Record<string, unknown>> };
    out['assume_role_policy'] = JSON.stringify({
      Statement: doc.Statement.map((s) => ({ ...s, Action: [s['Action']] })),
      Version: '2012-10-17',
    });
  }
  return out;
}

function drift(type: string, attributes: Record<string, unknown>, pick: number): void {
  if (type === 'aws_instance') {
    if (pick < 0.5) attributes['instance_type'] = 't3.large';
    else attributes['tags'] = { ...(attributes['tags'] as object), Owner: 'someone' };
  } else if (type === 'aws_security_group') {
    (attributes['ingress'] as unknown[]).push({
      from_port: 22,
      to_port: 22,
      protocol: 'tcp',
      cidr_blocks: ['0.0.0.0/0'],
      ipv6_cidr_blocks: [],
      prefix_list_ids: [],
      security_groups: [],
      self: false,
      description: 'debug',
    });
  } else {
    attributes['max_session_duration'] = 43200;
  }
}

export function generateEstate(count: number, driftRate = 0.05, seed = 42): Estate {
  const random = rng(seed);
  const resources: unknown[] = [];
  const observed: unknown[] = [];
  let drifted = 0;
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length]!;
    const attributes = kind.make(i);
    resources.push({
      mode: 'managed',
      type: kind.type,
      name: `r${i}`,
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [{ schema_version: 1, attributes, sensitive_attributes: [], dependencies: [] }],
    });
    const live = observe(kind.type, attributes);
    if (random() < driftRate) {
      drift(kind.type, live, random());
      drifted++;
    }
    observed.push({
      type: kind.type,
      id: attributes['id'],
      account: ACCOUNT,
      region: kind.type === 'aws_iam_role' ? 'global' : REGION,
      attributes: live,
    });
  }
  const state = { version: 4, terraform_version: '1.11.4', serial: 1, lineage: 'bench', outputs: {}, resources };
  return { stateText: JSON.stringify(state), observedText: JSON.stringify(observed), drifted };
}
