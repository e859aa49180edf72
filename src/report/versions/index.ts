/**
 * Version-report formats: each renders the same VersionReport as a string, with no I/O. The
 * format names are the scan report's (src/report/index.ts), so `--output` means the same everywhere.
 */
import type { ReportFormat } from '../index.js';
import type { VersionReport } from '../../model/versions.js';
import { renderVersionsHtml } from './html.js';
import { renderVersionsJson } from './json.js';
import { renderVersionsJunit } from './junit.js';
import { renderVersionsMarkdown } from './markdown.js';
import { renderVersionsSarif } from './sarif.js';
import { renderVersionsTable } from './table.js';

export function renderVersionReport(
  report: VersionReport,
  format: ReportFormat,
  options: { color?: boolean } = {},
): string {
  switch (format) {
    case 'table':
      return renderVersionsTable(report, options);
    case 'json':
      return renderVersionsJson(report);
    case 'sarif':
      return renderVersionsSarif(report);
    case 'junit':
      return renderVersionsJunit(report);
    case 'markdown':
      return renderVersionsMarkdown(report);
    case 'html':
      return renderVersionsHtml(report);
  }
}

export {
  renderVersionsHtml,
  renderVersionsJson,
  renderVersionsJunit,
  renderVersionsMarkdown,
  renderVersionsSarif,
  renderVersionsTable,
};
