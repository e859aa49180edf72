/**
 * Who made a change, and how: the principal of a CloudTrail record and whether the change came
 * from the console ("ClickOps"), from a configured pipeline principal, or from anything else.
 *
 * Console wins over pipeline: a person who assumes the pipeline's role in the console is still
 * clicking, and that is what a reviewer needs to see.
 */
import type { CloudTrailRecord } from './records.js';

export type Via = 'console' | 'pipeline' | 'other';

/** User agents the console and console sign-in write into records. */
const CONSOLE_AGENTS = new Set(['console.amazonaws.com', 'signin.amazonaws.com']);

/** True when the record comes from a console session. */
export function isConsole(record: CloudTrailRecord): boolean {
  const agent = record.userAgent ?? '';
  // CloudTrail sets this field on every event made with console session credentials, whatever
  // the user agent (the console calls many services as `AWS Internal` or a service console agent).
  if (record.sessionCredentialFromConsole === 'true') return true;
  if (CONSOLE_AGENTS.has(agent)) return true;
  // Some service consoles prefix their own name (`[S3Console/0.4]`), or embed the console host.
  return /^\[?S3Console\//.test(agent) || agent.includes('console.amazonaws.com');
}

/** The IAM role ARN of an assumed-role session ARN, without the role path (which the session ARN omits). */
export function roleArnOfSession(arn: string): string | undefined {
  const m = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : undefined;
}

/**
 * The ARNs a record's principal can be named by in the pipeline list: its own ARN, and for a role
 * session the issuing role (with its path, from sessionIssuer) and the role derived from the
 * session ARN (without path).
 */
export function principalNames(record: CloudTrailRecord): string[] {
  const identity = record.userIdentity ?? {};
  const names = new Set<string>();
  if (identity.arn) {
    names.add(identity.arn);
    const role = roleArnOfSession(identity.arn);
    if (role) names.add(role);
  }
  const issuer = identity.sessionContext?.sessionIssuer?.arn;
  if (issuer) names.add(issuer);
  return [...names];
}

export function classifyVia(record: CloudTrailRecord, pipelinePrincipals: ReadonlySet<string>): Via {
  if (isConsole(record)) return 'console';
  if (principalNames(record).some((name) => pipelinePrincipals.has(name))) return 'pipeline';
  return 'other';
}

/** The principal to show: the ARN, else the service that acted, else the principal id. */
export function principalOf(record: CloudTrailRecord): string {
  const identity = record.userIdentity ?? {};
  return identity.arn ?? identity.invokedBy ?? identity.principalId ?? 'unknown';
}
