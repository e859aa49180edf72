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
import { sdkModule, type AwsActionService, type AwsSdkModules } from '../calls.js';
import type { RepositoryContext } from './index.js';
import { collectPages } from './paging.js';

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

/** The IAM action prefix of a service, for error messages and permissions (`elasticloadbalancing:...`). */
const IAM_PREFIX: Partial<Record<AwsActionService, string>> = {
  elbv2: 'elasticloadbalancing',
  efs: 'elasticfilesystem',
  sfn: 'states',
};

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
          const module = await sdkModule(service);
          const paginate = module[`paginate${operation}`] as AnyPaginator;
          const config = { client: ctx.client(service), stopOnSameToken: true, ...(pageSize ? { pageSize } : {}) };
          return collectPages(paginate(config, input) as AsyncIterable<PageOf<S, O>>, pick);
        },
        `${action}:${JSON.stringify(input)}`,
      );
    },
  };
}
export type ListingRepository = ReturnType<typeof createListingRepository>;
