/** The moto harness lives with the demo (demo/moto.ts), which starts the same emulator. */
export { MOTO_ACCOUNT, startMoto, type Moto } from '../../demo/moto.js';
