/**
 * One self-contained HTML file: summary cards, the incomplete-scope banner, a findings table that
 * can be filtered and sorted (with a little inline script; without it every row is still shown),
 * recorded vs observed per finding, apply impact, and history (new and resolved). Every value
 * passes through escapeHtml, and a Content-Security-Policy forbids any request: opening the
 * report never contacts anything.
 */
import { DRIFT_KINDS, SEVERITIES, severityRank, type AttributeChange, type Finding } from '../../model/finding.js';
import type { ScanResult } from '../../model/scan-result.js';
import { REPORT_SCRIPT, escapeHtml, htmlPage } from './html-assets.js';
import { renderGraphSvg } from './graph-svg.js';
import { GRAPH_VIEW_CSS, graphFigure, graphViewScript } from '../graph-view.js';
import {
  blastRadiusFactorLines,
  cascadeLines,
  changeElements,
  changeValue,
  describeScopeWithNextStep,
  formatCount,
  formatCoverage,
  formatValue,
  impactLabel,
  attributionLabel,
  scanNotes,
  newFindingIds,
  sortFindings,
} from '../values.js';
import {
  bucketLine,
  coverageLine,
  existenceLine,
  hasAccountingNotes,
  notCoveredByProvider,
  notCoveredLine,
  uncheckedLine,
  uncheckedNextStep,
} from '../accounting.js';

/** Values longer than this are cut in the page; the JSON report has them whole. */
const MAX_VALUE_CHARS = 2000;

function valueHtml(value: unknown): string {
  let text = typeof value === 'object' && value !== null ? JSON.stringify(value, null, 2) : formatValue(value);
  if (text.length > MAX_VALUE_CHARS)
    text = `${text.slice(0, MAX_VALUE_CHARS)}\n… (${text.length - MAX_VALUE_CHARS} more characters)`;
  return `<code>${escapeHtml(text)}</code>`;
}

function card(label: string, value: string, extraClass = ''): string {
  return `<div class="card ${extraClass}"><div class="value">${escapeHtml(value)}</div><div class="label">${escapeHtml(label)}</div></div>`;
}

function attributionNotes(result: ScanResult): string {
  const notes = scanNotes(result);
  return notes.length === 0
    ? ''
    : `<div class="notes">${notes.map((note) => `<p>${escapeHtml(note)}</p>`).join('')}</div>`;
}

function banner(result: ScanResult): string {
  const { scan } = result;
  if (scan.complete) {
    return (
      '<div class="banner complete" id="scan-status"><strong>Scan complete</strong>Every scope the scan was meant to observe was observed.</div>' +
      attributionNotes(result)
    );
  }
  const scopes = scan.incompleteScopes
    .map((scope) => `<li>${escapeHtml(describeScopeWithNextStep(scope))}</li>`)
    .join('');
  return (
    '<div class="banner incomplete" id="scan-status" role="alert">' +
    `<strong>Scan INCOMPLETE: ${scan.incompleteScopes.length} scope(s) could not be checked</strong>` +
    'Resources in these scopes are counted as unchecked, never as missing.' +
    `<ul>${scopes}</ul></div>` +
    attributionNotes(result)
  );
}

function cards(result: ScanResult): string {
  const { summary } = result;
  const counts = [
    card('managed', String(summary.managed)),
    card('unmanaged', formatCount(summary.unmanaged)),
    card('missing', String(summary.missing)),
    card('changed', String(summary.changed)),
    card('checked', String(summary.checked)),
    card('unchecked', String(summary.unchecked)),
    card('existence only', String(summary.existence)),
    card('not covered', String(summary.notCovered)),
    card('coverage (compared)', formatCoverage(summary.coverage)),
    card('confirmed to exist', formatCoverage(summary.existenceCoverage)),
  ];
  const severities = [...SEVERITIES]
    .reverse()
    .map((severity) => card(severity, String(summary.bySeverity[severity] ?? 0), severity));
  return `<section class="cards" id="summary">${counts.join('')}</section>\n<section class="cards" style="margin-top:12px">${severities.join('')}</section>`;
}

