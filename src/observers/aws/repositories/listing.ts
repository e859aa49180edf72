/**
 * The listing every service shares: one paginated SDK operation, named by an entry and typed
 * against the SDK at compile time, paged to the end, memoized per scope by (service, operation,
 * input) and classified on failure like every other repository listing. A type whose API has one
 * bulk listing needs nothing more; a service repository file is for what needs joining, fan-out or
 * filtering (a group and its rules, attributes per resource, AWS-managed objects).
 *
 * Invariants: a listing is complete or an AwsApiError naming `<iam prefix>:<Operation>`, never
 * partial; a repeated token ends it (a broken endpoint cannot loop forever); the SDK module is
 * loaded on first use.
 */
import { sdkModule, type AwsActionService, type AwsInput, type AwsOperation, type AwsSdkModules } from '../calls.js';
import { loadServiceClients } from '../client.js';
import type { RepositoryContext } from './index.js';
import { collectPages, mapLimit } from './paging.js';

/** Operations of a service with an SDK paginator (`paginate<Operation>`). */
export type PaginatedOperation<S extends AwsActionService> = {
  [K in keyof AwsSdkModules[S] & string]: K extends `paginate${infer O}` ? O : never;
}[keyof AwsSdkModules[S] & string];

type PaginatorOf<S extends AwsActionService, O extends string> = AwsSdkModules[S][`paginate${O}` &
  keyof AwsSdkModules[S]];

/** The input a paginated operation takes. */
export type PageInput<S extends AwsActionService, O extends PaginatedOperation<S>> =
  PaginatorOf<S, O> extends (config: never, input: infer I, ...rest: never[]) => unknown ? I : never;

/** One page an operation returns. */
export type PageOf<S extends AwsActionService, O extends PaginatedOperation<S>> =
  PaginatorOf<S, O> extends (...args: never[]) => AsyncIterable<infer P> ? P : never;

type CommandOf<S extends AwsActionService, O extends string> = AwsSdkModules[S][`${O}Command` & keyof AwsSdkModules[S]];

/** The output of one operation (what its command's handler resolves to). */
export type AwsOutput<S extends AwsActionService, O extends AwsOperation<S>> =
  CommandOf<S, O> extends new (...args: never[]) => {
    resolveMiddleware(...args: never[]): (args: never) => Promise<{ output: infer R }>;
  }
    ? R
    : never;

/** The IAM action prefix of a service, for error messages and permissions (`elasticloadbalancing:...`). */
const IAM_PREFIX: Partial<Record<AwsActionService, string>> = {
  elbv2: 'elasticloadbalancing',
  efs: 'elasticfilesystem',
  sfn: 'states',
  elb: 'elasticloadbalancing',
};

function errorName(err: unknown): string {
  return typeof err === 'object' && err !== null && typeof (err as { name?: unknown }).name === 'string'
    ? (err as { name: string }).name
    : '';
}

// The paginator is looked up by name: its config and input are checked by `list`'s signature.
type AnyPaginator = (config: unknown, input: unknown) => AsyncIterable<unknown>;

export function createListingRepository(ctx: RepositoryContext) {
  return {
    /**
     * Every item of `operation` in this scope: `pick` returns one page's items. Two entries that
     * list the same operation with the same input share one listing.
     */
    list<S extends AwsActionService, O extends PaginatedOperation<S>, T>(
      service: S,
      operation: O,
      input: PageInput<S, O>,
      pick: (page: PageOf<S, O>) => ReadonlyArray<T> | undefined,
      pageSize?: number,
    ): Promise<T[]> {
      const action = `${IAM_PREFIX[service] ?? service}:${operation}`;
      return ctx.list(
        action,
        async () => {
          const [module] = await Promise.all([sdkModule(service), loadServiceClients(service)]);
          const paginate = module[`paginate${operation}`] as AnyPaginator;
          const config = { client: ctx.client(service), stopOnSameToken: true, ...(pageSize ? { pageSize } : {}) };
          return collectPages(paginate(config, input) as AsyncIterable<PageOf<S, O>>, pick);
        },
        `${action}:${JSON.stringify(input)}`,
      );
    },

    /**
     * One read of one resource where the API has no bulk form (attributes, policy, targets of one
     * item), memoized per (operation, input) in this scope and classified like a listing on failure.
     * An error named in `absent` answers undefined: the resource vanished after the listing, or the
     * configuration was never set; any other error fails the type's scope.
     */
    read<S extends AwsActionService, O extends AwsOperation<S>>(
      service: S,
      operation: O,
      input: AwsInput<S, O>,
      absent: ReadonlyArray<string> = [],
    ): Promise<AwsOutput<S, O> | undefined> {
      const action = `${IAM_PREFIX[service] ?? service}:${operation}`;
      return ctx.list(
        action,
        async () => {
          const [module] = await Promise.all([sdkModule(service), loadServiceClients(service)]);
          const Command = module[`${operation}Command`] as new (input: unknown) => unknown;
          const client = ctx.client(service) as unknown as { send(command: unknown): Promise<AwsOutput<S, O>> };
          try {
            return await client.send(new Command(input));
          } catch (err) {
            if (absent.includes(errorName(err))) return undefined;
            throw err;
          }
        },
        `${action}:${JSON.stringify(input)}`,
      );
    },

    /** Runs `fn` over `items` with at most the scope's fan-out in flight (per-resource reads), in order. */
    each<I, R>(items: ReadonlyArray<I>, fn: (item: I) => Promise<R>): Promise<R[]> {
      return mapLimit(items, ctx.fanOut, fn);
    },
  };
}
export type ListingRepository = ReturnType<typeof createListingRepository>;
