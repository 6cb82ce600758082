import { Command } from 'commander';
import { registerAlerts } from './commands/alerts';
import { registerFailover } from './commands/failover';
import { registerHosts } from './commands/hosts';
import { registerLag } from './commands/lag';
import { registerOperations } from './commands/operations';
import { registerStatus } from './commands/status';
import type { Done } from './context';
import type { CliIo } from './io';

const HELP_AFTER = `
Configuration:
  TANDEM_URL     Tandem's address, e.g. https://tandem.example.com (or --url)
  TANDEM_TOKEN   an API token (Settings → API tokens); never taken on the command line
  TANDEM_CONFIG  a JSON file {"url": …, "token": …}, mode 0600
                 (default: $XDG_CONFIG_HOME/tandem/config.json, else ~/.config/tandem/config.json)

Exit codes:
  0    done; a followed operation succeeded
  1    the server refused, or a followed operation failed, was cancelled or interrupted
  2    usage or configuration error; nothing was sent
  3    the token was not accepted (401) or its role cannot do this (403)
  4    no such cluster, operation or resource (404)
  5    Tandem could not be reached
  130  Ctrl-C while following an operation (it goes on in Tandem)
`;

/** The `tandem` command line; each command's action hands its exit code to `done`. */
export function buildProgram(io: CliIo, done: Done): Command {
  const program = new Command('tandem')
    .description('Tandem from the command line: a client of its REST API (/api/v1). Every decision is the server\'s.')
    .option('--url <url>', 'Tandem\'s address (default: $TANDEM_URL, else the config file)')
    .option('--json', 'print the API\'s JSON as it is sent, for scripts')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(tandem --help lists the commands and options)')
    .addHelpText('after', HELP_AFTER);
  for (const register of [registerStatus, registerLag, registerFailover, registerOperations, registerAlerts, registerHosts]) register(program, io, done);
  return program;
}