function changeRow(change: AttributeChange): string {
  const path = `<td>${escapeHtml(change.path)}${change.policy ? ' <span class="badge-new" style="background:#b42318">policy</span>' : ''}</td>`;
  const added = changeElements(change, 'added');
  const removed = changeElements(change, 'removed');
  if (added || removed) {
    // An unordered set: the difference is what matters; the whole sets stay one click away.
    const full =
      '<details><summary class="reasons">whole sets</summary>' +
      `<div class="reasons">recorded</div>${valueHtml(changeValue(change, 'recorded'))}` +
      `<div class="reasons">observed</div>${valueHtml(changeValue(change, 'observed'))}</details>`;
    const side = (label: string, elements: ReadonlyArray<unknown> | undefined) =>
      elements && elements.length > 0
        ? `<div class="reasons">${label}</div>${valueHtml(elements)}`
        : `<div class="reasons">nothing ${label}</div>`;
    return `<tr>${path}<td class="recorded">${side('removed', removed)}</td><td class="observed">${side('added', added)}${full}</td></tr>`;
  }
  return (
    `<tr>${path}<td class="recorded">${valueHtml(changeValue(change, 'recorded'))}</td>` +
    `<td class="observed">${valueHtml(changeValue(change, 'observed'))}</td></tr>`
  );
}

function changesHtml(finding: Finding): string {
  if (finding.changes.length === 0) return '';
  return (
    '<table class="changes"><thead><tr><th>attribute</th><th>recorded</th><th>observed</th></tr></thead><tbody>' +
    finding.changes.map(changeRow).join('') +
    '</tbody></table>'
  );
}

function findingRow(finding: Finding, fresh: ReadonlySet<string>, firstSeen: Readonly<Record<string, string>>): string {
  const impact = impactLabel(finding.impact);
  const isNew = fresh.has(finding.id);
  const seen = firstSeen[finding.id];
  const history = isNew ? '<span class="badge-new">NEW</span>' : seen ? `since ${escapeHtml(seen.slice(0, 10))}` : '';
  return (
    `<tr class="finding" data-id="${escapeHtml(finding.id)}" data-severity="${escapeHtml(finding.severity)}" data-kind="${escapeHtml(finding.kind)}" data-rank="${severityRank(finding.severity)}"` +
    ` data-environment="${escapeHtml(finding.environment)}" data-address="${escapeHtml(finding.resource.address)}" data-type="${escapeHtml(finding.resource.type)}"` +
    ` data-impact="${escapeHtml(impact)}" data-blast="${finding.blastRadius?.score ?? -1}">` +
    `<td><span class="sev ${escapeHtml(finding.severity)}">${escapeHtml(finding.severity)}</span></td>` +
    `<td>${escapeHtml(finding.kind)}</td>` +
    `<td>${escapeHtml(finding.environment)}</td>` +
    `<td class="address">${escapeHtml(finding.resource.address)}<div class="summary">${escapeHtml(finding.resource.id ?? '')}</div></td>` +
    `<td class="type">${escapeHtml(finding.resource.type)}</td>` +
    `<td>${escapeHtml(finding.summary)}${changesHtml(finding)}` +
    (finding.reasons.length > 0
      ? `<div class="reasons">Why ${finding.severity}: ${escapeHtml(finding.reasons.join('; '))}</div>`
      : '') +
    (finding.attribution
      ? `<div class="attribution${finding.attribution.via === 'console' ? ' console' : ''}">Changed by ${escapeHtml(attributionLabel(finding.attribution))}</div>`
      : '') +
    '</td>' +
    `<td class="impact ${finding.impact?.action ?? ''}">${escapeHtml(impact)}${cascadeHtml(finding)}</td>` +
    `<td class="blast">${blastRadiusHtml(finding)}</td>` +
    `<td>${history}</td></tr>`
  );
}

/** The resources a replacement forces changes on, one click away. */
function cascadeHtml(finding: Finding): string {
  const lines = cascadeLines(finding.impact);
  if (lines.length === 0) return '';
  return `<details class="cascade"><summary class="reasons">cascade (${lines.length})</summary><ul class="reasons">${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul></details>`;
}

/** Score and level; the factors show on hover (title) and on expanding. */
function blastRadiusHtml(finding: Finding): string {
  const radius = finding.blastRadius;
  if (!radius) return '';
  const lines = blastRadiusFactorLines(radius);
  return (
    `<details title="${escapeHtml(lines.join('\n'))}"><summary><span class="sev ${escapeHtml(radius.level)}">${radius.score}</span> ${escapeHtml(radius.level)}</summary>` +
    `<ul class="reasons">${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul></details>`
  );
}

