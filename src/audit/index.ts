/** The tamper-evident audit log: the API scan, reconcile, the controller and break-glass use. */
export {
  openAuditLog,
  auditLogOn,
  AuditLog,
  type AuditAction,
  type AuditAppend,
  type AuditQuery,
  type LineSink,
} from './log.js';
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
