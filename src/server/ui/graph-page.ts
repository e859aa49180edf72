/**
 * The dashboard's estate graph: the same picture as the HTML report's (report/scan/graph-svg.ts,
 * laid out on the server, so it reads without a script), over every configured state with the open
 * findings marked. Each drifted node links to the page of its worst open finding; pan and zoom come
 * from /ui/graph.js (report/graph-view.ts), the only script the dashboard serves.
 */
import { severityRank, type Finding } from '../../model/finding.js';
import { graphFigure } from '../../report/graph-view.js';
import { renderGraphSvg } from '../../report/scan/graph-svg.js';
import type { ServerContext } from '../context.js';
import { estateGraph } from '../routes/insights.js';

/** The dashboard draws more than the report (it is the place to look at the estate), still bounded. */
const MAX_NODES = 200;

export async function graphPageData(ctx: ServerContext): Promise<Record<string, unknown>> {
  if (ctx.config === undefined) return { configured: false };
  const { graph, findings } = await estateGraph(ctx, []);
  if (graph.nodes.length === 0) return { configured: true, empty: true };
  const byId = new Map<string, Finding>(findings.map((f) => [f.id, f]));
  const worst = (ids: ReadonlyArray<string>): string | undefined =>
    ids
      .map((id) => byId.get(id))
      .filter((f): f is Finding => f !== undefined)
      .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id))[0]?.id;
  const picture = renderGraphSvg(graph, {
    maxNodes: MAX_NODES,
    link: (node) => {
      const id = worst(node.findingIds);
      return id === undefined ? undefined : `/ui/findings/${encodeURIComponent(id)}`;
    },
  });
  const drifted = graph.nodes.filter((n) => n.findingIds.length > 0).length;
  const note = picture.limited
    ? `Showing ${picture.shownNodes} of ${picture.totalNodes} resources: the neighbourhood of the ${drifted} drifted ones (what depends on them, and what they depend on directly). GET /api/v1/graph has all of it.`
    : `${picture.totalNodes} resources (${drifted} with open findings), ${graph.edges.length} dependencies.`;
  return {
    configured: true,
    note,
    figure: graphFigure(picture, {
      label: `Estate graph, ${picture.shownNodes} resources; drifted resources are links to their worst open finding`,
      captionHtml:
        'Arrows point from a resource to what it depends on; dashed arrows are references by id, dashed borders unmanaged resources. A coloured resource has open findings: select it to open the worst one.',
    }),
  };
}
