/**
 * codify's Git side against a real repository: one commit on a new branch with a message that
 * explains the drift, the user's branch, index and working tree untouched (including uncommitted
 * and staged changes), no worktree left behind, and a re-run that converges on the same branch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codifyFindings } from '../src/actions/codify/index.js';
import { DriftwardenError } from '../src/model/errors.js';
import type { AttributeChange, Finding } from '../src/model/finding.js';
import type { Resource } from '../src/model/resource.js';
import { ownFixture } from './support/paths.js';

const SECRET = 's3cr3t-never-committed';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' },
  }).trim();
}

/** A repository whose Terraform root module is `infra/`, with one commit on `main`. */
async function repository(): Promise<{ repo: string; codeDir: string }> {
  const repo = await mkdtemp(join(tmpdir(), 'codify-git-'));
  await cp(ownFixture('codify/basic'), join(repo, 'infra'), { recursive: true });
  await writeFile(join(repo, 'README.md'), '# infra\n');
  git(repo, 'init', '--quiet', '--initial-branch=main');
  git(repo, 'config', 'user.name', 'Ursula User');
  git(repo, 'config', 'user.email', 'ursula@example.com');
  git(repo, 'add', '.');
  git(repo, 'commit', '--quiet', '-m', 'initial infrastructure');
  return { repo, codeDir: join(repo, 'infra') };
}

const change = (path: string, recorded: unknown, observed: unknown, sensitive = false): AttributeChange => ({
  path,
  recorded,
  observed,
  sensitive,
});

const findings: Finding[] = [
  {
    id: 'fp-web-1',
    kind: 'configuration',
    severity: 'medium',
    environment: 'prod',
    resource: { address: 'aws_instance.web', type: 'aws_instance', id: 'i-0123' },
    changes: [change('instance_type', 't3.small', 't3.large'), change('user_data', '(sensitive)', '(sensitive)', true)],
    summary: 'aws_instance.web: 2 attributes changed outside Terraform',
    reasons: [],
    attribution: {
      principal: 'arn:aws:iam::123456789012:user/alice',
      principalType: 'IAMUser',
      time: '2024-06-01T08:15:00Z',
      sourceIp: '198.51.100.7',
      eventName: 'ModifyInstanceAttribute',
      userAgent: 'console.amazonaws.com',
      via: 'console',
      source: 'lookup-events',
    },
  },
  {
    id: 'fp-batch-2',
    kind: 'configuration',
    severity: 'medium',
    environment: 'prod',
    resource: { address: 'aws_instance.batch', type: 'aws_instance' },
    changes: [change('instance_type', 'c5.large', 'c5.xlarge')],
    summary: 'aws_instance.batch: 1 attribute changed outside Terraform',
    reasons: [],
  },
  {
    id: 'fp-vol-3',
    kind: 'unmanaged',
    severity: 'medium',
    environment: 'prod',
    resource: { address: 'aws_ebs_volume.vol-0abc', type: 'aws_ebs_volume', id: 'vol-0abc' },
    changes: [],
    summary: 'aws_ebs_volume vol-0abc exists but no Terraform state manages it',
    reasons: [],
  },
];

const volume: Resource = {
  address: 'aws_ebs_volume.vol-0abc',
  mode: 'managed',
  type: 'aws_ebs_volume',
  provider: 'provider["registry.terraform.io/hashicorp/aws"]',
  id: 'vol-0abc',
  attributes: {
    id: 'vol-0abc',
    availability_zone: 'eu-west-1b',
    size: 8,
    type: 'gp2',
    encrypted: false,
    kms_key_id: SECRET,
    tags: { Name: 'scratch' },
  },
  sensitivePaths: [['kms_key_id']],
  dependencies: [],
  environment: 'prod',
};

