/**
 * Sends a plan's API calls through the SDK clients of an AwsClientFactory (so the emulator, custom
 * endpoints, retries and call counting work exactly as for observation). Mechanism only: which
 * calls a type may send, and what happens around a call (a wait, a merge, a detach), is declared by
 * the type's catalogue entry (`revert.sends`, `prune.sends`, `steps`; see observers/aws/calls.ts).
 *
 * Invariants:
 *   - a call is sent only when the entry of the item's type lists its `service:Operation`, and a
 *     step runs only when that entry declares it: a plan file cannot reach any other operation;
 *   - the command class is resolved by name from the service's SDK module, loaded on first use;
 *   - a failure is a typed error: AwsApiError (classified by name and status) naming
 *     `service:Operation`, or WaitTimeoutError when a declared wait outlives its limit.
 */
import type { ApiCall } from '../../model/catalogue.js';
import { DriftwardenError } from '../../model/errors.js';
import {
  isActionService,
  sdkModule,
  type AwsActionService,
  type AwsStep,
  type StepContext,
} from '../../observers/aws/calls.js';
import { catalogueEntry } from '../../observers/aws/catalogue/index.js';
import { loadServiceClients, type AwsClientFactory } from '../../observers/aws/client.js';
import { classifyAwsError } from '../../observers/aws/errors.js';

export interface ExecuteContext {
  readonly clients: AwsClientFactory;
  /** Region for global services (IAM). */
  readonly homeRegion: string;
  readonly account: string;
  /** How long a declared wait (stop, snapshot) may take before it fails. */
  readonly waitTimeoutMs?: number;
}

/** A declared wait did not see its condition in time: the act's outcome is unknown, not failed by AWS. */
export class WaitTimeoutError extends DriftwardenError {
  constructor(what: string, timeoutMs: number) {
    super('aws.error', `timed out after ${Math.round(timeoutMs / 1000)} s waiting until ${what}`, {
      nextStep: 'check the resource in the console, then run `driftwarden reconcile` again (it re-checks by observing)',
    });
    this.name = 'WaitTimeoutError';
  }
}

// The SDK modules span every service's commands: each is looked up by name and constructed with
// the plan's input. This is the executor's one untyped boundary (entries type their calls).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SdkClient = { send(command: unknown): Promise<any> };

/** Why a call of an item of `type` may not be sent, or undefined when its entry declares it. */
export function undeclaredCall(type: string, call: Pick<ApiCall, 'service' | 'operation'>): string | undefined {
  const entry = catalogueEntry(type);
  if (!entry) return `${type} has no catalogue entry`;
  const key = `${call.service}:${call.operation}`;
  const declared = [...(entry.revert?.sends ?? []), ...(entry.prune?.sends ?? [])] as ReadonlyArray<string>;
  return declared.includes(key) ? undefined : `${type} declares no ${key} (its entry's revert.sends / prune.sends)`;
}

async function commandFor(service: AwsActionService, operation: string): Promise<new (input: unknown) => unknown> {
  const module = await sdkModule(service);
  const Command = module[`${operation}Command`] as (new (input: unknown) => unknown) | undefined;
  if (typeof Command !== 'function') throw new Error(`the ${service} SDK has no ${operation}Command`);
  return Command;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function stepContext(ctx: ExecuteContext, region: string): StepContext {
  const timeout = ctx.waitTimeoutMs ?? 300_000;
  return {
    send: async (service, operation, input) => {
      const Command = await commandFor(service, operation);
      await loadServiceClients(service);
      const client = ctx.clients.client(service, region) as SdkClient;
      return (await client.send(new Command(input))) as Record<string, unknown>;
    },
    waitUntil: async (what, check) => {
      const deadline = Date.now() + timeout;
      for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
        if (await check()) return;
        if (Date.now() > deadline) throw new WaitTimeoutError(what, timeout);
        await sleep(delay);
      }
    },
  };
}

function declaredStep(type: string, name: string | undefined, when: 'before' | 'after'): AwsStep | undefined {
  if (name === undefined) return undefined;
  const step = catalogueEntry(type)?.steps?.[name];
  if (!step?.[when]) throw new Error(`${type} declares no ${when} step ${name}`);
  return step;
}

/**
 * Sends one call of an item of `type` (with the steps its entry declares around it). Returns what
 * the audit log records as the call's output (a snapshot id; empty for most calls).
 */
export async function executeCall(type: string, call: ApiCall, ctx: ExecuteContext): Promise<Record<string, unknown>> {
  const region = call.region === 'global' ? ctx.homeRegion : call.region;
  const key = `${call.service}:${call.operation}`;
  const refused = undeclaredCall(type, call);
  if (refused !== undefined || !isActionService(call.service))
    throw new DriftwardenError('usage', `refused to send ${key}: ${refused ?? `unknown service ${call.service}`}`, {
      nextStep: 'plan again with `driftwarden reconcile`; a plan file is never edited by hand',
    });
  const service = call.service;
  const before = declaredStep(type, call.before, 'before');
  const after = declaredStep(type, call.after, 'after');
  const steps = stepContext(ctx, region);
  try {
    const Command = await commandFor(service, call.operation);
    const input = before?.before ? await before.before(call.input, steps) : call.input;
    await loadServiceClients(service);
    const client = ctx.clients.client(service, region) as SdkClient;
    const output = (await client.send(new Command(input))) as Record<string, unknown>;
    return after?.after ? await after.after(input, output, steps) : {};
  } catch (err) {
    if (err instanceof DriftwardenError) throw err;
    throw classifyAwsError(err, { scope: { account: ctx.account, region }, action: key });
  }
}
