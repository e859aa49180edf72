/**
 * How Driftwarden enters the member accounts of an AWS Organization: one role name in every
 * member, given as a role ARN whose account id is replaced by each member's. Kept apart from
 * organization.ts so the command line can read the config without loading the Organizations SDK.
 */

/** Scan every account of the organization the credentials can list (`aws.organization: true`). */
export interface OrganizationSpec {
  /** A role ARN in any account: its account id is replaced by each member's (`assume_role`). */
  readonly roleArn: string;
  /** Passed to every AssumeRole (`external_id`). */
  readonly externalId?: string;
  /** The profile whose credentials may call organizations:ListAccounts (default: the default chain). */
  readonly profile?: string;
}

/** The role ARN of one member account: the template's account id replaced. */
export function memberRoleArn(template: string, account: string): string {
  return template.replace(/^(arn:[^:]+:iam::)\d{12}(:)/, `$1${account}$2`);
}
