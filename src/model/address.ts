/**
 * Address helpers shared by every layer. With several states in one scan every address carries its
 * state's label: `network/aws_vpc.main` (`/` never occurs in a Terraform address outside a quoted
 * key, and `:` is kept free for ignore rules' `ADDRESS:PATH`). A single state keeps Terraform's own
 * addresses. A live resource no state manages has the address `<type>."<cloud id>"` (liveAddress).
 */

export const STATE_LABEL_SEPARATOR = '/';

/** What a state label may contain: it must not collide with address or ignore-rule syntax. */
export const STATE_LABEL_PATTERN = /^[A-Za-z0-9_-]+$/;

/**
 * The address a resource instance has in the configuration: the state label (`prod/`) and every
 * instance key (module and resource) removed. `module.net["a"].aws_subnet.x[0]` -> `module.net.aws_subnet.x`.
 */
export function configAddressOf(address: string): string {
  const unlabelled = stripStateLabel(address);
  let out = '';
  let i = 0;
  while (i < unlabelled.length) {
    const ch = unlabelled[i];
    if (ch === '[') {
      i = skipIndex(unlabelled, i);
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** Index of the character after the `[...]` that starts at `start` (string keys may hold `]`). */
function skipIndex(text: string, start: number): number {
  let i = start + 1;
  if (text[i] === '"') {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  }
  while (i < text.length && text[i] !== ']') i++;
  return i + 1;
}

/**
 * Removes the `label/` prefix merged states carry. A Terraform address never contains `/` outside
 * a quoted key, so the prefix is whatever precedes the first `/` before any `[` or `"` (a live
 * address's quoted cloud id may hold `/`: `aws_iam_policy."arn:aws:iam::1:policy/x"`).
 */
export function stripStateLabel(address: string): string {
  const slash = address.indexOf(STATE_LABEL_SEPARATOR);
  if (slash < 0) return address;
  const quoted = address.search(/["[]/);
  return quoted >= 0 && quoted < slash ? address : address.slice(slash + 1);
}

/**
 * The address of a live resource no state manages: `<type>."<cloud id>"`, the id as a JSON string.
 * A Terraform resource name is never quoted, so this can never equal a recorded address (an
 * unmanaged bucket `logs` is `aws_s3_bucket."logs"`, never `aws_s3_bucket.logs`), and a state label
 * is never added to it. Every observer builds live addresses here.
 */
export function liveAddress(type: string, id: string): string {
  return `${type}.${JSON.stringify(id)}`;
}

/** The state label of a merged address, or undefined for a single-state address. */
export function stateLabelOf(address: string): string | undefined {
  const unlabelled = stripStateLabel(address);
  return unlabelled === address ? undefined : address.slice(0, address.length - unlabelled.length - 1);
}
