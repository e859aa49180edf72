/** The moto harness lives with the demo (src/demo/moto.ts), which starts the same emulator. */
export { MOTO_ACCOUNT, startMoto, type Moto } from '../../src/demo/moto.js';
