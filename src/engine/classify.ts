/**
 * Classification: the kind of each drift and its severity, with the reasons behind the severity.
 *
 * Kinds: a change to an access or exposure attribute (security-group rules, CIDR blocks, IAM and
 * bucket policies, public-access settings) or any change on an access type (IAM) is `policy`;
 * other changes are `configuration`; absent resources are `missing`; live resources no state
 * manages are `unmanaged`.
 *
 * Severity, from the drift itself (the environment's tier weighs in through the blast radius):
 *   policy        high; critical when it opens access to the world (0.0.0.0/0 or ::/0 ingress,
 *                 a policy with Principal "*" or Action "*", public access turned on);
 *   configuration medium; low when only tags changed; high when it forces a replacement;
 *   missing       high (the next apply recreates it; anything that used it is broken meanwhile);
 *   unmanaged     medium; high for access types (IAM) and for exposed resources.
 */
import type { DriftKind, Severity } from '../model/finding.js';
import type { TypeSemantics } from '../model/semantics.js';
import type { RawChange } from './diff.js';

/** Policy-relevant attributes are declared by each type's catalogue entry (`policy`, `policyType`), only there. */
export function isPolicyAttribute(attribute: string, semantics: TypeSemantics | undefined): boolean {
  if (semantics?.policyType) return true;
  return semantics?.policy?.includes(attribute) ?? false;
}

const WORLD = new Set(['0.0.0.0/0', '::/0']);
/** Ports whose exposure to the world is an incident: SSH, RDP, databases, all ports. */
const ADMIN_PORTS = [22, 3389, 3306, 5432, 1433, 1521, 6379, 27017, 9200];

function exposesToWorld(value: unknown): boolean {
  if (typeof value === 'string') return WORLD.has(value);
  if (Array.isArray(value)) return value.some(exposesToWorld);
  if (value !== null && typeof value === 'object') return Object.values(value).some(exposesToWorld);
  return false;
}

function portRange(rule: unknown): [number, number] | undefined {
  if (rule === null || typeof rule !== 'object') return undefined;
  const r = rule as Record<string, unknown>;
  const protocol = String(r['protocol'] ?? r['ip_protocol'] ?? '');
  if (protocol === '-1' || protocol === 'all') return [0, 65535];
  const from = Number(r['from_port']);
  const to = Number(r['to_port']);
  return Number.isFinite(from) && Number.isFinite(to) ? [from, to] : undefined;
}

function describePorts(range: [number, number] | undefined): string {
  if (!range) return 'some ports';
  if (range[0] === 0 && range[1] >= 65535) return 'all ports';
  return range[0] === range[1] ? `port ${range[0]}` : `ports ${range[0]}-${range[1]}`;
}

/** One reason behind a severity; `critical` is data, never read back from the text. */
interface Reason {
  readonly text: string;
  readonly critical: boolean;
}

/** What an observed value newly allows; empty when it widens nothing. */
function worldExposures(change: RawChange, type: string): Reason[] {
  const reasons: Reason[] = [];
  const introduced = change.added ?? [change.observed];
  for (const element of introduced) {
    if (!exposesToWorld(element)) continue;
    // A whole ingress rule resource (aws_vpc_security_group_ingress_rule) carries its ports at top level.
    const range = portRange(element);
    const direction = change.attribute === 'egress' || type.includes('egress') ? 'egress' : 'ingress';
    if (direction === 'egress') continue; // open egress is AWS's default, not an exposure
    const admin = range !== undefined && ADMIN_PORTS.some((p) => p >= range[0] && p <= range[1]);
    reasons.push({
      text: `world-open ingress (${[...WORLD].filter((w) => JSON.stringify(element).includes(w)).join(', ')}) on ${describePorts(range)}`,
      critical: admin,
    });
  }
  return reasons;
}

function policyDocumentWidens(change: RawChange): Reason[] {
  const text = JSON.stringify(change.observed ?? null);
  const before = JSON.stringify(change.recorded ?? null);
  const reasons: Reason[] = [];
  if (/"Principal":(\{"AWS":\["\*"\]\}|"\*")/.test(text) && !/"Principal":(\{"AWS":\["\*"\]\}|"\*")/.test(before)) {
    reasons.push({ text: 'policy now allows any principal ("*")', critical: true });
  }
  if (/"Action":\["\*"\]/.test(text) && !/"Action":\["\*"\]/.test(before))
    reasons.push({ text: 'policy now allows every action ("*")', critical: true });
  return reasons;
}

const PUBLIC_TOGGLES: Record<string, boolean> = {
  publicly_accessible: true,
  map_public_ip_on_launch: true,
  associate_public_ip_address: true,
  block_public_acls: false,
  block_public_policy: false,
  ignore_public_acls: false,
  restrict_public_buckets: false,
};

export interface ChangeClassification {
  readonly kind: DriftKind;
  readonly severity: Severity;
  readonly reasons: string[];
}

/** Classifies a managed resource's changes (at least one). */
export function classifyChanges(
  type: string,
  changes: ReadonlyArray<RawChange>,
  semantics: TypeSemantics | undefined,
): ChangeClassification {
  const policyChanges = changes.filter((c) => isPolicyAttribute(c.attribute, semantics));
  const reasons: string[] = [];
  if (policyChanges.length > 0) {
    let critical = false;
    for (const change of policyChanges) {
      for (const reason of [...worldExposures(change, type), ...policyDocumentWidens(change)]) {
        critical ||= reason.critical;
        reasons.push(reason.text);
      }
      const toggle = PUBLIC_TOGGLES[change.attribute];
      if (toggle !== undefined && change.observed === toggle) {
        critical ||= change.attribute === 'publicly_accessible';
        reasons.push(`${change.attribute} is now ${String(toggle)}`);
      }
    }
    reasons.push(`access or exposure changed: ${[...new Set(policyChanges.map((c) => c.attribute))].join(', ')}`);
    return { kind: 'policy', severity: critical ? 'critical' : 'high', reasons };
  }
  const replacing = changes.filter((c) => semantics?.forcesReplacement?.includes(c.attribute));
  if (replacing.length > 0) {
    return {
      kind: 'configuration',
      severity: 'high',
      reasons: [`the next apply replaces the resource (${replacing.map((c) => c.attribute).join(', ')})`],
    };
  }
  if (changes.every((c) => c.attribute === 'tags')) {
    return { kind: 'configuration', severity: 'low', reasons: ['only tags changed'] };
  }
  return { kind: 'configuration', severity: 'medium', reasons: ['attributes changed outside Terraform'] };
}

export function classifyMissing(semantics: TypeSemantics | undefined): ChangeClassification {
  return {
    kind: 'missing',
    severity: 'high',
    reasons: [
      semantics?.policyType
        ? 'an access resource recorded in state no longer exists'
        : 'the resource recorded in state no longer exists; the next apply recreates it',
    ],
  };
}

export function classifyUnmanaged(
  type: string,
  attributes: Readonly<Record<string, unknown>>,
  semantics: TypeSemantics | undefined,
): ChangeClassification {
  if (semantics?.policyType) {
    return { kind: 'unmanaged', severity: 'high', reasons: ['an access resource exists that no state manages'] };
  }
  const rules = [attributes['ingress'], type.includes('ingress') ? attributes : undefined].filter(
    (v) => v !== undefined,
  );
  if (rules.some(exposesToWorld)) {
    return { kind: 'unmanaged', severity: 'high', reasons: ['an unmanaged resource opens ingress to the world'] };
  }
  return { kind: 'unmanaged', severity: 'medium', reasons: ['a resource exists that no state manages'] };
}
