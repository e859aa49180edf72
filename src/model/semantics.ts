/**
 * How a resource type's attributes compare. Each catalogue entry (src/observers/<cloud>/catalogue)
 * declares these for its type; the engine receives them as data and stays free of I/O. Paths are
 * top-level attribute names, or dotted paths into nested blocks (`root_block_device.volume_size`).
 */
export interface DefaultValue {
  readonly path: string;
  /** The value the API reports when the record has none (or the reverse): not drift. */
  readonly value: unknown;
  /** Which AWS or provider behaviour this answers. */
  readonly why: string;
}

export interface TypeSemantics {
  readonly type: string;
  /** Attributes that are unordered sets (security-group rules, subnet ids of a group). */
  readonly sets?: ReadonlyArray<string>;
  /** Attributes holding JSON documents (IAM policies), compared as canonical JSON. */
  readonly json?: ReadonlyArray<string>;
  /** Attributes holding JSON text with ordered arrays (container definitions): key order ignored, array order kept. */
  readonly orderedJson?: ReadonlyArray<string>;
  /**
   * References the provider stores as written in the configuration, an ARN or the name the ARN ends
   * with (an ECS service's `cluster`, `task_definition`, `iam_role`): compared on the part after the
   * ARN's last `/`. An ARN of another account or partition with the same name compares equal.
   */
  readonly arnOrName?: ReadonlyArray<string>;
  /** Attributes compared without regard to letter case. */
  readonly caseInsensitive?: ReadonlyArray<string>;
  /** Attributes the observer cannot see or the provider computes: never compared. */
  readonly computed?: ReadonlyArray<string>;
  /**
   * Provider attributes the observation does not carry (no bulk API, a per-resource call not made),
   * each with why. Never compared while absent from the observation; each one the record holds is
   * a suppression `not-read:<path>` that `--verbose` lists and JSON counts. An attribute read only
   * with `--deep` is listed here too: deep observations carry it, and then it is compared.
   */
  readonly unread?: ReadonlyArray<{ readonly path: string; readonly why: string }>;
  /** Values that are not drift when the other side has nothing. Off with `--strict`. */
  readonly defaults?: ReadonlyArray<DefaultValue>;
  /** Attributes whose drift is `policy` drift (access or exposure). */
  readonly policy?: ReadonlyArray<string>;
  /** Attributes that force a new resource when they change (Terraform AWS provider `ForceNew`). */
  readonly forcesReplacement?: ReadonlyArray<string>;
  /** True when the whole type is about access (IAM, bucket policy): every drift on it is `policy`. */
  readonly policyType?: boolean;
  /**
   * Attributes that identify a resource when the ids of record and observation cannot agree (the
   * provider stores a random id for an IAM policy attachment; AWS knows it by role and policy ARN).
   * The engine matches by these values when matching by id fails.
   */
  readonly identityAttributes?: ReadonlyArray<string>;
  /**
   * Map attributes the provider reads back only for the keys already in state (the vSphere
   * provider's flattenExtraConfig: vCenter keeps many `extra_config` keys of its own). The engine
   * compares such a map on the recorded keys only; a key added outside Terraform is not drift.
   */
  readonly recordedKeysOnly?: ReadonlyArray<string>;
  /** Attributes of this type that hold secrets even where the state does not mark them sensitive. */
  readonly secretAttributes?: ReadonlyArray<string>;
}

export type SemanticsLookup = (type: string) => TypeSemantics | undefined;
