/**
 * One self-contained HTML page for version drift, in the scan report's style (html-assets.ts):
 * the completeness banner, severity cards, the findings table (filterable with the same inline
 * script; every row is shown without it) and the matrix with drifted rows and differing cells
 * highlighted. Every value passes through escapeHtml, and the Content-Security-Policy forbids any
 * request.
 */
import { SEVERITIES, severityRank } from '../../model/finding.js';
import { isComplete, type VersionReport } from '../../model/versions.js';
import { escapeHtml, htmlPage, REPORT_SCRIPT } from '../scan/html-assets.js';
import {
  cellText,
  completenessLine,
  countBySeverity,
  describeGap,
  findingOf,
  findingsByItem,
  headline,
  rowShowsSource,
  sortedFindings,
  splitGaps,
} from './shared.js';

const MATRIX_CSS = `
table.matrix td.cell { font-family:ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size:12.5px; }
table.matrix td.differs { background:#fff4e5; font-weight:600; }
table.matrix td.unpinned { color:var(--medium); } table.matrix td.not-assessed { color:var(--muted); font-style:italic; }
table.matrix td.absent { color:var(--muted); }
`;

function banner(report: VersionReport): string {
  const { failures, notes } = splitGaps(report);
  if (isComplete(report)) {
    const noteText = notes.length > 0 ? ` ${notes.length} computed value(s) could not be compared (listed below).` : '';
    return `<div class="banner complete" id="assessment"><strong>Assessment complete</strong>${escapeHtml(completenessLine(report) + noteText)}</div>`;
  }
  const items = failures.map((gap) => `<li>${escapeHtml(describeGap(gap))}</li>`).join('');
  return `<div class="banner incomplete" id="assessment" role="alert"><strong>${escapeHtml(completenessLine(report))}</strong><ul>${items}</ul></div>`;
}

function cards(report: VersionReport): string {
  const counts = countBySeverity(report.findings);
  const card = (label: string, value: string, extra = '') =>
    `<div class="card ${extra}"><div class="value">${escapeHtml(value)}</div><div class="label">${escapeHtml(label)}</div></div>`;
  return (
    '<section class="cards" id="summary">' +
    card('environments', String(report.environments.length)) +
    card('items', String(report.items.length)) +
    card('findings', String(report.findings.length)) +
    [...SEVERITIES]
      .reverse()
      .map((s) => card(s, String(counts[s]), s))
      .join('') +
    '</section>'
  );
}

function findingsSection(report: VersionReport): string {
  const findings = sortedFindings(report);
  if (findings.length === 0)
    return '<h2>Findings</h2><p>No version drift: every environment that has an item agrees on its version.</p>';
  const rows = findings.map(
    (finding) =>
      `<tr class="finding" data-id="${escapeHtml(finding.id)}" data-severity="${escapeHtml(finding.severity)}" data-kind="version" data-rank="${severityRank(finding.severity)}">` +
      `<td><span class="sev ${escapeHtml(finding.severity)}">${escapeHtml(finding.severity)}</span></td>` +
      `<td>${escapeHtml(finding.resource.type)}</td><td>${escapeHtml(finding.environment)}</td>` +
      `<td class="address">${escapeHtml(finding.resource.address)}</td>` +
      `<td>${escapeHtml(finding.summary)}<div class="reasons">Why ${escapeHtml(finding.severity)}: ${escapeHtml(finding.reasons.join('; '))}</div></td></tr>`,
  );
  const severityOptions = [...SEVERITIES]
    .reverse()
    .map((s) => `<option value="${s}">${s}</option>`)
    .join('');
  return (
    `<h2>Findings (${findings.length})</h2>` +
    '<div class="filters" id="filters" hidden>' +
    `<label>Severity <select id="filter-severity"><option value="">all</option>${severityOptions}</select></label>` +
    '<label>Kind <select id="filter-kind"><option value="">all</option><option value="version">version</option></select></label>' +
    '<label>Search <input id="filter-text" type="search" placeholder="item, version…"></label>' +
    '<span class="summary" id="visible-count"></span></div>' +
    '<table id="findings"><thead><tr><th data-sort="rank">severity</th><th data-sort="kind">category</th><th data-sort="environment">environment</th>' +
    `<th data-sort="address">item</th><th>values per environment</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`
  );
}

function matrixSection(report: VersionReport): string {
  const byItem = findingsByItem(report);
  const head = report.environments
    .map((env) => `<th>${escapeHtml(env.name)}<div class="summary">${escapeHtml(env.tier)}</div></th>`)
    .join('');
  const rows = report.items.map((item) => {
    const finding = findingOf(item, byItem);
    const withSource = rowShowsSource(item);
    const texts = report.environments.map((env) => cellText(item.cells[env.name], withSource));
    // The finding lists the environments that deviate from its reference value (staging's, else the majority's).
    const deviating = new Set(finding?.changes.map((change) => change.path) ?? []);
    const cells = report.environments.map((env, index) => {
      const cell = item.cells[env.name];
      const state = cell?.state ?? 'absent';
      const differs = deviating.has(env.name);
      const title = cell?.state === 'not-assessed' ? ` title="${escapeHtml(cell.reason)}"` : '';
      return `<td class="cell ${state}${differs ? ' differs' : ''}"${title}>${escapeHtml(texts[index] ?? '-')}</td>`;
    });
    const severity = finding
      ? `<span class="sev ${escapeHtml(finding.severity)}">${escapeHtml(finding.severity)}</span>`
      : '';
    return `<tr data-key="${escapeHtml(item.key)}"><td>${severity}</td><td>${escapeHtml(item.category)}</td><td class="address">${escapeHtml(item.address)}</td>${cells.join('')}</tr>`;
  });
  return (
    '<h2>Version matrix</h2><table class="matrix" id="matrix"><thead><tr><th></th><th>category</th><th>item</th>' +
    `${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table>` +
    '<p class="summary">- absent · ? not assessed · (unpinned) no version</p>'
  );
}

function notesSection(report: VersionReport): string {
  const { notes } = splitGaps(report);
  if (notes.length === 0) return '';
  return `<h2>Not compared (${notes.length})</h2><ul class="plain">${notes.map((n) => `<li>${escapeHtml(describeGap(n))}</li>`).join('')}</ul>`;
}

export function renderVersionsHtml(report: VersionReport): string {
  const title = headline(report);
  const meta = `driftwarden ${report.tool.version} · ${report.generatedAt} · ${report.environments.map((e) => `${e.name}: ${e.path}`).join(' · ')}`;
  return htmlPage({
    title,
    meta,
    css: MATRIX_CSS,
    body: [banner(report), cards(report), findingsSection(report), matrixSection(report), notesSection(report)].join(
      '\n',
    ),
    footer: `Generated by Driftwarden ${report.tool.version} · versions schema ${report.schemaVersion}`,
    script: REPORT_SCRIPT,
  });
}
