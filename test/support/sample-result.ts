/**
 * A realistic ScanResult for report tests (unit tests in src/report and integration tests in
 * test/report-*.test.ts): every drift kind, every severity, an incomplete scope, a sensitive
 * change, a replace impact, a JSON policy document, history with new and resolved findings,
 * suppressions, API call counts, and values full of characters every output language must escape.
 * Test code only: nothing in src/ outside tests imports it.
 */
import { SENSITIVE, type Finding, type DriftKind, type Severity } from '../../src/model/finding.js';
import { SCHEMA_VERSION, type ScanResult } from '../../src/model/scan-result.js';
import type { Accounting } from '../../src/model/accounting.js';

/** A value no report may render unescaped. */
export const HOSTILE_VALUE = '<script>alert(1)</script> & "quoted" \'single\' ]]> a|b `tick`';

const policyRecorded = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::app-assets/*' }],
};
const policyObserved = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::app-assets/*' },
    { Effect: 'Allow', Action: ['s3:*'], Resource: '*' },
  ],
};

export const sampleFindings: ReadonlyArray<Finding> = [
  {
    id: 'f-sg-ssh',
    kind: 'policy',
    severity: 'critical',
    environment: 'production',
    resource: {
      address: 'module.net.aws_security_group.bastion',
      type: 'aws_security_group',
      id: 'sg-0a1b2c3d4e5f',
      provider: 'registry.terraform.io/hashicorp/aws',
      account: '123456789012',
      region: 'eu-west-1',
      source: 'states/prod/terraform.tfstate',
    },
    changes: [
      {
        path: 'ingress',
        recorded: [{ cidr_blocks: ['10.0.0.0/8'], from_port: 22, to_port: 22, protocol: 'tcp' }],
        observed: [
          { cidr_blocks: ['10.0.0.0/8'], from_port: 22, to_port: 22, protocol: 'tcp' },
          { cidr_blocks: ['0.0.0.0/0'], from_port: 22, to_port: 22, protocol: 'tcp' },
        ],
        sensitive: false,
        added: [{ cidr_blocks: ['0.0.0.0/0'], from_port: 22, to_port: 22, protocol: 'tcp' }],
        removed: [],
        policy: true,
      },
    ],
    summary: 'Security group bastion allows SSH from 0.0.0.0/0, which the state does not record.',
    reasons: ['0.0.0.0/0 ingress on port 22', 'production tier'],
    impact: { action: 'update', replacePaths: [], source: 'rules' },
    attribution: {
      principal: 'arn:aws:iam::123456789012:user/alice',
      principalType: 'IAMUser',
      time: '2026-11-24T02:13:44Z',
      sourceIp: '203.0.113.9',
      eventName: 'AuthorizeSecurityGroupIngress',
      userAgent: 'AWS Internal',
      via: 'console',
      source: 'trail-s3',
    },
  },
  {
    id: 'f-web-ami',
    kind: 'configuration',
    severity: 'critical',
    environment: 'production',
    resource: {
      address: 'aws_instance.web[0]',
      type: 'aws_instance',
      id: 'i-0123456789abcdef0',
      account: '123456789012',
      region: 'eu-west-1',
      source: 'states/prod/terraform.tfstate',
    },
    changes: [
      { path: 'ami', recorded: 'ami-0aaa1111bbbb2222c', observed: 'ami-0ddd3333eeee4444f', sensitive: false },
      { path: 'instance_type', recorded: 't3.micro', observed: 't3.large', sensitive: false },
      { path: 'tags.Owner', recorded: 'team-platform', observed: HOSTILE_VALUE, sensitive: false },
    ],
    summary: 'Instance web[0] runs a different AMI and instance type than recorded.',
    reasons: ['ami forces replacement', 'production tier', '14 resources depend on it'],
    impact: { action: 'replace', replacePaths: ['ami'], source: 'rules' },
  },
  {
    id: 'f-role-policy',
    kind: 'policy',
    severity: 'high',
    environment: 'staging',
    resource: {
      address: 'aws_iam_role_policy.app',
      type: 'aws_iam_role_policy',
      id: 'app-role:app-policy',
      account: '123456789012',
      region: 'us-east-1',
      source: 's3://tf-states/staging/app.tfstate',
    },
    changes: [{ path: 'policy', recorded: policyRecorded, observed: policyObserved, sensitive: false, policy: true }],
    summary: 'Inline policy app grants s3:* on every resource.',
    reasons: ['wildcard action on wildcard resource'],
    impact: { action: 'update', replacePaths: [], source: 'plan' },
  },
  {
    id: 'f-db-password',
    kind: 'configuration',
    severity: 'medium',
    environment: 'staging',
    resource: {
      address: 'aws_db_instance.main',
      type: 'aws_db_instance',
      id: 'staging-main',
      account: '123456789012',
      region: 'eu-west-1',
      source: 's3://tf-states/staging/app.tfstate',
    },
    changes: [
      { path: 'password', recorded: SENSITIVE, observed: SENSITIVE, sensitive: true },
      { path: 'backup_retention_period', recorded: 7, observed: 1, sensitive: false },
    ],
    summary: 'Database main has a shorter backup retention and a changed master password.',
    reasons: ['backups shortened'],
    impact: { action: 'update', replacePaths: [], source: 'rules' },
  },
  {
    id: 'f-missing-sg',
    kind: 'missing',
    severity: 'high',
    environment: 'shared',
    resource: {
      address: 'aws_security_group.shared_egress',
      type: 'aws_security_group',
      id: 'sg-0ffee0ffee0ffee00',
      account: '123456789012',
      region: 'eu-west-1',
      source: 'states/shared/terraform.tfstate',
    },
    changes: [],
    summary: 'Security group shared_egress is in state but no longer exists.',
    reasons: ['shared tier', 'referenced by 3 states'],
    impact: { action: 'create', replacePaths: [], source: 'rules' },
  },
  {
    id: 'f-orphan-volume',
    kind: 'unmanaged',
    severity: 'low',
    environment: 'development',
    resource: {
      address: 'aws_ebs_volume."vol-0badc0ffee1234567"',
      type: 'aws_ebs_volume',
      id: 'vol-0badc0ffee1234567',
      account: '123456789012',
      region: 'eu-west-1',
    },
    changes: [],
    summary: 'EBS volume vol-0badc0ffee1234567 is not managed by any state.',
    reasons: ['development tier'],
  },
  {
    id: 'f-module-version',
    kind: 'version',
    severity: 'medium',
    environment: 'production',
    resource: { address: 'module.vpc', type: 'module', source: 'states/prod/terraform.tfstate' },
    changes: [{ path: 'version', recorded: '5.1.0', observed: '5.8.1', sensitive: false }],
    summary: 'Module vpc is on 5.1.0 in production and 5.8.1 in staging.',
    reasons: ['production behind staging by 7 minor versions'],
    impact: { action: 'unknown', replacePaths: [], source: 'rules' },
  },
];

function countBy<K extends string>(
  keys: ReadonlyArray<K>,
  pick: (finding: Finding) => K,
  findings: ReadonlyArray<Finding>,
): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const finding of findings) counts[pick(finding)] += 1;
  return counts;
}

const KINDS: ReadonlyArray<DriftKind> = ['configuration', 'unmanaged', 'missing', 'policy', 'version'];
const SEVERITIES: ReadonlyArray<Severity> = ['low', 'medium', 'high', 'critical'];

const noObserver = (provider: string) => `Driftwarden does not observe the ${provider} provider`;

/** Not covered by provider (helm, kubernetes, time), six IAM roles unchecked behind one failed scope. */
export const SAMPLE_ACCOUNTING: Accounting = {
  notCovered: [
    {
      provider: 'helm',
      type: 'helm_release',
      reason: 'no-observer',
      why: noObserver('helm'),
      count: 3,
      addresses: ['helm_release.ingress', 'helm_release.metrics', 'helm_release.logging'].sort(),
    },
    {
      provider: 'kubernetes',
      type: 'kubernetes_namespace',
      reason: 'no-observer',
      why: noObserver('kubernetes'),
      count: 9,
      addresses: Array.from({ length: 9 }, (_, i) => `kubernetes_namespace.team[${i}]`),
    },
    {
      provider: 'time',
      type: 'time_sleep',
      reason: 'no-observer',
      why: noObserver('time'),
      count: 2,
      addresses: ['time_sleep.wait_for_cluster', 'time_sleep.wait_for_dns'],
    },
  ],
  unchecked: [
    {
      scope: {
        type: 'aws_iam_role',
        account: '123456789012',
        region: 'us-east-1',
        reason: 'access denied for iam:ListRoles',
        code: 'access-denied',
        nextStep: 'grant iam:ListRoles to the scanning identity in account 123456789012',
      },
      count: 6,
      addresses: Array.from({ length: 6 }, (_, i) => `aws_iam_role.service[${i}]`),
    },
  ],
  existence: [],
};

