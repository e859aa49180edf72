/**
 * A real OpenID Connect provider for the sign-in tests: the `oidc-provider` package on a loopback
 * port, with its development login and consent pages (any password; the login name is the
 * account), PKCE required, and each account's groups in the `groups` claim.
 */
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';

export const OIDC_CLIENT_ID = 'driftwarden';
export const OIDC_CLIENT_SECRET = 'oidc-client-secret-5b1e';

export interface OidcProviderHandle {
  readonly issuer: string;
  close(): Promise<void>;
}

/** A free loopback port: the driftwarden server must know its own address before it starts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const port = (probe.address() as { port: number }).port;
  await new Promise((done) => probe.close(done));
  return port;
}

export async function startOidcProvider(options: {
  /** The driftwarden server's base URL (its /auth/callback is the redirect URI). */
  appUrl: string;
  groups: Readonly<Record<string, ReadonlyArray<string>>>;
}): Promise<OidcProviderHandle> {
  const server: Server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
        redirect_uris: [`${options.appUrl}/auth/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email'], groups: ['groups'] },
    scopes: ['openid', 'email', 'groups'],
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: `${id}@example.test`, groups: [...(options.groups[id] ?? [])] }),
    }),
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['test-cookie-key-1f9a'] },
  });
  const handle = provider.callback();
  server.on('request', (request, response) => {
    // oidc-provider's callback answers the request itself; its promise only signals completion.
    void handle(request, response);
  });
  return { issuer, close: () => new Promise<void>((done) => server.close(() => done())) };
}

/** The `server:` section of driftwarden.yaml for this provider, with the usual group mapping. */
export function oidcServerSection(appUrl: string, issuer: string): string[] {
  return [
    'server:',
    `  public_url: ${appUrl}`,
    '  oidc:',
    `    issuer: ${issuer}`,
    `    client_id: ${OIDC_CLIENT_ID}`,
    '    client_secret_env: DW_TEST_OIDC_SECRET',
    '    scopes: [openid, email, groups]',
    '  roles:',
    '    admin: [platform-admins]',
    '    operator: [oncall]',
    '    viewer: [engineering]',
  ];
}