test('commits one explained commit to a new branch and leaves the user branch, index and working tree alone', async () => {
  const { repo, codeDir } = await repository();
  try {
    // The user is mid-work: an uncommitted edit and a staged new file.
    await writeFile(
      join(codeDir, 'main.tf'),
      `${await readFile(join(codeDir, 'main.tf'), 'utf8')}\n# work in progress\n`,
    );
    await writeFile(join(repo, 'NOTES.md'), 'staged\n');
    git(repo, 'add', 'NOTES.md');
    const base = git(repo, 'rev-parse', 'HEAD');
    const before = {
      head: git(repo, 'symbolic-ref', 'HEAD'),
      status: git(repo, 'status', '--porcelain=v1'),
      staged: git(repo, 'diff', '--cached'),
      main: await readFile(join(codeDir, 'main.tf'), 'utf8'),
      branches: git(repo, 'branch', '--list'),
    };

    const now = new Date('2024-06-02T09:30:00Z');
    const result = await codifyFindings(findings, {
      codeDir,
      commit: true,
      now,
      observed: new Map([[volume.address, volume]]),
      author: { name: 'Driftwarden Bot', email: 'bot@example.com' },
    });

    assert.match(result.branch ?? '', /^driftwarden\/codify-20240602-[0-9a-f]{7}$/);
    const branch = result.branch!;
    assert.equal(result.baseCommit, base);
    assert.equal(result.pushCommand, `git push origin ${branch}`);
    assert.equal(git(repo, 'rev-parse', branch), result.commit);
    assert.equal(git(repo, 'rev-list', '--count', `${base}..${branch}`), '1');
    assert.equal(git(repo, 'rev-parse', `${branch}^`), base);
    assert.equal(
      git(repo, 'log', '-1', '--format=%an <%ae> %aI', branch),
      'Driftwarden Bot <bot@example.com> 2024-06-02T09:30:00+00:00',
    );
    assert.deepEqual(git(repo, 'diff', '--name-only', base, branch).split('\n'), [
      'infra/driftwarden_imported.tf',
      'infra/main.tf',
    ]);

    const message = git(repo, 'log', '-1', '--format=%B', branch);
    assert.match(message, /^driftwarden: codify drift in 2 resources/);
    assert.match(
      message,
      /- fp-web-1 configuration: aws_instance\.web\n {2}changed by arn:aws:iam::123456789012:user\/alice at 2024-06-01T08:15:00Z \(ModifyInstanceAttribute, via console\)/,
    );
    assert.match(message, /codified instance_type: instance_type = "t3\.large" \(infra\/main\.tf:18\)/);
    assert.match(message, /skipped user_data \[sensitive\]/);
    assert.match(message, /skipped instance_type \[expression\]: comes from var\.batch_instance_type/);
    assert.match(message, /codified resource: import \+ resource aws_ebs_volume\.scratch \(id vol-0abc\)/);
    assert.match(message, /not written \(secret\): kms_key_id/);
    assert.match(message, /Driftwarden-Findings: fp-web-1, fp-batch-2, fp-vol-3/);

    const committedMain = git(repo, 'show', `${branch}:infra/main.tf`);
    assert.match(committedMain, /instance_type = "t3\.large"/);
    assert.ok(!committedMain.includes('work in progress'), 'the branch starts from HEAD, not from uncommitted work');
    assert.match(
      git(repo, 'show', `${branch}:infra/driftwarden_imported.tf`),
      /import \{\n {2}to = aws_ebs_volume\.scratch\n {2}id = "vol-0abc"\n\}/,
    );
    assert.ok(!git(repo, 'log', '-p', branch).includes(SECRET), 'the secret is never committed');

    assert.deepEqual(
      {
        head: git(repo, 'symbolic-ref', 'HEAD'),
        status: git(repo, 'status', '--porcelain=v1'),
        staged: git(repo, 'diff', '--cached'),
        main: await readFile(join(codeDir, 'main.tf'), 'utf8'),
        branches: git(repo, 'branch', '--list')
          .split('\n')
          .filter((line) => !line.includes('driftwarden/codify-'))
          .join('\n'),
      },
      before,
    );
    assert.equal(git(repo, 'rev-parse', 'HEAD'), base);
    assert.equal(
      git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)?.length,
      1,
      'no temporary worktree is left',
    );

    // The same findings again (the controller's next interval): the branch is found, nothing new is committed.
    const again = await codifyFindings(findings, {
      codeDir,
      commit: true,
      now: new Date('2024-06-03T09:30:00Z'),
      observed: new Map([[volume.address, volume]]),
    });
    assert.equal(again.reused, true);
    assert.equal(again.branch, branch);
    assert.equal(again.commit, result.commit);
    assert.equal(git(repo, 'for-each-ref', '--format=%(refname)', 'refs/heads/driftwarden/').split('\n').length, 1);
  } finally {
    await rm(repo, { recursive: true, force: true });
  }
});

test('nothing to write means no branch; a directory outside Git is a clear error when committing', async () => {
  const { repo, codeDir } = await repository();
  const plain = await mkdtemp(join(tmpdir(), 'codify-nogit-'));
  try {
    const onlyExpressions = [findings[1]!];
    const result = await codifyFindings(onlyExpressions, { codeDir, commit: true });
    assert.equal(result.branch, undefined);
    assert.deepEqual(result.files, []);
    assert.equal(git(repo, 'for-each-ref', 'refs/heads/driftwarden/'), '');

    await cp(ownFixture('codify/basic'), plain, { recursive: true });
    await assert.rejects(codifyFindings(findings, { codeDir: plain, commit: true }), (err: unknown) => {
      assert.ok(err instanceof DriftwardenError);
      assert.equal(err.code, 'input.invalid');
      assert.match(err.describe(), /not in a Git checkout[\s\S]*next step:/);
      return true;
    });
  } finally {
    await rm(repo, { recursive: true, force: true });
    await rm(plain, { recursive: true, force: true });
  }
});
