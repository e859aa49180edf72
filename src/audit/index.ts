/**
 * The tamper-evident audit log's rules, as pure code: canonical content, hashing, verification and
 * redaction. Its rows are read and written by the store (src/store/audit-log.ts).
 */
export {
  GENESIS_HASH,
  entryHash,
  verifyChain,
  type AuditEntry,
  type AuditEntryContent,
  type VerifyResult,
} from './chain.js';
export { recordScanInAudit, recordConfigIfChanged, SYSTEM_ACTOR, type RecordScanAuditOptions } from './record.js';
export { systemClock, type Clock } from './clock.js';
export { canonicalJson } from './canonical.js';
export { redactDetails } from './redact.js';
