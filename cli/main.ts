import { CommanderError } from 'commander';
import { CliError, EXIT } from './exit-codes';
import type { CliIo } from './io';
import { buildProgram } from './program';

/** Options that would put a token into argv, where `ps` and shell history show it. */
const TOKEN_FLAG = /^--token(=|$)/;

/** Runs one command line (without `node` and the script) and gives its exit code (cli/exit-codes.ts). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const options = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  if (options.some((arg) => TOKEN_FLAG.test(arg))) {
    io.stderr.write('tandem: --token is not taken: a token on the command line shows in `ps` and shell history. Set TANDEM_TOKEN, or "token" in the config file (mode 0600).\n');
    return EXIT.usage;
  }
  let code: number = EXIT.ok;
  const program = buildProgram(io, (exit) => {
    code = exit;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    // Help asked for ends with commander's 0; help shown for a missing command, and every parse error, are usage errors.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof CliError) {
      io.stderr.write(error.text);
      return error.exitCode;
    }
    throw error;
  }
}
