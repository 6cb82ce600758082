import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { CliError, EXIT } from './exit-codes';

/** Where Tandem is and the API token to call it with. */
export interface CliConfig {
  /** Tandem's address, as its users reach it (`TANDEM_URL` of the server): the API is under `/api/v1`. */
  readonly url: string;
  readonly token: string;
}

const configFileSchema = z.strictObject({ url: z.string().optional(), token: z.string().optional() });

type Env = Readonly<Record<string, string | undefined>>;

/** `$TANDEM_CONFIG`, else `$XDG_CONFIG_HOME/tandem/config.json`, else `~/.config/tandem/config.json`. */
export function configPath(env: Env): string {
  if (env.TANDEM_CONFIG) return env.TANDEM_CONFIG;
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'tandem', 'config.json');
}

/**
 * Reads the config file, refusing it (as ssh refuses a private key) when anyone but its owner
 * may read or write it, or when it belongs to another user: it holds a token. A missing file
 * at the default path is no config; a missing `$TANDEM_CONFIG` is an error.
 */
function readConfigFile(env: Env): z.output<typeof configFileSchema> {
  const path = configPath(env);
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !env.TANDEM_CONFIG) return {};
    throw new CliError(EXIT.usage, `Cannot read the config file ${path}: ${(error as Error).message}`);
  }
  const mode = stat.mode & 0o777;
  if (mode & 0o077) {
    throw new CliError(EXIT.usage, `Permissions ${mode.toString(8).padStart(4, '0')} for '${path}' are too open.`, [
      'It holds an API token: only you may read it. Fix it with:',
      `chmod 600 ${path}`,
    ]);
  }
  if (process.getuid && stat.uid !== process.getuid()) throw new CliError(EXIT.usage, `The config file '${path}' belongs to another user (uid ${stat.uid}); it is not read.`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new CliError(EXIT.usage, `The config file ${path} is not JSON: write {"url": "https://tandem.example.com", "token": "tdm_…"}.`);
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) throw new CliError(EXIT.usage, `The config file ${path} may hold only "url" and "token", both strings.`);
  return parsed.data;
}

/**
 * The address from `--url`, else `TANDEM_URL`, else the config file; the token from
 * `TANDEM_TOKEN`, else the config file, never from the command line (argv shows in `ps`).
 * The file is read only when the environment leaves something out.
 */
export function loadConfig(env: Env, urlFlag: string | undefined): CliConfig {
  const fromEnv = { url: urlFlag ?? env.TANDEM_URL, token: env.TANDEM_TOKEN };
  const file = fromEnv.url && fromEnv.token ? {} : readConfigFile(env);
  const url = fromEnv.url ?? file.url;
  const token = fromEnv.token ?? file.token;
  if (!url) throw new CliError(EXIT.usage, `Where is Tandem? Set TANDEM_URL (or --url, or "url" in ${configPath(env)}), e.g. https://tandem.example.com.`);
  if (!token) {
    throw new CliError(EXIT.usage, `No API token: set TANDEM_TOKEN, or "token" in ${configPath(env)} (mode 0600).`, ['Create one in Tandem under Settings → API tokens.']);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(EXIT.usage, `${url} is not a URL: give Tandem's address, e.g. https://tandem.example.com.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new CliError(EXIT.usage, `${url} is not an http:// or https:// address.`);
  return { url: url.replace(/\/+$/, ''), token };
}
