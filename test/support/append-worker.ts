/**
 * A process that appends to the audit chain (store-concurrency.test.ts starts several at once).
 * argv: LOCATION WORKER COUNT. Prints one line per append: seq and hash.
 */
import { openStore } from '../../src/store/index.js';

const [location, worker, count] = process.argv.slice(2);
const store = await openStore(location!);
try {
  for (let i = 1; i <= Number(count); i++) {
    const entry = await store.audit.append({
      actor: `worker-${worker}`,
      action: 'action.test-append',
      subject: `worker-${worker}-${i}`,
      details: { worker: Number(worker), i },
    });
    process.stdout.write(`${entry.seq} ${entry.hash}\n`);
  }
} finally {
  await store.close();
}
