/**
 * A relay in front of moto for fault tests: forwards every request unchanged, after `delayMs`
 * (units that take long enough to kill a worker in the middle of one), and answers the requests
 * `refuse` picks with the given error instead. It stands where a network or a policy would; the
 * SDK and moto are real.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Relay {
  readonly endpoint: string;
  /** Requests forwarded so far. */
  forwarded(): number;
  close(): Promise<void>;
}

export interface RelayOptions {
  readonly delayMs?: number;
  readonly refuse?: (body: string) => { status: number; contentType: string; body: string } | undefined;
}

export async function startRelay(target: string, options: RelayOptions = {}): Promise<Relay> {
  const to = new URL(target);
  let forwarded = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const refusal = options.refuse?.(body.toString());
      if (refusal) {
        res.writeHead(refusal.status, { 'content-type': refusal.contentType });
        res.end(refusal.body);
        return;
      }
      setTimeout(() => {
        forwarded += 1;
        const forward = httpRequest(
          { host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers },
          (upstream) => {
            res.writeHead(upstream.statusCode ?? 502, upstream.headers);
            upstream.pipe(res);
          },
        );
        forward.on('error', () => res.destroy());
        forward.end(body);
      }, options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwarded: () => forwarded,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
