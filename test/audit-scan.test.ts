/**
 * Scans and configuration changes in the audit log, with the real history store on the same
 * SQLite file: the store says which findings are new and which resolved; the audit log records
 * one entry each, redacted, in one transaction.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { recordRefreshed } from './support/store-contract.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordConfigIfChanged, recordScanInAudit } from '../src/audit/record.js';
import type { Finding } from '../src/model/finding.js';
import type { ScanResult } from '../src/model/scan-result.js';
import { openStore } from '../src/store/index.js';
import { allChecked, NO_ACCOUNTING } from './support/summary.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dw-audit-scan-'));
  dirs.push(dir);
  return dir;
}

function finding(
  id: string,
  address: string,
  changes: Finding['changes'] = [
    { path: 'instance_type', recorded: 't3.micro', observed: 't3.large', sensitive: false },
  ],
): Finding {
  return {
    id,
    kind: 'configuration',
    severity: 'medium',
    environment: 'prod',
    resource: { address, type: address.split('.')[0]!, id: `i-${id}`, account: '123456789012', region: 'eu-west-1' },
    changes,
    summary: `${address} drifted`,
    reasons: [],
  };
}

function scanResult(id: string, startedAt: string, findings: Finding[]): ScanResult {
  return {
    schemaVersion: '2.0',
    scan: {
      id,
      startedAt,
      finishedAt: startedAt,
      complete: true,
      incompleteScopes: [],
      sources: ['https://user:secret-pw@state.example.com/prod'],
      tool: { name: 'driftwarden', version: '0.1.0' },
    },
    summary: {
      ...allChecked(3),
      unmanaged: 0,
      missing: 0,
      changed: findings.length,
      byKind: { configuration: findings.length, unmanaged: 0, missing: 0, policy: 0, version: 0 },
      bySeverity: { low: 0, medium: findings.length, high: 0, critical: 0 },
    },
    accounting: NO_ACCOUNTING,
    findings,
    suppressions: [],
  };
}

test('a scan records itself, each newly opened finding and each resolved finding', async () => {
  const path = join(freshDir(), 'history.db');
  const store = await openStore(path);
  const log = store.audit;
  try {
    const first = scanResult('scan-1', '2025-01-01T00:00:00.000Z', [
      finding('a', 'aws_instance.web'),
      finding('b', 'aws_db_instance.main', [
        {
          path: 'password',
          recorded: '(sensitive)',
          observed: '(sensitive)',
          sensitive: true,
          added: ['leaked-value'],
        },
      ]),
    ]);
    const firstHistory = await recordRefreshed(store.history, first);
    const firstEntries = await recordScanInAudit(store, first, firstHistory, { actor: 'ci' });
    assert.deepEqual(
      firstEntries.map((e) => [e.action, e.subject]),
      [
        ['scan.recorded', 'scan-1'],
        ['finding.opened', 'aws_instance.web'],
        ['finding.opened', 'aws_db_instance.main'],
      ],
    );
    assert.equal(firstEntries[0]!.actor, 'ci');
    assert.deepEqual(firstEntries[0]!.details['sources'], ['https://state.example.com/prod']);
    assert.equal(JSON.stringify(firstEntries).includes('leaked-value'), false, 'a sensitive change is masked again');

    const second = scanResult('scan-2', '2025-01-02T00:00:00.000Z', [
      finding('b', 'aws_db_instance.main'),
      finding('c', 'aws_lb.front'),
    ]);
    const secondHistory = await recordRefreshed(store.history, second);
    const secondEntries = await recordScanInAudit(store, second, secondHistory);
    assert.deepEqual(
      secondEntries.map((e) => [e.action, e.subject]),
      [
        ['scan.recorded', 'scan-2'],
        ['finding.opened', 'aws_lb.front'],
        ['finding.resolved', 'aws_instance.web'],
      ],
    );
    assert.equal(secondEntries[2]!.details['findingId'], 'a');
    assert.equal(secondEntries[0]!.actor, 'driftwarden');

    // Recording the same scan again adds nothing.
    await recordScanInAudit(store, second, secondHistory);
    assert.equal((await log.entries()).length, 6);
    assert.equal((await log.verify()).ok, true);
  } finally {
    await store.close();
  }
});

test('a configuration change is recorded once per distinct file hash', async () => {
  const dir = freshDir();
  const config = join(dir, 'driftwarden.yaml');
  writeFileSync(config, 'environments:\n  prod:\n    tier: production\n');
  const store = await openStore(join(dir, 'history.db'));
  const log = store.audit;
  try {
    const first = await recordConfigIfChanged(store, config, 'alice');
    assert.equal(first?.action, 'config.changed');
    assert.equal(first?.details['previousSha256'], null);
    assert.equal(await recordConfigIfChanged(store, config), undefined, 'unchanged file: no entry');
    writeFileSync(config, 'environments:\n  prod:\n    tier: production\n    mode: enforce\n');
    const second = await recordConfigIfChanged(store, config);
    assert.equal(second?.details['previousSha256'], first?.details['sha256']);
    assert.notEqual(second?.details['sha256'], first?.details['sha256']);
    assert.equal((await log.entries({ actions: ['config.changed'] })).length, 2);
    assert.equal(
      JSON.stringify(await log.entries()).includes('enforce'),
      false,
      'only the hash is kept, never the content',
    );
  } finally {
    await store.close();
  }
});

test('history and audit entries recorded in one transaction share one database', async () => {
  const path = join(freshDir(), '.driftwarden', 'history.db');
  const store = await openStore(path);
  try {
    const result = scanResult('scan-1', '2025-01-01T00:00:00.000Z', [finding('a', 'aws_instance.web')]);
    await store.transaction(async (tx) => recordScanInAudit(tx, result, await recordRefreshed(tx.history, result)));
    assert.equal((await store.history.listScans()).length, 1);
    assert.equal((await store.audit.entries()).length, 2);
    assert.equal((await store.audit.verify()).ok, true);
  } finally {
    await store.close();
  }
});
