import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createIgnoreMatcher, parseIgnoreFile, parseIgnoreRule } from './ignore.js';
import { compileAddressGlob, compilePathGlob } from './address-glob.js';
import { DriftwardenError } from '../model/errors.js';
import { liveAddress } from '../model/address.js';

const src = { file: '.driftignore', line: 1 };

function matcher(content: string) {
  return createIgnoreMatcher(parseIgnoreFile(content, '.driftignore'));
}

test('address glob: * stays within one segment, ** spans segments', () => {
  const star = compileAddressGlob('aws_instance.*');
  assert.equal(star('aws_instance.web'), true);
  assert.equal(star('aws_instance.web[2]'), true);
  assert.equal(star('module.app.aws_instance.web'), false);
  assert.equal(star('aws_security_group.web'), false);

  const deep = compileAddressGlob('**.aws_instance.*');
  assert.equal(deep('aws_instance.web'), true, '** matches zero segments');
  assert.equal(deep('module.app.aws_instance.web'), true);
  assert.equal(deep('module.app.module.inner["x"].aws_instance.web[0]'), true);
  assert.equal(deep('module.app.aws_instance_profile.web'), false);

  const moduleStar = compileAddressGlob('module.network.*');
  assert.equal(moduleStar('module.network.aws_vpc.main'), false, 'one segment only: aws_vpc.main is two');
  assert.equal(compileAddressGlob('module.network.**')('module.network.aws_vpc.main'), true);
  assert.equal(compileAddressGlob('module.net*.**')('module.network-eu.aws_vpc.main'), true);
  assert.equal(compileAddressGlob('aws_*.web')('aws_instance.web'), true);
  assert.equal(compileAddressGlob('aws_?nstance.web')('aws_instance.web'), true);
});

test('address glob: brackets are literal instance keys; a keyless segment means every instance', () => {
  const exact = compileAddressGlob('aws_subnet.a["eu-west-1a"]');
  assert.equal(exact('aws_subnet.a["eu-west-1a"]'), true);
  assert.equal(exact('aws_subnet.a["eu-west-1b"]'), false);
  assert.equal(exact('aws_subnet.a'), false);
  // Not a character class: [ab] would otherwise match "a" or "b".
  assert.equal(compileAddressGlob('aws_instance.web[2]')('aws_instance.web[2]'), true);
  assert.equal(compileAddressGlob('aws_instance.web[2]')('aws_instance.web[1]'), false);
  assert.equal(compileAddressGlob('aws_instance.web')('aws_instance.web[2]'), true);
  assert.equal(compileAddressGlob('aws_instance.web')('aws_instance.webserver'), false);
  assert.equal(compileAddressGlob('aws_instance.web[*]')('aws_instance.web[7]'), true);
  assert.equal(compileAddressGlob('aws_instance.web[*]')('aws_instance.web'), false, '[*] requires a key');
  // Dots inside a key do not split segments.
  const dotted = compileAddressGlob('aws_route53_record.r["api.example.com"]');
  assert.equal(dotted('aws_route53_record.r["api.example.com"]'), true);
  // Module instance keys.
  assert.equal(compileAddressGlob('module.app["blue"].**')('module.app["blue"].aws_instance.web'), true);
  assert.equal(compileAddressGlob('module.app["blue"].**')('module.app["green"].aws_instance.web'), false);
  assert.equal(compileAddressGlob('module.app.**')('module.app["green"].aws_instance.web'), true);
  assert.equal(compileAddressGlob('data.aws_ami.*')('data.aws_ami.ubuntu'), true);
  assert.equal(compileAddressGlob('aws_ami.*')('data.aws_ami.ubuntu'), false);
});

