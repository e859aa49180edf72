/**
 * An AWS Organization's accounts, as scan targets: ListAccounts (paginated) with the management
 * account's credentials (or a delegated administrator's), then each ACTIVE account entered through
 * STS AssumeRole on the configured role (its account id replaced by the member's) with the
 * configured external id. Suspended, closed and pending accounts are not scanned (nothing runs
 * there, or nothing can be entered yet); they are named in the result so reports can say so.
 *
 * A failed listing is returned as data: the caller marks the organization's scopes unchecked
 * (account unknown) and still scans the accounts configured by id.
 */
import { OrganizationsClient, paginateListAccounts } from '@aws-sdk/client-organizations';
import {
  countingPlugin,
  credentialsFor,
  DEFAULT_MAX_ATTEMPTS,
  type ApiCallCounter,
  type AwsAccountSpec,
} from './client.js';
import { classifyAwsError, type AwsApiError } from './errors.js';
import { memberRoleArn, type OrganizationSpec } from './member-role.js';

export { memberRoleArn, type OrganizationSpec } from './member-role.js';

export interface OrganizationAccounts {
  /** One spec per ACTIVE member, in the order ListAccounts returned them. */
  readonly accounts: ReadonlyArray<AwsAccountSpec>;
  /** Members not scanned, with their state. */
  readonly skipped: ReadonlyArray<{ readonly account: string; readonly state: string }>;
  /** Set when the accounts could not be listed: nothing of the organization is known. */
  readonly failure?: AwsApiError;
}

/** The region of the Organizations API (a global service served from us-east-1). */
const ORGANIZATIONS_REGION = 'us-east-1';

export async function organizationAccounts(
  spec: OrganizationSpec,
  counter: ApiCallCounter,
): Promise<OrganizationAccounts> {
  const clientOptions = { counter };
  const client = new OrganizationsClient({
    region: ORGANIZATIONS_REGION,
    credentials: credentialsFor(spec.profile !== undefined ? { profile: spec.profile } : {}, clientOptions),
    retryMode: 'adaptive',
    maxAttempts: DEFAULT_MAX_ATTEMPTS,
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 60_000 },
  });
  client.middlewareStack.use(countingPlugin(counter, 'organizations'));
  const accounts: AwsAccountSpec[] = [];
  const skipped: Array<{ account: string; state: string }> = [];
  try {
    for await (const page of paginateListAccounts({ client, pageSize: 20 }, {})) {
      for (const account of page.Accounts ?? []) {
        if (account.Id === undefined || !/^\d{12}$/.test(account.Id)) continue;
        // `State` replaces `Status` (retired in 2026); either says whether the account is usable.
        const state = account.State ?? account.Status ?? 'ACTIVE';
        if (state !== 'ACTIVE') {
          skipped.push({ account: account.Id, state });
          continue;
        }
        accounts.push({
          account: account.Id,
          roleArn: memberRoleArn(spec.roleArn, account.Id),
          ...(spec.externalId !== undefined ? { externalId: spec.externalId } : {}),
        });
      }
    }
    return { accounts, skipped };
  } catch (err) {
    const failure = classifyAwsError(err, {
      scope: { account: 'organization', region: ORGANIZATIONS_REGION },
      action: 'organizations:ListAccounts',
    });
    return { accounts: [], skipped, failure };
  } finally {
    client.destroy();
  }
}
