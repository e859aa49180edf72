/**
 * The peer of `driftwarden scan` in the start-up benchmark: a fresh Node.js process that loads the
 * SDK clients and lists every type the scan observes in one region (bench/aws-bare.ts), nothing
 * else. Reads the emulator's endpoint and credentials from the environment, as the CLI does.
 *
 *   AWS_ENDPOINT_URL=... AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... node dist/bench/startup-bare.js REGION
 */
import { bareListing } from './aws-bare.js';

const region = process.argv[2] ?? 'eu-west-1';
const endpoint = process.env['AWS_ENDPOINT_URL'];
if (!endpoint) throw new Error('startup-bare: AWS_ENDPOINT_URL is not set');
const listed = await bareListing({
  endpoint,
  region,
  forcePathStyle: true,
  credentials: {
    accessKeyId: process.env['AWS_ACCESS_KEY_ID'] ?? '',
    secretAccessKey: process.env['AWS_SECRET_ACCESS_KEY'] ?? '',
  },
});
process.stdout.write(`${listed.items} items\n`);
