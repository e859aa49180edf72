/**
 * `driftwarden server` and `driftwarden server token create|list|revoke`: flags and help (the
 * implementation is src/cli/server.ts, loaded when one of them runs).
 */
import type { Command } from 'commander';
import type { StoreFlags } from '../audit.js';
import type { ServerFlags, TokenCreateFlags } from '../server.js';
import type { RunCommand } from './run.js';
import { STORE_HELP } from './source-options.js';

const CONFIG_HELP = 'configuration file (default: ./driftwarden.yaml when it exists); its server: section';

export function registerServer(program: Command, run: RunCommand): void {
  const server = program
    .command('server')
    .description('Serve the HTTP API (findings, scans, approvals, break-glass, audit log), metrics and sign-in')
    .option('--config <file>', CONFIG_HELP)
    .option('--store <file|url>', STORE_HELP)
    .option('--listen <host:port>', 'where to listen (default: server.listen, else 127.0.0.1:8080)')
    .option('--tls-cert <file>', 'PEM certificate (chain) to serve HTTPS with (default: server.tls.cert)')
    .option('--tls-key <file>', 'PEM private key of --tls-cert (default: server.tls.key)')
    .action(async (flags: ServerFlags) => {
      await run(async (io) => (await import('../server.js')).serverCommand(flags, io));
    });
  // `server` and its token subcommands share --config and --store; commander hands such an option
  // to the parent, so the subcommands read them with optsWithGlobals().
  const token = server.command('token').description('API tokens for scripts, CI and Prometheus');
  token
    .command('create')
    .description('Create a token and print it once (only its hash is stored)')
    .option('--name <name>', 'what uses it, e.g. ci or prometheus (required)')
    .option('--role <role>', 'viewer, operator (approve, break-glass) or admin (tokens, settings)', 'viewer')
    .option('--ttl <duration>', 'expire after this long, e.g. 90d (default: never)')
    .option('--config <file>', CONFIG_HELP)
    .option('--store <file|url>', STORE_HELP)
    .action(async (_flags: TokenCreateFlags, command: Command) => {
      await run(async (io) =>
        (await import('../server.js')).tokenCreateCommand(command.optsWithGlobals<TokenCreateFlags>(), io),
      );
    });
  token
    .command('list')
    .description('List tokens (never their secrets), revoked ones included')
    .option('--config <file>', CONFIG_HELP)
    .option('--store <file|url>', STORE_HELP)
    .action(async (_flags: StoreFlags, command: Command) => {
      await run(async (io) =>
        (await import('../server.js')).tokenListCommand(command.optsWithGlobals<StoreFlags>(), io),
      );
    });
  token
    .command('revoke')
    .description('Revoke a token by its id (the 8 hex digits after dw_)')
    .argument('<id>', 'token id, as printed by create and list')
    .option('--config <file>', CONFIG_HELP)
    .option('--store <file|url>', STORE_HELP)
    .action(async (id: string, _flags: StoreFlags, command: Command) => {
      await run(async (io) =>
        (await import('../server.js')).tokenRevokeCommand(id, command.optsWithGlobals<StoreFlags>(), io),
      );
    });
}
