/**
 * Report formats: each renders the same ScanResult as a string, with no I/O; the CLI picks one and
 * writes it to stdout or, atomically, to a file.
 */
import { DriftwardenError } from '../model/errors.js';
import type { ScanResult } from '../model/scan-result.js';
import { renderHtml } from './scan/html.js';
import { renderJson } from './scan/json.js';
import { renderJunit } from './scan/junit.js';
import { renderMarkdown } from './scan/markdown.js';
import { renderSarif, type SarifLocations } from './scan/sarif.js';
import { renderTable } from './scan/table.js';

export const REPORT_FORMATS = ['table', 'json', 'sarif', 'junit', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour in the table format; the caller decides (a TTY and no NO_COLOR). */
  readonly color?: boolean;
  /** Table format: also list suppressions that fired and API call counts. */
  readonly verbose?: boolean;
  /** Table format: the terminal columns to fit (default 100). */
  readonly width?: number;
  /** SARIF: what physical locations are relative to (src/cli/sarif-locations.ts). */
  readonly locations?: SarifLocations;
}

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as ReadonlyArray<string>).includes(value);
}

/** Validates a user-given format name (a flag value or a config key) with a usable message. */
export function parseReportFormat(value: string, where: { key?: string } = {}): ReportFormat {
  if (isReportFormat(value)) return value;
  throw new DriftwardenError('usage', `unknown report format "${value}"`, {
    ...(where.key ? { key: where.key } : {}),
    nextStep: `use one of: ${REPORT_FORMATS.join(', ')}`,
  });
}

export function renderReport(result: ScanResult, format: ReportFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'table':
      return renderTable(result, options);
    case 'json':
      return renderJson(result);
    case 'sarif':
      return renderSarif(result, options);
    case 'junit':
      return renderJunit(result, options);
    case 'markdown':
      return renderMarkdown(result, options);
    case 'html':
      return renderHtml(result);
  }
}

export { writeReportFile } from './write-file.js';
export { renderHtml, renderJson, renderJunit, renderMarkdown, renderSarif, renderTable };
export { createProgress, silentProgress, type Progress } from './progress.js';
