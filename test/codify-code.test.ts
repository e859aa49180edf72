/**
 * codify against real Terraform files: import + resource blocks for unmanaged resources and literal
 * patches for configuration drift, checked with the real tools: `terraform fmt -check` (Terraform
 * CLI, no providers needed) and the HCL parser (hclsyntax, src/sources/terraform/hcl-parser.ts).
 * Plan mode (`commit: false`): the fixture copy on disk must stay byte-for-byte unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { codifyFindings, type CodifyResult, type FindingOutcome } from '../src/actions/codify/index.js';
import { loadHclParser } from '../src/sources/terraform/hcl.js';
import type { AttributeChange, Finding } from '../src/model/finding.js';
import { SENSITIVE } from '../src/model/finding.js';
import type { Resource } from '../src/model/resource.js';
import { ownFixture } from './support/paths.js';

const SECRET = 'hunter2-do-not-print';

function change(path: string, recorded: unknown, observed: unknown, sensitive = false): AttributeChange {
  return { path, recorded, observed, sensitive };
}

function finding(
  id: string,
  kind: Finding['kind'],
  address: string,
  type: string,
  changes: AttributeChange[] = [],
  resourceId?: string,
): Finding {
  return {
    id,
    kind,
    severity: 'medium',
    environment: 'prod',
    resource: { address, type, ...(resourceId ? { id: resourceId } : {}) },
    changes,
    summary: `${address} drifted`,
    reasons: [],
  };
}

function live(
  type: string,
  id: string,
  attributes: Record<string, unknown>,
  sensitivePaths: string[][] = [],
): Resource {
  return {
    address: `${type}.${id}`,
    mode: 'managed',
    type,
    provider: 'provider["registry.terraform.io/hashicorp/aws"]',
    id,
    account: '123456789012',
    region: 'eu-west-1',
    attributes: { id, ...attributes },
    sensitivePaths,
    dependencies: [],
    environment: 'prod',
  };
}

async function fixtureCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'codify-code-'));
  await cp(ownFixture('codify/basic'), dir, { recursive: true });
  return dir;
}

/** Writes the result's files into a fresh copy of the fixture, for the real tools to check. */
async function materialize(result: CodifyResult): Promise<string> {
  const dir = await fixtureCopy();
  for (const file of result.files) {
    await mkdir(dirname(join(dir, file.path)), { recursive: true });
    await writeFile(join(dir, file.path), file.after);
  }
  return dir;
}