test('address glob: a live address keeps its quoted cloud id (dots and slashes included) as one segment', () => {
  const live = (type: string, id: string) => [liveAddress(type, id), type] as const;
  assert.equal(compileAddressGlob('aws_s3_bucket.*')(...live('aws_s3_bucket', 'logs.example.com')), true);
  assert.equal(compileAddressGlob('aws_s3_bucket."logs*"')(...live('aws_s3_bucket', 'logs.example.com')), true);
  assert.equal(compileAddressGlob('aws_ebs_volume."vol-0abc"')(...live('aws_ebs_volume', 'vol-0abc')), true);
  assert.equal(compileAddressGlob('aws_ebs_volume."vol-0abc"')(...live('aws_ebs_volume', 'vol-0abd')), false);
  // A rule written for the recorded bucket `aws_s3_bucket.logs` never hits a live bucket named logs.
  assert.equal(compileAddressGlob('aws_s3_bucket.logs')(...live('aws_s3_bucket', 'logs')), false);
  assert.equal(compileAddressGlob('aws_iam_policy.*')(...live('aws_iam_policy', 'arn:aws:iam::1:policy/x')), true);
});

test('path glob: prefixes cover subtrees, brackets equal dotted keys, indices match [*] and *', () => {
  assert.equal(compilePathGlob('tags')('tags.Owner'), true);
  assert.equal(compilePathGlob('tags')('tags'), true);
  assert.equal(compilePathGlob('tags')('tags_all.Owner'), false);
  assert.equal(compilePathGlob('tags.Owner')('tags.Team'), false);
  assert.equal(compilePathGlob('tags["Owner"]')('tags.Owner'), true);
  assert.equal(compilePathGlob('tags["kubernetes.io/cluster"]')('tags["kubernetes.io/cluster"]'), true);
  assert.equal(compilePathGlob('tags["kubernetes.io/cluster"]')('tags["kubernetes.io/role"]'), false);
  assert.equal(compilePathGlob('ebs_block_device[*].volume_size')('ebs_block_device[3].volume_size'), true);
  assert.equal(compilePathGlob('ebs_block_device[0].volume_size')('ebs_block_device[3].volume_size'), false);
  assert.equal(compilePathGlob('ebs_block_device.*.volume_size')('ebs_block_device[3].volume_size'), true);
  assert.equal(compilePathGlob('**.volume_size')('root_block_device[0].volume_size'), true);
  assert.equal(compilePathGlob('**.volume_size')('volume_size'), true);
  assert.equal(compilePathGlob('tags.*')('tags'), false, 'a pattern longer than the path does not match');
});

test('later rules win: negation re-includes one resource', () => {
  const m = matcher(`
# capacity is managed by the autoscaler
aws_autoscaling_group.*:desired_capacity
!aws_autoscaling_group.payments:desired_capacity
`);
  const hit = m.ignoresPath('aws_autoscaling_group.web', 'desired_capacity');
  assert.equal(hit?.text, 'aws_autoscaling_group.*:desired_capacity');
  assert.deepEqual(hit?.source, { file: '.driftignore', line: 3 });
  assert.equal(m.ignoresPath('aws_autoscaling_group.payments', 'desired_capacity'), undefined);
  assert.equal(m.ignoresPath('aws_autoscaling_group.web', 'max_size'), undefined);
  assert.equal(m.ignoresResource('aws_autoscaling_group.web'), undefined, 'a path rule never ignores a resource');
});

test('order matters: an ignore after a negation wins again', () => {
  const m = matcher(['!aws_instance.web', 'aws_instance.*'].join('\n'));
  assert.equal(m.ignoresResource('aws_instance.web')?.text, 'aws_instance.*');
  const m2 = matcher(['aws_instance.*', '!aws_instance.web'].join('\n'));
  assert.equal(m2.ignoresResource('aws_instance.web'), undefined);
  assert.equal(m2.ignoresResource('aws_instance.web[1]'), undefined, 'negation covers every instance');
  assert.equal(m2.ignoresResource('aws_instance.db')?.source.line, 1);
});

test('negation of one attribute under an ignored subtree', () => {
  const m = matcher(['**:tags', '!**:tags.Owner'].join('\n'));
  assert.ok(m.ignoresPath('module.x.aws_instance.web', 'tags.Team'));
  assert.equal(m.ignoresPath('module.x.aws_instance.web', 'tags.Owner'), undefined);
});

