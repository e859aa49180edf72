/** CloudTrail attribution: the public surface for the lead's wiring into findings and reports. */
export { attribute, type AttributeOptions, type AttributionClients, type AttributionResult } from './attribute.js';
export {
  attributionKey,
  matchRecords,
  type Attribution,
  type AttributionSource,
  type AttributionTarget,
} from './match.js';
export { classifyVia, isConsole, type Via } from './classify.js';
export { logFileKey, parseLogFile, readLogFile, type CloudTrailRecord } from './records.js';
export type { SourceStatus } from './sources.js';
