/**
 * A fault-injecting HTTP proxy between the AWS SDK and moto, on 127.0.0.1 (a free port). The SDK
 * is pointed at it exactly as a user points it at any endpoint (AWS_ENDPOINT_URL); every request is
 * forwarded to moto unless a rule matches, and then the rule's fault is served instead:
 *
 *   throttle        400 with the protocol's throttling error (EC2 RequestLimitExceeded, query
 *                   Throttling, JSON ThrottlingException, S3 SlowDown 503)
 *   server-error    500 InternalError
 *   access-denied   403 (EC2 UnauthorizedOperation, query/S3 AccessDenied, JSON AccessDeniedException)
 *   empty-200       200 with an empty body and no request id: an answer nobody can attribute
 *   truncated       moto's real answer, cut in half (headers and status kept, Content-Length fixed)
 *   hang            never answers (the socket stays open until the proxy closes)
 *
 * A rule matches by service (from the request's SigV4 credential scope) and/or operation (the
 * query `Action`, the JSON `X-Amz-Target`, or for S3 the `?subresource`/`ListBuckets`), skips its
 * first `after` matches, then applies to the next `times` (default: every) matching request.
 * `calls` counts what the SDK asked for, per `service:Operation`, faulted or not.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault = 'throttle' | 'server-error' | 'access-denied' | 'empty-200' | 'truncated' | 'hang';

export interface FaultRule {
  readonly service?: string;
  readonly operation?: string;
  readonly fault: Fault;
  /** How many matching requests get the fault (default: all of them). */
  readonly times?: number;
  /** Matching requests passed through before the fault starts (default 0). */
  readonly after?: number;
}

export interface FaultProxy {
  readonly endpoint: string;
  /** Environment for the CLI or the SDK: moto's, with the endpoint replaced by the proxy. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** Replaces the rules, resets their counters and clears `calls` and `faulted`. */
  setRules(rules: ReadonlyArray<FaultRule>): void;
  /** Requests seen per `service:Operation`, and how many were faulted. */
  readonly calls: Map<string, number>;
  readonly faulted: Map<string, number>;
  close(): Promise<void>;
}

interface RuleState extends FaultRule {
  seen: number;
  applied: number;
}

/** `ec2`, `iam`, ... from `Authorization: AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request`. */
function serviceOf(req: IncomingMessage): string {
  const auth = req.headers['authorization'] ?? '';
  return /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(auth)?.[1] ?? 'unknown';
}

function operationOf(req: IncomingMessage, body: Buffer, service: string): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.slice(target.indexOf('.') + 1);
  const url = new URL(req.url ?? '/', 'http://proxy');
  const action = url.searchParams.get('Action') ?? new URLSearchParams(body.toString('utf8')).get('Action');
  if (action) return action;
  if (service === 's3') {
    if (url.pathname === '/' && req.method === 'GET') return 'ListBuckets';
    const sub = [...url.searchParams.keys()][0];
    return `${req.method ?? 'GET'}${sub ? `?${sub}` : ''}`;
  }
  return 'unknown';
}

type Protocol = 'ec2' | 'query' | 'json' | 's3';

function protocolOf(req: IncomingMessage, service: string): Protocol {
  if (service === 'ec2') return 'ec2';
  if (service === 's3') return 's3';
  return typeof req.headers['x-amz-target'] === 'string' ? 'json' : 'query';
}

const ERROR_NAMES: Record<'throttle' | 'access-denied' | 'server-error', Record<Protocol, string>> = {
  throttle: { ec2: 'RequestLimitExceeded', query: 'Throttling', json: 'ThrottlingException', s3: 'SlowDown' },
  'access-denied': {
    ec2: 'UnauthorizedOperation',
    query: 'AccessDenied',
    json: 'AccessDeniedException',
    s3: 'AccessDenied',
  },
  'server-error': { ec2: 'InternalError', query: 'InternalFailure', json: 'InternalFailure', s3: 'InternalError' },
};

function errorResponse(res: ServerResponse, protocol: Protocol, fault: keyof typeof ERROR_NAMES): void {
  const name = ERROR_NAMES[fault][protocol];
  const status = fault === 'access-denied' ? 403 : fault === 'server-error' ? 500 : protocol === 's3' ? 503 : 400;
  const requestId = `fault-${Math.random().toString(36).slice(2)}`;
  let body: string;
  let type = 'text/xml';
  if (protocol === 'json') {
    type = 'application/x-amz-json-1.1';
    body = JSON.stringify({ __type: name, message: `injected ${fault}` });
  } else if (protocol === 'ec2') {
    body = `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${name}</Code><Message>injected ${fault}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
  } else if (protocol === 's3') {
    body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${name}</Code><Message>injected ${fault}</Message><RequestId>${requestId}</RequestId></Error>`;
  } else {
    body = `<ErrorResponse><Error><Type>Sender</Type><Code>${name}</Code><Message>injected ${fault}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  }
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
    'x-amz-request-id': requestId,
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Forwards the request to the target; returns status, headers and the whole body. */
function forward(
  target: URL,
  req: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
  return new Promise((resolveForward, reject) => {
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolveForward({
            status: response.statusCode ?? 502,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

export async function startFaultProxy(
  moto: { endpoint: string; env(extra?: Record<string, string>): Record<string, string> },
  rules: ReadonlyArray<FaultRule> = [],
): Promise<FaultProxy> {
  const target = new URL(moto.endpoint);
  let active: RuleState[] = rules.map((rule) => ({ ...rule, seen: 0, applied: 0 }));
  const calls = new Map<string, number>();
  const faulted = new Map<string, number>();
  const sockets = new Set<Socket>();

  const pick = (service: string, operation: string): Fault | undefined => {
    for (const rule of active) {
      if (rule.service !== undefined && rule.service !== service) continue;
      if (rule.operation !== undefined && rule.operation !== operation) continue;
      rule.seen++;
      if (rule.seen <= (rule.after ?? 0)) continue;
      if (rule.times !== undefined && rule.applied >= rule.times) continue;
      rule.applied++;
      return rule.fault;
    }
    return undefined;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const service = serviceOf(req);
      const operation = operationOf(req, body, service);
      const key = `${service}:${operation}`;
      calls.set(key, (calls.get(key) ?? 0) + 1);
      const fault = pick(service, operation);
      if (fault) faulted.set(key, (faulted.get(key) ?? 0) + 1);
      const protocol = protocolOf(req, service);
      switch (fault) {
        case 'hang':
          return; // never answer; close() destroys the socket
        case 'empty-200':
          res.writeHead(200, { 'content-type': 'text/xml', 'content-length': 0 });
          res.end();
          return;
        case 'throttle':
        case 'access-denied':
        case 'server-error':
          errorResponse(res, protocol, fault);
          return;
        default: {
          const answer = await forward(target, req, body);
          const cut = fault === 'truncated' ? answer.body.subarray(0, Math.floor(answer.body.length / 2)) : answer.body;
          const headers = { ...answer.headers, 'content-length': String(cut.length) };
          delete headers['transfer-encoding'];
          res.writeHead(answer.status, headers);
          res.end(cut);
        }
      }
    })().catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    env: (extra = {}) => ({ ...moto.env(), AWS_ENDPOINT_URL: endpoint, ...extra }),
    setRules(next) {
      active = next.map((rule) => ({ ...rule, seen: 0, applied: 0 }));
      calls.clear();
      faulted.clear();
    },
    calls,
    faulted,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}