function terraformFmtCheck(dir: string): { status: number | null; output: string } {
  const run = spawnSync('terraform', ['fmt', '-check', '-diff', '-recursive', '-no-color', '.'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function outcomeOf(result: CodifyResult, id: string): FindingOutcome {
  const outcome = result.outcomes.find((o) => o.findingId === id);
  assert.ok(outcome, `no outcome for ${id}`);
  return outcome;
}

function changeOf(result: CodifyResult, id: string, path: string) {
  const found = outcomeOf(result, id).changes.find((c) => c.path === path);
  assert.ok(found, `no outcome for ${id} ${path}`);
  return found;
}

const ROLE_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

const observed = new Map<string, Resource>(
  [
    live('aws_ebs_volume', 'vol-0abc123', {
      arn: 'arn:aws:ec2:eu-west-1:123456789012:volume/vol-0abc123',
      availability_zone: 'eu-west-1a',
      size: 20,
      type: 'gp3',
      iops: 3000,
      throughput: 125,
      encrypted: true,
      kms_key_id: '',
      snapshot_id: '',
      multi_attach_enabled: false,
      outpost_arn: '',
      create_time: '2024-05-01T10:00:00.000Z',
      tags: { Name: 'orphan-vol' },
      tags_all: { Name: 'orphan-vol' },
    }),
    live('aws_security_group', 'sg-0def456', {
      arn: 'arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0def456',
      name: 'adhoc-ssh',
      description: 'opened by hand during an incident',
      vpc_id: 'vpc-0123',
      owner_id: '123456789012',
      ingress: [
        {
          from_port: 22,
          to_port: 22,
          protocol: 'tcp',
          cidr_blocks: ['0.0.0.0/0'],
          ipv6_cidr_blocks: [],
          prefix_list_ids: [],
          security_groups: [],
          self: false,
          description: 'ssh from anywhere',
        },
        {
          from_port: 443,
          to_port: 443,
          protocol: 'tcp',
          cidr_blocks: ['10.0.0.0/8', '172.16.0.0/12'],
          ipv6_cidr_blocks: [],
          prefix_list_ids: [],
          security_groups: [],
          self: true,
          description: '',
        },
      ],
      egress: [
        {
          from_port: 0,
          to_port: 0,
          protocol: '-1',
          cidr_blocks: ['0.0.0.0/0'],
          ipv6_cidr_blocks: [],
          prefix_list_ids: [],
          security_groups: [],
          self: false,
          description: '',
        },
      ],
      tags: {},
      tags_all: {},
    }),
    live('aws_s3_bucket', 'logs.example-team', {
      arn: 'arn:aws:s3:::logs.example-team',
      bucket: 'logs.example-team',
      region: 'eu-west-1',
      bucket_domain_name: 'logs.example-team.s3.amazonaws.com',
      tags: { Owner: 'data', 'cost:center': '7' },
      tags_all: { Owner: 'data', 'cost:center': '7' },
    }),
    live(
      'aws_iam_role',
      'ci-deployer',
      {
        arn: 'arn:aws:iam::123456789012:role/ci-deployer',
        name: 'ci-deployer',
        path: '/',
        description: `token ${SECRET}`,
        assume_role_policy: ROLE_POLICY,
        max_session_duration: 3600,
        unique_id: 'AROA1',
      },
      [['description']],
    ),
  ].map((r) => [r.address, r]),
);

const unmanaged = [
  finding('f-vol', 'unmanaged', 'aws_ebs_volume.vol-0abc123', 'aws_ebs_volume', [], 'vol-0abc123'),
  finding('f-sg', 'unmanaged', 'aws_security_group.sg-0def456', 'aws_security_group', [], 'sg-0def456'),
  finding('f-bucket', 'unmanaged', 'aws_s3_bucket.logs.example-team', 'aws_s3_bucket', [], 'logs.example-team'),
  finding('f-role', 'unmanaged', 'aws_iam_role.ci-deployer', 'aws_iam_role', [], 'ci-deployer'),
  finding('f-db', 'unmanaged', 'aws_db_instance.db-1', 'aws_db_instance', [], 'db-1'),
  finding('f-gone', 'unmanaged', 'aws_ebs_volume.vol-0zzz', 'aws_ebs_volume', [], 'vol-0zzz'),
];

test('unmanaged EBS volume, security group and S3 bucket become import + resource blocks that fmt accepts and the HCL parser reads back', async () => {
  const dir = await fixtureCopy();
  try {
    const result = await codifyFindings(unmanaged, { codeDir: dir, observed, commit: false });
    assert.deepEqual(
      result.files.map((f) => f.path),
      ['driftwarden_imported.tf'],
    );
    const text = result.files[0]!.after;

    for (const id of ['f-vol', 'f-sg', 'f-bucket', 'f-role'])
      assert.equal(outcomeOf(result, id).status, 'codified', id);
    assert.equal((changeOf(result, 'f-db', 'resource') as { reason: string }).reason, 'unsupported-type');
    assert.equal((changeOf(result, 'f-gone', 'resource') as { reason: string }).reason, 'not-observed');

    const checked = await materialize(result);
    const fmt = terraformFmtCheck(checked);
    assert.equal(fmt.status, 0, `terraform fmt -check failed:\n${fmt.output}\n${text}`);

    const parse = await loadHclParser();
    const body = await parse('driftwarden_imported.tf', text);
    const imports = (body['import'] as Array<{ to: string; id: string }>).map((i) => [i.to, i.id]);
    assert.deepEqual(imports, [
      ['${aws_ebs_volume.orphan_vol}', 'vol-0abc123'],
      ['${aws_security_group.adhoc_ssh}', 'sg-0def456'],
      ['${aws_s3_bucket.logs_example_team}', 'logs.example-team'],
      ['${aws_iam_role.ci_deployer}', 'ci-deployer'],
    ]);
    const resources = body['resource'] as Record<string, Record<string, Array<Record<string, unknown>>>>;
    const volume = resources['aws_ebs_volume']!['orphan_vol']![0]!;
    assert.deepEqual(volume, {
      availability_zone: 'eu-west-1a',
      size: 20,
      type: 'gp3',
      iops: 3000,
      throughput: 125,
      encrypted: true,
      tags: { Name: 'orphan-vol' },
    });
    const group = resources['aws_security_group']!['adhoc_ssh']![0]!;
    assert.equal(group['name'], 'adhoc-ssh');
    assert.equal(group['description'], 'opened by hand during an incident');
    assert.equal(group['vpc_id'], 'vpc-0123');
    assert.equal(group['owner_id'], undefined, 'computed-only attributes are not written');
    assert.equal(group['arn'], undefined);
    const ingress = group['ingress'] as Array<Record<string, unknown>>;
    assert.deepEqual(
      ingress.map((r) => [r['from_port'], r['protocol'], r['cidr_blocks'], r['self'], r['description']]),
      [
        [22, 'tcp', ['0.0.0.0/0'], undefined, 'ssh from anywhere'],
        [443, 'tcp', ['10.0.0.0/8', '172.16.0.0/12'], true, undefined],
      ],
    );
    assert.deepEqual((group['egress'] as Array<Record<string, unknown>>)[0], {
      from_port: 0,
      to_port: 0,
      protocol: '-1',
      cidr_blocks: ['0.0.0.0/0'],
    });
    assert.deepEqual(resources['aws_s3_bucket']!['logs_example_team']![0], {
      bucket: 'logs.example-team',
      tags: { Owner: 'data', 'cost:center': '7' },
    });
    const role = resources['aws_iam_role']!['ci_deployer']![0]!;
    assert.match(String(role['assume_role_policy']), /jsonencode/);
    assert.equal(role['description'], undefined, 'a sensitive attribute is not written');
    assert.deepEqual((changeOf(result, 'f-role', 'resource') as { omitted?: string[] }).omitted, ['description']);
    assert.ok(
      !text.includes(SECRET) && !result.message.includes(SECRET),
      'the secret never reaches the file or the message',
    );
    await rm(checked, { recursive: true, force: true });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('generated names stay unique against the code and each other; an existing import block is not written twice', async () => {
  const dir = await fixtureCopy();
  try {
    await writeFile(
      join(dir, 'existing.tf'),
      'resource "aws_s3_bucket" "orphan_vol" {\n  bucket = "x"\n}\n\nimport {\n  to = aws_s3_bucket.logs_example_team\n  id = "logs.example-team"\n}\n',
    );
    const second = live('aws_s3_bucket', 'orphan-vol', { bucket: 'orphan-vol', tags: {} });
    const third = live('aws_s3_bucket', 'orphan.vol', { bucket: 'orphan.vol', tags: {} });
    const map = new Map([...observed, [second.address, second], [third.address, third]]);
    const result = await codifyFindings(
      [
        finding('f-bucket', 'unmanaged', 'aws_s3_bucket.logs.example-team', 'aws_s3_bucket', [], 'logs.example-team'),
        finding('f-b2', 'unmanaged', second.address, 'aws_s3_bucket', [], 'orphan-vol'),
        finding('f-b3', 'unmanaged', third.address, 'aws_s3_bucket', [], 'orphan.vol'),
      ],
      { codeDir: dir, observed: map, commit: false },
    );
    assert.equal((changeOf(result, 'f-bucket', 'resource') as { reason: string }).reason, 'already-codified');
    const body = await (await loadHclParser())('x.tf', result.files[0]!.after);
    assert.deepEqual(Object.keys((body['resource'] as Record<string, object>)['aws_s3_bucket']!), [
      'orphan_vol_2',
      'orphan_vol_3',
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

const configuration = [
  finding('f-web', 'configuration', 'aws_instance.web', 'aws_instance', [
    change('instance_type', 't3.small', 't3.large'),
    change('monitoring', false, true),
    change('ami', 'ami-0aaa', 'ami-0bbb'),
    change('user_data', SENSITIVE, SENSITIVE, true),
    change('tags.Environment', 'prod', 'staging'),
    change('tags.BusinessUnitName', undefined, 'retail'),
    change('tags["Cost Center"]', '42', undefined),
  ]),
  finding('prod/f-asg', 'configuration', 'prod/module.app.aws_autoscaling_group.app', 'aws_autoscaling_group', [
    change('desired_capacity', 3, 10),
    change('vpc_zone_identifier', ['subnet-0aaa', 'subnet-0bbb'], ['subnet-0aaa', 'subnet-0bbb', 'subnet-0ccc']),
    change('max_size', 12, 20),
  ]),
  finding('f-worker', 'configuration', 'module.app.aws_instance.worker', 'aws_instance', [
    change('instance_type', 't3.micro', 't3.small'),
    change('tags.Owner', 'team-a', 'team-b'),
  ]),
  finding('f-batch', 'configuration', 'aws_instance.batch', 'aws_instance', [
    change('instance_type', 'c5.large', 'c5.xlarge'),
    change('tags.Name', 'batch-a', 'batch-b'),
  ]),
  finding('f-count', 'configuration', 'aws_instance.fleet[0]', 'aws_instance', [
    change('instance_type', 't3.small', 't3.large'),
  ]),
  finding('f-missing', 'missing', 'aws_instance.web', 'aws_instance'),
  finding('f-nowhere', 'configuration', 'aws_instance.nowhere', 'aws_instance', [change('instance_type', 'a', 'b')]),
];

test('configuration drift: literals are patched in place (root and local module), expressions are named and left alone', async () => {
  const dir = await fixtureCopy();
  const beforeMain = await readFile(join(dir, 'main.tf'), 'utf8');
  try {
    const result = await codifyFindings(configuration, { codeDir: dir, commit: false });
    assert.equal(await readFile(join(dir, 'main.tf'), 'utf8'), beforeMain, 'plan mode writes nothing');
    assert.deepEqual(
      result.files.map((f) => f.path),
      ['main.tf', 'modules/app/main.tf'],
    );
    const main = result.files[0]!.after;
    const app = result.files[1]!.after;

    assert.match(main, /\n {2}instance_type = "t3\.large"\n {2}monitoring {4}= true\n/);
    assert.match(
      main,
      /tags = \{\n {4}Name {13}= "web"\n {4}Environment {6}= "staging"\n {4}BusinessUnitName = "retail"\n {2}\}/,
    );
    assert.ok(!main.includes('Cost Center'), 'the removed tag is gone');
    assert.ok(main.includes('echo "}"'), 'the heredoc is untouched');
    assert.match(app, /desired_capacity {4}= 10\n/);
    assert.match(app, /vpc_zone_identifier = \["subnet-0aaa", "subnet-0bbb", "subnet-0ccc"\]/);
    assert.match(app, /max_size {12}= 10\n/, 'a code value that is neither recorded nor observed is left alone');
    assert.match(app, /Owner = "team-b"/);

    const web = outcomeOf(result, 'f-web');
    assert.equal(web.status, 'partial');
    assert.deepEqual(changeOf(result, 'f-web', 'instance_type'), {
      status: 'codified',
      path: 'instance_type',
      file: 'main.tf',
      line: 18,
      written: 'instance_type = "t3.large"',
    });
    const ami = changeOf(result, 'f-web', 'ami');
    assert.equal(ami.status === 'skipped' && ami.reason, 'expression');
    assert.match(
      (ami as { detail: string }).detail,
      /comes from var\.ami_id: change the variable's value \(terraform\.tfvars or the caller\)/,
    );
    assert.equal((changeOf(result, 'f-web', 'user_data') as { reason: string }).reason, 'sensitive');

    assert.equal((changeOf(result, 'prod/f-asg', 'max_size') as { reason: string }).reason, 'code-differs');
    const worker = changeOf(result, 'f-worker', 'instance_type') as { reason: string; detail: string; file: string };
    assert.equal(worker.reason, 'expression');
    assert.match(
      worker.detail,
      /comes from var\.instance_type: change the variable's value: the "instance_type" argument of module "app" in main\.tf/,
    );
    assert.equal(worker.file, 'modules/app/main.tf');
    assert.equal(changeOf(result, 'f-worker', 'tags.Owner').status, 'codified');

    const batch = outcomeOf(result, 'f-batch');
    assert.equal(batch.status, 'skipped');
    assert.match((batch.changes[0] as { detail: string }).detail, /var\.batch_instance_type/);
    assert.match(
      (batch.changes[1] as { detail: string }).detail,
      /comes from merge\(local\.common_tags, \{ Name = "batch-\$\{var\.suffix\}" \}\)/,
    );
    assert.equal((outcomeOf(result, 'f-count').changes[0] as { reason: string }).reason, 'instance-key');
    assert.equal((outcomeOf(result, 'f-missing').changes[0] as { reason: string }).reason, 'unsupported-kind');
    assert.equal((outcomeOf(result, 'f-nowhere').changes[0] as { reason: string }).reason, 'not-in-code');

    const checked = await materialize(result);
    const fmt = terraformFmtCheck(checked);
    assert.equal(fmt.status, 0, `terraform fmt -check failed:\n${fmt.output}`);
    const parse = await loadHclParser();
    const body = await parse('main.tf', main);
    const instance = (body['resource'] as Record<string, Record<string, Array<Record<string, unknown>>>>)[
      'aws_instance'
    ]!['web']![0]!;
    assert.deepEqual(instance['tags'], { Name: 'web', Environment: 'staging', BusinessUnitName: 'retail' });
    assert.equal(instance['instance_type'], 't3.large');
    await rm(checked, { recursive: true, force: true });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a secret observed value is never written, even when the finding does not mark it sensitive', async () => {
  const dir = await fixtureCopy();
  try {
    const result = await codifyFindings(
      [
        finding('f-secret', 'configuration', 'aws_instance.web', 'aws_instance', [
          change('password', 'x', SECRET),
          change('tags.Environment', 'prod', SENSITIVE),
        ]),
      ],
      { codeDir: dir, commit: false },
    );
    assert.deepEqual(result.files, []);
    assert.deepEqual(
      outcomeOf(result, 'f-secret').changes.map((c) => c.status === 'skipped' && c.reason),
      ['sensitive', 'sensitive'],
    );
    assert.ok(!result.message.includes(SECRET));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