/** The dependency graph as an inline SVG (graph-svg.ts) with pan and zoom; nothing when the scan has none. */
function graphSection(result: ScanResult): string {
  const graph = result.graph;
  if (!graph || graph.nodes.length === 0) return '';
  const picture = renderGraphSvg(graph);
  const note = picture.limited
    ? `Showing ${picture.shownNodes} of ${picture.totalNodes} resources: the neighbourhood of the drifted ones (what depends on them, and what they depend on directly). \`driftwarden graph\` exports all of it.`
    : `${picture.totalNodes} resources, ${graph.edges.length} dependencies.`;
  const legend = [...SEVERITIES]
    .reverse()
    .map((severity) => `<span class="sev ${severity}">${severity}</span>`)
    .join(' ');
  return (
    '<h2 id="dependency-graph">Dependency graph</h2>' +
    graphFigure(picture, {
      label: 'Dependency graph',
      captionHtml: `${escapeHtml(note)} Arrows point from a resource to what it depends on; dashed arrows are references by id, dashed borders unmanaged resources. Worst finding: ${legend}`,
    })
  );
}

function filters(): string {
  const severityOptions = [...SEVERITIES]
    .reverse()
    .map((severity) => `<option value="${severity}">${severity}</option>`)
    .join('');
  const kindOptions = DRIFT_KINDS.map((kind) => `<option value="${kind}">${kind}</option>`).join('');
  // Hidden until the script runs: controls that do nothing without it would mislead.
  return (
    '<div class="filters" id="filters" hidden>' +
    `<label>Severity <select id="filter-severity"><option value="">all</option>${severityOptions}</select></label>` +
    `<label>Kind <select id="filter-kind"><option value="">all</option>${kindOptions}</select></label>` +
    '<label>Search <input id="filter-text" type="search" placeholder="address, value…"></label>' +
    '<span class="summary" id="visible-count"></span></div>'
  );
}

/** Addresses one click away: the page is for browsing, so they are always there, collapsed. */
function addressList(addresses: ReadonlyArray<string>): string {
  return (
    `<details><summary class="reasons">${addresses.length} address${addresses.length === 1 ? '' : 'es'}</summary>` +
    `<ul class="plain">${addresses.map((a) => `<li><code>${escapeHtml(a)}</code></li>`).join('')}</ul></details>`
  );
}

/** Unchecked scopes with next steps, existence-only types, not-covered types by provider. */
function accountingSection(result: ScanResult): string {
  if (!hasAccountingNotes(result)) return '';
  const { accounting } = result;
  const parts = [
    `<h2 id="accounting">What was not checked</h2><p class="summary">${escapeHtml(bucketLine(result.summary))}; ${escapeHtml(coverageLine(result.summary))}</p>`,
  ];
  if (accounting.unchecked.length > 0) {
    const items = accounting.unchecked
      .map(
        (group) =>
          `<li>${escapeHtml(uncheckedLine(group))}<div class="reasons">next step: ${escapeHtml(uncheckedNextStep(group))}</div>${addressList(group.addresses)}</li>`,
      )
      .join('');
    parts.push(`<h3>Unchecked (${result.summary.unchecked})</h3><ul class="plain" id="unchecked">${items}</ul>`);
  }
  if (accounting.existence.length > 0) {
    const items = accounting.existence
      .map((group) => `<li>${escapeHtml(existenceLine(group))}${addressList(group.addresses)}</li>`)
      .join('');
    parts.push(`<h3>Existence only (${result.summary.existence})</h3><ul class="plain">${items}</ul>`);
  }
  if (accounting.notCovered.length > 0) {
    const items = notCoveredByProvider(result)
      .map(
        ({ provider, count, groups }) =>
          `<li><strong>${escapeHtml(provider)}</strong>: ${count}<ul class="plain">${groups
            .map((group) => `<li>${escapeHtml(notCoveredLine(group))}${addressList(group.addresses)}</li>`)
            .join('')}</ul></li>`,
      )
      .join('');
    parts.push(`<h3>Not covered (${result.summary.notCovered})</h3><ul class="plain" id="not-covered">${items}</ul>`);
  }
  return parts.join('');
}

