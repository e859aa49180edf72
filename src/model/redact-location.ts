/**
 * Locations fit for messages, reports and the store: a state URL may carry credentials
 * (`https://user:token@host/state`, `?access_token=...`). One implementation for every place that
 * shows or keeps a location, so none of them can forget a case (an unparseable URL included).
 */

const SECRET_PARAMETER = /token|secret|pass|sig|key|auth|credential/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** User and password removed; values of query parameters that look like secrets replaced. */
export function redactLocation(location: string): string {
  if (!SCHEME.test(location)) return redactUnparseableLocation(location);
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return redactUnparseableLocation(location);
  }
  url.username = '';
  url.password = '';
  for (const key of [...url.searchParams.keys()]) {
    if (SECRET_PARAMETER.test(key)) url.searchParams.set(key, 'REDACTED');
  }
  return url.toString();
}

/**
 * For a URL the parser refuses: everything between the scheme and the last `@` is dropped (a
 * password may itself hold `@`, `/` or `:`), and so are the query and fragment (their parameters
 * cannot be told apart reliably). Over-redacting an odd path is the safe side.
 */
export function redactUnparseableLocation(location: string): string {
  const scheme = SCHEME.exec(location)?.[0];
  // Not even a scheme: still no `//user:password@` anywhere in it.
  if (scheme === undefined) return location.replace(/\/\/\S*@/g, '//');
  const rest = location.slice(scheme.length);
  return `${scheme}${rest.slice(rest.lastIndexOf('@') + 1)}`.replace(/[?#][\s\S]*$/, '');
}

/** decodeURIComponent that never throws (a malformed %-escape stays as written). */
export function decodeUriPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