/** The realistic result; `findings` replaces the finding list (summary counts follow it). */
export function sampleScanResult(findings: ReadonlyArray<Finding> = sampleFindings): ScanResult {
  return {
    schemaVersion: SCHEMA_VERSION,
    scan: {
      id: 'scan-2024-05-01T10-00-00Z',
      startedAt: '2024-05-01T10:00:00.000Z',
      finishedAt: '2024-05-01T10:00:42.500Z',
      complete: false,
      incompleteScopes: [
        {
          type: 'aws_iam_role',
          account: '123456789012',
          region: 'us-east-1',
          reason: 'access denied for iam:ListRoles',
          code: 'access-denied',
          nextStep: 'grant iam:ListRoles to the scanning identity in account 123456789012',
        },
      ],
      sources: [
        'states/prod/terraform.tfstate',
        's3://tf-states/staging/app.tfstate',
        'states/shared/terraform.tfstate',
      ],
      apiCalls: { 'ec2:DescribeInstances': 4, 'ec2:DescribeSecurityGroups': 2, 'iam:ListRoles': 3 },
      tool: { name: 'driftwarden', version: '0.1.0' },
      attributionSources: [
        { source: 'trail-s3', where: 'org-trail-logs', available: true, records: 412 },
        {
          source: 'lookup-events',
          where: 'eu-west-1',
          available: false,
          records: 0,
          code: 'unsupported',
          reason: 'LookupEvents eu-west-1: not served by the endpoint (SyntaxError, HTTP 500)',
        },
      ],
    },
    summary: {
      managed: 142,
      checked: 122,
      unchecked: 6,
      existence: 0,
      notCovered: 14,
      coverage: 122 / 142,
      existenceCoverage: 122 / 142,
      byType: [
        { type: 'aws_iam_role', provider: 'aws', checked: 0, unchecked: 6, existence: 0, notCovered: 0 },
        { type: 'aws_instance', provider: 'aws', checked: 122, unchecked: 0, existence: 0, notCovered: 0 },
        { type: 'helm_release', provider: 'helm', checked: 0, unchecked: 0, existence: 0, notCovered: 3 },
        { type: 'kubernetes_namespace', provider: 'kubernetes', checked: 0, unchecked: 0, existence: 0, notCovered: 9 },
        { type: 'time_sleep', provider: 'time', checked: 0, unchecked: 0, existence: 0, notCovered: 2 },
      ],
      unmanaged: findings.filter((finding) => finding.kind === 'unmanaged').length,
      missing: findings.filter((finding) => finding.kind === 'missing').length,
      changed: findings.filter((finding) => finding.kind === 'configuration' || finding.kind === 'policy').length,
      managedShare: 0.934,
      byKind: countBy(KINDS, (finding) => finding.kind, findings),
      bySeverity: countBy(SEVERITIES, (finding) => finding.severity, findings),
    },
    accounting: SAMPLE_ACCOUNTING,
    findings,
    history: {
      previousScanId: 'scan-2024-04-30T10-00-00Z',
      newFindingIds: ['f-sg-ssh', 'f-orphan-volume'],
      resolved: [
        { id: 'f-old-bucket-acl', address: 'aws_s3_bucket_acl.logs', kind: 'policy' },
        { id: 'f-old-subnet', address: 'module.net.aws_subnet.private["eu-west-1b"]', kind: 'configuration' },
      ],
      firstSeen: { 'f-web-ami': '2024-04-28T10:00:00.000Z', 'f-sg-ssh': '2024-05-01T10:00:42.500Z' },
    },
    suppressions: [
      {
        address: 'aws_instance.web[0]',
        path: 'tags.LastPatched',
        rule: 'ignore:tags.LastPatched',
        why: 'patching job writes it',
      },
      {
        address: 'aws_ebs_volume.data',
        path: 'throughput',
        rule: 'default:throughput',
        why: 'gp2 volumes report 0 throughput',
      },
    ],
  };
}

/** `count` findings cycling through the sample ones with unique ids and addresses (size tests). */
export function manyFindings(count: number): Finding[] {
  const findings: Finding[] = [];
  for (let index = 0; index < count; index += 1) {
    const base = sampleFindings[index % sampleFindings.length]!;
    findings.push({
      ...base,
      id: `${base.id}-${index}`,
      resource: { ...base.resource, address: `${base.resource.address}_${index}` },
    });
  }
  return findings;
}
