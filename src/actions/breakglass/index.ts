/** Break-glass sessions: the API the CLI, the controller and reconcile use. */
export { openBreakglassSessions, BreakglassSessions, validateOpenRequest, sessionScope } from './sessions.js';
export type { BreakglassSession, OpenSessionRequest, SessionStatus } from './sessions.js';
export { parseScope, scopeCovers, type BreakglassScope } from './scope.js';
export { parseTtl, formatDuration, ttlCap, checkTtl, type TtlCap } from './ttl.js';
export { buildSessionWindowReport, type SessionWindowReport, type WindowFinding } from './window-report.js';
export { checkScopeMatches, type ScopeCheck } from './validate-scope.js';