/**
 * A sortable column: the script turns the label into a button (sorting needs it; without the script
 * the header stays plain text) and keeps aria-sort on the sorted column. Numbers sort largest first
 * on the first press (most severe, widest blast radius), text A to Z; the rows start sorted by
 * severity, most severe first, so that column starts `descending`.
 */
function sortHeader(label: string, key: string, type: 'number' | 'text', current?: 'descending'): string {
  return `<th scope="col" data-sort="${key}" data-sort-type="${type}"${current ? ` aria-sort="${current}"` : ''}>${escapeHtml(label)}</th>`;
}

function findingsSection(result: ScanResult): string {
  const sorted = sortFindings(result.findings);
  if (sorted.length === 0)
    return result.scan.complete
      ? '<h2>Findings</h2><p>No drift found.</p>'
      : '<h2>Findings</h2><p>No drift found in what could be observed: the scan is incomplete (see above).</p>';
  const fresh = newFindingIds(result);
  const firstSeen = result.history?.firstSeen ?? {};
  return (
    `<h2>Findings (${sorted.length})</h2>${filters()}` +
    '<div class="table-scroll"><table id="findings"><thead><tr>' +
    sortHeader('severity', 'rank', 'number', 'descending') +
    sortHeader('kind', 'kind', 'text') +
    sortHeader('environment', 'environment', 'text') +
    sortHeader('resource', 'address', 'text') +
    sortHeader('type', 'type', 'text') +
    '<th>what changed (recorded → observed)</th>' +
    sortHeader('next apply', 'impact', 'text') +
    sortHeader('blast radius', 'blast', 'number') +
    '<th>history</th>' +
    `</tr></thead><tbody>${sorted.map((finding) => findingRow(finding, fresh, firstSeen)).join('\n')}</tbody></table></div>`
  );
}

function historySection(result: ScanResult): string {
  const resolved = result.history?.resolved ?? [];
  const stale = result.history?.notRechecked ?? [];
  const items = resolved
    .map((item) => `<li>${escapeHtml(item.address)} <span class="summary">(${item.kind})</span></li>`)
    .join('');
  const staleItems = stale
    .map(
      (item) =>
        `<li>${escapeHtml(item.address)} <span class="summary">(${item.kind}): ${escapeHtml(item.reason)}</span></li>`,
    )
    .join('');
  return (
    (resolved.length > 0
      ? `<h2 id="resolved">Resolved since the last scan (${resolved.length})</h2><ul class="plain">${items}</ul>`
      : '') +
    (stale.length > 0
      ? `<h2 id="not-rechecked">Still open, not re-checked by this scan (${stale.length})</h2><ul class="plain">${staleItems}</ul>`
      : '')
  );
}

function auditSection(result: ScanResult): string {
  if (result.suppressions.length === 0) return '';
  const items = result.suppressions
    .map(
      (item) =>
        `<li><code>${escapeHtml(item.address)}</code> ${escapeHtml(item.path)}: ${escapeHtml(item.rule)} <span class="summary">(${escapeHtml(item.why)})</span></li>`,
    )
    .join('');
  return `<h2>Suppressions that fired (${result.suppressions.length})</h2><ul class="plain">${items}</ul>`;
}

/** The page always lists the addresses (collapsed), with or without --verbose. */
export function renderHtml(result: ScanResult): string {
  const { scan } = result;
  const title = `Driftwarden report: ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}`;
  const hasGraph = (result.graph?.nodes.length ?? 0) > 0;
  const meta = `scan ${scan.id} · ${scan.startedAt} → ${scan.finishedAt} · driftwarden ${scan.tool.version} · sources: ${scan.sources.join(', ')}`;
  return htmlPage({
    title,
    meta,
    body: [
      banner(result),
      cards(result),
      accountingSection(result),
      findingsSection(result),
      graphSection(result),
      historySection(result),
      auditSection(result),
    ].join('\n'),
    footer: `Generated by Driftwarden ${scan.tool.version} · JSON schema version ${result.schemaVersion}`,
    script: hasGraph ? `${REPORT_SCRIPT}\n${graphViewScript()}` : REPORT_SCRIPT,
    ...(hasGraph ? { css: GRAPH_VIEW_CSS } : {}),
  });
}

export { escapeHtml };
