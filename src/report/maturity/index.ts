/** Maturity report formats: each renders the same MaturityReport as a string, with no I/O. */
import type { ReportFormat } from '../index.js';
import type { MaturityReport } from '../../model/maturity.js';
import { renderMaturityHtml } from './html.js';
import { renderMaturityJson } from './json.js';
import { renderMaturityJunit } from './junit.js';
import { renderMaturityMarkdown } from './markdown.js';
import { renderMaturitySarif } from './sarif.js';
import { renderMaturityTable } from './table.js';

export function renderMaturityReport(
  report: MaturityReport,
  format: ReportFormat,
  options: { color?: boolean } = {},
): string {
  switch (format) {
    case 'table':
      return renderMaturityTable(report, options);
    case 'json':
      return renderMaturityJson(report);
    case 'sarif':
      return renderMaturitySarif(report);
    case 'junit':
      return renderMaturityJunit(report);
    case 'markdown':
      return renderMaturityMarkdown(report);
    case 'html':
      return renderMaturityHtml(report);
  }
}

export {
  renderMaturityHtml,
  renderMaturityJson,
  renderMaturityJunit,
  renderMaturityMarkdown,
  renderMaturitySarif,
  renderMaturityTable,
};
