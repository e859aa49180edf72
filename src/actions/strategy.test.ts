import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../config/load.js';
import { DEFAULT_RECONCILE, reconcileSettings } from '../config/schema.js';
import { DRIFT_KINDS, type DriftKind, type Finding } from '../model/finding.js';
import { chooseStrategy } from './strategy.js';

function finding(kind: DriftKind, type = 'aws_autoscaling_group'): Finding {
  return {
    id: `dw-${kind}`,
    kind,
    severity: 'medium',
    environment: 'prod',
    resource: { address: `${type}.app`, type, id: 'app', provider: 'registry.terraform.io/hashicorp/aws' },
    changes: [],
    summary: '',
    reasons: [],
  } as unknown as Finding;
}

test('without a reconcile section every kind of drift is notify: the reconciler never acts by default', () => {
  const settings = reconcileSettings(parseConfig('environments:\n  prod: { tier: production }\n', '/tmp/dw.yaml'));
  assert.deepEqual(settings, DEFAULT_RECONCILE);
  for (const kind of DRIFT_KINDS) {
    assert.equal(chooseStrategy(finding(kind), settings), 'notify', kind);
    assert.equal(chooseStrategy(finding(kind, 'aws_iam_role_policy_attachment'), settings), 'notify', kind);
  }
  assert.equal(chooseStrategy(finding('configuration'), reconcileSettings(undefined)), 'notify');
});

test('acting is opted into per rule; the first matching rule wins and the rest stays notify', () => {
  const settings = reconcileSettings(
    parseConfig(
      'environments:\n  prod: { tier: production }\nreconcile:\n  strategies:\n    - { kind: policy, strategy: revert }\n    - { type: aws_ebs_*, kind: unmanaged, strategy: prune }\n',
      '/tmp/dw.yaml',
    ),
  );
  assert.equal(chooseStrategy(finding('policy', 'aws_security_group'), settings), 'revert');
  assert.equal(chooseStrategy(finding('unmanaged', 'aws_ebs_volume'), settings), 'prune');
  assert.equal(chooseStrategy(finding('unmanaged', 'aws_iam_policy'), settings), 'notify');
  assert.equal(chooseStrategy(finding('configuration'), settings), 'notify');
});
