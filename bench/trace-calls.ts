/**
 * Diagnostic: populates the benchmark estate, runs one scan, prints every SDK call it made
 * (service client, command, input) so a bare peer can be checked call for call.
 *   node dist/bench/trace-calls.js [size] [perType]
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { observeAws } from '../src/observers/aws/observe.js';
import { startMoto } from '../test/support/moto.js';
import { estateMix, populateEstate } from './aws-populate.js';

const size = Number(process.argv[2] ?? 300);
const perType = Number(process.argv[3] ?? 3);
const moto = await startMoto();
try {
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, moto.env());
  await populateEstate(moto.clientConfig('eu-west-1'), estateMix(size), perType);
  const proto = Object.getPrototypeOf(EC2Client.prototype) as { send: (c: { input: unknown }) => Promise<unknown> };
  const send = proto.send;
  const lines: string[] = [];
  proto.send = function (this: object, command: { input: unknown }) {
    lines.push(`${this.constructor.name} ${command.constructor.name} ${JSON.stringify(command.input)}`);
    return send.call(this, command);
  };
  const result = await observeAws({ regions: ['eu-west-1'] });
  proto.send = send;
  for (const l of lines) console.log(l);
  const types = new Map<string, number>();
  for (const r of result.snapshot.resources) types.set(r.type, (types.get(r.type) ?? 0) + 1);
  console.error(
    `types observed: ${types.size}, resources ${result.snapshot.resources.length}, incomplete ${JSON.stringify(result.snapshot.incompleteScopes)}`,
  );
  console.error(JSON.stringify(Object.fromEntries(types)));
  console.error(JSON.stringify(result.apiCalls));
} finally {
  await moto.stop();
}
