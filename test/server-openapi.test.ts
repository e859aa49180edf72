/**
 * The OpenAPI 3.1 document served at /openapi.json describes exactly the routes the server has:
 * every registered route (but the document's own) is in it with its method, every path in it is
 * a route, and every operation that takes input declares its schema.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, startTestServer } from './support/server.js';

interface Operation {
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  summary?: string;
}

test('/openapi.json is OpenAPI 3.1 and lists every route, and only routes, with a summary each', async () => {
  const server = await startTestServer();
  try {
    const doc = await api<{
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
      components: Record<string, unknown>;
    }>(`${server.url}/openapi.json`);
    assert.equal(doc.status, 200);
    assert.equal(doc.body.openapi, '3.1.0');
    const toOpenApi = (url: string) => url.replace(/:(\w+)/g, '{$1}');
    const routes = server.app.registeredRoutes.filter((r) => !r.hidden && r.method !== 'HEAD');
    assert.ok(routes.length >= 25, `only ${routes.length} routes`);
    for (const route of routes) {
      const operation = doc.body.paths[toOpenApi(route.url)]?.[route.method.toLowerCase()];
      assert.ok(operation, `${route.method} ${route.url} is not in the OpenAPI document`);
      assert.ok(operation.summary, `${route.method} ${route.url} has no summary`);
    }
    const documented = Object.entries(doc.body.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const registered = new Set(routes.map((r) => `${r.method} ${toOpenApi(r.url)}`));
    for (const operation of documented)
      assert.ok(registered.has(operation), `${operation} is documented but not served`);
    // Spot checks that the schemas themselves made it in.
    const findings = doc.body.paths['/api/v1/findings']!['get']!;
    assert.deepEqual(findings.parameters!.map((p) => p.name).sort(), [
      'cursor',
      'environment',
      'kind',
      'limit',
      'q',
      'severity',
      'sort',
      'status',
      'type',
    ]);
    assert.ok(doc.body.paths['/api/v1/breakglass']!['post']!.requestBody, 'break-glass open has a request body');
    assert.ok(
      doc.body.paths['/api/v1/findings/{id}']!['get']!.responses!['4XX'] ??
        doc.body.paths['/api/v1/findings/{id}']!['get']!.responses!['4xx'],
    );
    assert.ok((doc.body.components['securitySchemes'] as Record<string, unknown>)['token']);
  } finally {
    await server.close();
  }
});
