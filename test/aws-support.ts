/**
 * Shared set-up for the AWS observation tests (test/aws-*.test.ts): one moto per test file,
 * reset between tests, and the process environment pointed at it the way a user would configure
 * the SDK (AWS_ENDPOINT_URL, credentials and region in the environment). Nothing is mocked.
 */
import { after, before, beforeEach } from 'node:test';
import { startMoto, type Moto } from './support/moto.js';

export interface MotoHandle {
  moto: Moto;
}

/** Starts moto for the file, points process.env at it, resets it before every test. */
export function useMoto(): MotoHandle {
  const handle = {} as MotoHandle;
  before(async () => {
    handle.moto = await startMoto();
    for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
    Object.assign(process.env, handle.moto.env({ AWS_MAX_ATTEMPTS: '2' }));
  });
  beforeEach(async () => {
    await handle.moto.reset();
  });
  after(async () => {
    await handle.moto?.stop();
  });
  return handle;
}
