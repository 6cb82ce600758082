import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configPath, loadConfig } from './config';
import { CliError } from './exit-codes';
import { runCli } from './main';
import { fakeIo } from './testing/fake-io';
import { hostList } from './testing/fixtures';

const FILE = { url: 'https://tandem.example.com', token: 'tdm_000000000000_from-file' };

/** A config file with `content` and `mode` in a folder of its own. */
function configFile(content: string, mode: number): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tandem-config-')), 'config.json');
  writeFileSync(path, content);
  chmodSync(path, mode);
  return path;
}

const refusal = (env: Record<string, string>, url?: string) => {
  try {
    loadConfig(env, url);
  } catch (error) {
    if (error instanceof CliError) return { code: error.exitCode, text: error.text };
    throw error;
  }
  throw new Error('loadConfig did not refuse');
};

describe('the CLI\'s configuration', () => {
  it('refuses a config file others may read or write, as ssh refuses a key, with exit 2 and the fix, before sending anything', async () => {
    for (const mode of [0o644, 0o640, 0o602]) {
      const path = configFile(JSON.stringify(FILE), mode);
      const fake = fakeIo({ TANDEM_CONFIG: path }, () => Response.json(hostList));
      expect(await runCli(['hosts'], fake.io)).toBe(2);
      expect(fake.printed.stderr).toBe(`tandem: Permissions ${mode.toString(8).padStart(4, '0')} for '${path}' are too open.\n  It holds an API token: only you may read it. Fix it with:\n  chmod 600 ${path}\n`);
      expect(fake.requests).toEqual([]);
    }
  });

  it('reads the address and token from a 0600 file at $TANDEM_CONFIG, or at the XDG or home default', async () => {
    const path = configFile(JSON.stringify(FILE), 0o600);
    const fake = fakeIo({ TANDEM_CONFIG: path }, () => Response.json(hostList));
    expect(await runCli(['hosts'], fake.io)).toBe(0);
    expect(fake.requests).toEqual([{ method: 'GET', url: 'https://tandem.example.com/api/v1/hosts', authorization: `Bearer ${FILE.token}`, body: undefined }]);

    const home = mkdtempSync(join(tmpdir(), 'tandem-home-'));
    mkdirSync(join(home, '.config', 'tandem'), { recursive: true });
    writeFileSync(join(home, '.config', 'tandem', 'config.json'), JSON.stringify(FILE), { mode: 0o600 });
    expect(configPath({ HOME: home })).toBe(join(home, '.config', 'tandem', 'config.json'));
    expect(loadConfig({ HOME: home }, undefined)).toEqual(FILE);
    expect(configPath({ HOME: home, XDG_CONFIG_HOME: '/xdg' })).toBe('/xdg/tandem/config.json');
  });

  it('takes TANDEM_TOKEN over the file, --url over TANDEM_URL over the file, and reads no file the environment makes unneeded', () => {
    const path = configFile(JSON.stringify(FILE), 0o600);
    expect(loadConfig({ TANDEM_CONFIG: path, TANDEM_TOKEN: 'tdm_env' }, undefined)).toEqual({ url: FILE.url, token: 'tdm_env' });
    expect(loadConfig({ TANDEM_CONFIG: path, TANDEM_URL: 'http://env:3000/' }, 'http://flag:3000')).toEqual({ url: 'http://flag:3000', token: FILE.token });
    const open = configFile(JSON.stringify(FILE), 0o644);
    expect(loadConfig({ TANDEM_CONFIG: open, TANDEM_URL: 'http://env:3000', TANDEM_TOKEN: 'tdm_env' }, undefined)).toEqual({ url: 'http://env:3000', token: 'tdm_env' });
  });

  it('refuses a missing $TANDEM_CONFIG, a file that is not JSON or holds more than url and token, each with exit 2', () => {
    expect(refusal({ TANDEM_CONFIG: '/nonexistent/tandem.json' })).toEqual({ code: 2, text: expect.stringMatching(/^tandem: Cannot read the config file \/nonexistent\/tandem\.json: ENOENT/) });
    expect(refusal({ TANDEM_CONFIG: configFile('url=https://x', 0o600) })).toEqual({ code: 2, text: expect.stringMatching(/is not JSON: write \{"url"/) });
    expect(refusal({ TANDEM_CONFIG: configFile(JSON.stringify({ ...FILE, password: 'x' }), 0o600) })).toEqual({ code: 2, text: expect.stringMatching(/may hold only "url" and "token", both strings/) });
    expect(refusal({ TANDEM_TOKEN: 'tdm_x' }, 'not a url')).toEqual({ code: 2, text: expect.stringContaining('not a url is not a URL') });
  });
});
