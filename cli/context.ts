import type { Command } from 'commander';
import { loadConfig } from './config';
import { ApiClient, type ApiAnswer } from './http';
import type { CliIo } from './io';

/** The options every command takes (before or after its name). */
interface GlobalOptions {
  readonly url?: string;
  readonly json?: boolean;
}

/** What a command runs with: the API client for the configuration, whether `--json` was given, and the process's I/O. */
export interface CommandContext {
  readonly client: ApiClient;
  readonly json: boolean;
  readonly io: CliIo;
}

/** Reads the configuration only when a command runs, so `--help` works without one. */
export function connect(command: Command, io: CliIo): CommandContext {
  const options = command.optsWithGlobals<GlobalOptions>();
  return { client: new ApiClient(loadConfig(io.env, options.url), io.fetch, io.interrupted), json: options.json === true, io };
}

/** Prints an answer: as sent with `--json`, else as `view` renders it. */
export function print<T>(context: CommandContext, answer: ApiAnswer<T>, view: (json: T) => string): void {
  context.io.stdout.write(context.json ? `${answer.text}\n` : view(answer.json));
}

/** A command's action: it gives the exit code, or throws a CliError. */
export type Done = (code: number) => void;
