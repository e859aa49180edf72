/**
 * Read-only analyses over the configuration and the store: the dependency graph (the record of
 * every configured state, open findings marked), maturity (as `driftwarden maturity`), and version
 * drift (as `driftwarden versions`, over the environments whose `code:` directory is configured).
 */
import type { FastifyInstance } from 'fastify';
import { buildDependencyGraph, markFindings } from '../../analysis/index.js';
import { DriftwardenError } from '../../model/errors.js';
import type { Finding } from '../../model/finding.js';
import type { Snapshot } from '../../model/resource.js';
import type { DependencyGraph } from '../../model/scan-result.js';
import { assessMaturity } from '../../maturity/assess.js';
import { gatherEvidence } from '../../maturity/evidence.js';
import { parseWindow } from '../../maturity/window.js';
import { renderGraphJson } from '../../report/graph.js';
import { stateInputs } from '../../scan/run.js';
import { loadRecorded } from '../../sources/terraform/index.js';
import { analyzeVersions } from '../../versions/analyze.js';
import type { ServerContext } from '../context.js';
import { scanOptionsFor } from '../scan-job.js';
import { anyObject, environmentName, problemResponses } from './schemas.js';

const emptyObserved: Snapshot = { layer: 'observed', resources: [], completeScopes: [], incompleteScopes: [] };

function requireConfig(ctx: ServerContext, what: string) {
  if (ctx.config === undefined) {
    throw new DriftwardenError('usage', `${what} needs the configuration, and the server runs without one`, {
      nextStep: 'start the server with --config driftwarden.yaml',
    });
  }
  return ctx.config;
}

/** The record of the configured states (of `environments`, or all), with the open findings marked. */
export async function estateGraph(
  ctx: ServerContext,
  environments: ReadonlyArray<string>,
): Promise<{ graph: DependencyGraph; findings: Finding[] }> {
  requireConfig(ctx, 'the graph');
  const options = await scanOptionsFor(ctx, environments);
  const sources = await loadRecorded({
    states: stateInputs(options),
    ...(options.codeDir !== undefined ? { codeDir: options.codeDir } : {}),
  });
  const findings = await ctx.store.queries.openFindings(environments);
  return { graph: markFindings(buildDependencyGraph(sources.recorded, emptyObserved), findings), findings };
}

export function registerInsightRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/v1/graph',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['insights'],
        summary: 'The dependency graph across the configured states, drifted resources marked with their open findings',
        querystring: {
          type: 'object',
          properties: { environment: { type: 'array', items: environmentName, maxItems: 50 } },
          additionalProperties: false,
        },
        response: { 200: anyObject, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { graph, findings } = await estateGraph(
        ctx,
        (request.query as { environment?: string[] }).environment ?? [],
      );
      return reply.type('application/json').send(renderGraphJson(graph, findings));
    },
  );

  app.get(
    '/api/v1/maturity',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['insights'],
        summary: 'Drift maturity (level 0 to 4) with the evidence for each criterion, over a window',
        querystring: {
          type: 'object',
          properties: { window: { type: 'string', pattern: '^\\d+[dh]$', default: '30d' } },
          additionalProperties: false,
        },
        response: { 200: anyObject, ...problemResponses },
      },
    },
    async (request) => {
      const window = parseWindow((request.query as { window: string }).window);
      const evidence = await gatherEvidence({
        store: ctx.store,
        ...(ctx.config ? { config: ctx.config } : {}),
        now: ctx.clock(),
        window,
      });
      return assessMaturity(evidence, ctx.toolVersion);
    },
  );

  app.get(
    '/api/v1/versions',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['insights'],
        summary: 'Module, provider, Terraform, AMI and image versions compared across the environments with code:',
        response: { 200: anyObject, ...problemResponses },
      },
    },
    async () => {
      const config = requireConfig(ctx, 'version drift');
      const specs = Object.values(config.environments)
        .filter((env) => env.code !== undefined)
        .map((env) => ({ name: env.name, path: env.code! }));
      if (specs.length === 0) {
        throw new DriftwardenError('usage', 'no environment has a code: directory to compare', {
          key: 'environments.<name>.code',
          nextStep: "set each environment's Terraform root directory as code: in driftwarden.yaml",
        });
      }
      return analyzeVersions(specs, { config, toolVersion: ctx.toolVersion, now: ctx.clock });
    },
  );
}