test('resource rules and module addresses', () => {
  const m = matcher('module.legacy.**\n**.aws_iam_role.*["temp-*"]\n');
  assert.equal(m.ignoresResource('module.legacy.aws_instance.web')?.source.line, 1);
  assert.equal(m.ignoresResource('module.legacy.module.db.aws_db_instance.main')?.source.line, 1);
  assert.equal(m.ignoresResource('module.current.aws_instance.web'), undefined);
  // A key in brackets is literal: "temp-*" is not a wildcard.
  assert.equal(m.ignoresResource('aws_iam_role.r["temp-1"]'), undefined);
  assert.ok(m.ignoresResource('aws_iam_role.r["temp-*"]'));
});

test('a colon inside brackets is part of the address, not the separator', () => {
  const rule = parseIgnoreRule('aws_iam_role.r["a:b"]:tags', src);
  assert.equal(rule.addressGlob, 'aws_iam_role.r["a:b"]');
  assert.equal(rule.pathGlob, 'tags');
  assert.equal(rule.matchesAddress('aws_iam_role.r["a:b"]'), true);
});

test('comments, blank lines and CRLF are skipped; line numbers are right', () => {
  const rules = parseIgnoreFile('# header\r\n\r\n  aws_instance.web  \r\n#x\r\n!aws_instance.web:ami\r\n', 'f');
  assert.deepEqual(
    rules.map((r) => [r.text, r.source.line, r.negated]),
    [
      ['aws_instance.web', 3, false],
      ['!aws_instance.web:ami', 5, true],
    ],
  );
});

test('a # after whitespace starts a comment, outside quotes and brackets; a glued # is data', () => {
  const rules = parseIgnoreFile(
    [
      'aws_instance.scratch                 # ignore a whole resource',
      'aws_iam_role.r["a #b"]:tags\t# the key holds a #',
      'aws_instance.web#1',
      '   # an indented comment line',
    ].join('\n'),
    'f',
  );
  assert.deepEqual(
    rules.map((r) => [r.text, r.source.line]),
    [
      ['aws_instance.scratch', 1],
      ['aws_iam_role.r["a #b"]:tags', 2],
      ['aws_instance.web#1', 3],
    ],
  );
  assert.equal(rules[1]!.matchesAddress('aws_iam_role.r["a #b"]'), true);
});

test('an address pattern that is only * means every resource, at any module depth', () => {
  const ignore = matcher('*:tags.LastScannedBy\n');
  assert.ok(ignore.ignoresPath('aws_instance.web', 'tags.LastScannedBy', 'aws_instance'));
  assert.ok(ignore.ignoresPath('module.a.module.b.aws_s3_bucket.logs', 'tags.LastScannedBy', 'aws_s3_bucket'));
  assert.equal(ignore.ignoresPath('aws_instance.web', 'tags.Owner', 'aws_instance'), undefined);
  assert.equal(ignore.ignoresResource('aws_instance.web', 'aws_instance'), undefined);
  // `*` inside a longer pattern still stays within one segment.
  assert.equal(compileAddressGlob('aws_instance.*')('module.app.aws_instance.web'), false);
});

test('invalid rules name the file and line', () => {
  const cases: Array<[string, RegExp]> = [
    ['!', /empty/],
    ['aws_instance..web', /empty segment/],
    ['aws_instance.web[2', /unclosed/],
    ['aws_instance.web"x', /unterminated/],
    ['aws_instance.web:', /empty attribute path/],
    ['aws_instance.web:tags:Owner', /more than one/],
    ['aws_instance.web tags', /whitespace/],
    ['aws_instance.w**b', /whole segment/],
    ['aws_instance.web]', /unexpected "]"/],
  ];
  for (const [content, why] of cases) {
    assert.throws(
      () => parseIgnoreFile(`# ok\n${content}\n`, 'ops/.driftignore'),
      (err: unknown) => {
        assert.ok(err instanceof DriftwardenError, content);
        assert.equal(err.code, 'config.invalid');
        assert.equal(err.details.file, 'ops/.driftignore');
        assert.equal(err.details.line, 2);
        assert.match(err.message, why, content);
        assert.ok(err.details.nextStep);
        return true;
      },
    );
  }
});

test('matching never throws on odd concrete addresses or paths', () => {
  const m = matcher('aws_s3_bucket.*\n**:tags');
  assert.ok(m.ignoresResource('aws_s3_bucket.weird[name', 'aws_s3_bucket'));
  assert.ok(m.ignoresPath('aws_s3_bucket.x', 'tags["unterminated'));
});
