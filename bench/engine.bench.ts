/**
 * `npm run bench`: the engine on synthetic estates of 1k, 10k and 100k resources (~20 attributes,
 * 5% drifted), against a bare JSON.parse of the same inputs, measured in the same run.
 * Targets at 100k: the whole engine within 2x the bare parse, peak RSS under 1 GB.
 * Each measurement runs in a fresh process; times are medians. Pass sizes to run a subset:
 * `node --expose-gc dist/bench/engine.bench.js 1000 10000`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateEstate } from './generate.js';

const child = join(dirname(fileURLToPath(import.meta.url)), 'engine.child.js');
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const dir = mkdtempSync(join(tmpdir(), 'driftwarden-bench-'));

function measure(args: string[]): Record<string, number> {
  const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', child, ...args], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as Record<string, number>;
}

const rows: string[] = [];
try {
  for (const size of sizes.length ? sizes : [1_000, 10_000, 100_000]) {
    const estate = generateEstate(size);
    const statePath = join(dir, `state-${size}.json`);
    const observedPath = join(dir, `observed-${size}.json`);
    writeFileSync(statePath, estate.stateText);
    writeFileSync(observedPath, estate.observedText);
    const runs = size >= 100_000 ? 5 : 9;
    const time = measure(['time', statePath, observedPath, String(runs)]);
    const rssEngine = measure(['rss', statePath, observedPath, 'engine']);
    const rssParse = measure(['rss', statePath, observedPath, 'parse']);
    const ratio = time['engineMs']! / time['parseMs']!;
    const mb = ((estate.stateText.length + estate.observedText.length) / 1e6).toFixed(1);
    rows.push(
      `| ${size.toLocaleString('en')} | ${mb} MB | ${estate.drifted} | ${time['findings']} | ${time['parseMs']!.toFixed(1)} | ${time['engineMs']!.toFixed(1)} | ${ratio.toFixed(2)}x | ${rssParse['maxRssMb']!.toFixed(0)} | ${rssEngine['maxRssMb']!.toFixed(0)} |`,
    );
    console.error(`bench: ${size} done`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`Node ${process.version}, ${new Date().toISOString()}; medians; each size in fresh processes`);
console.log(
  '| resources | input | drifted | findings | bare JSON.parse ms | engine ms | engine / parse | parse peak RSS MB | engine peak RSS MB |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
