import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import playwrightConfig from './playwright.config';

/** A command that starts `next start`, `next dev` or `next build` (also the Dockerfile's exec form). */
const RUNS_NEXT = /(?:^|[\s;&|("'])(?:npx\s+|node_modules\/\.bin\/)?next["',\s]+(?:start|dev|build)\b/;
const INLINE = /NEXT_TELEMETRY_DISABLED=1\s+(?:npx\s+)?next\s/;

interface Runner { where: string; disabled: boolean }

function packageScripts(): Runner[] {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  return Object.entries(scripts).filter(([, command]) => RUNS_NEXT.test(command)).map(([name, command]) => ({ where: `package.json ${name}`, disabled: INLINE.test(command) }));
}

/** Each shell script that runs Next must export the variable before its first such line. */
function shellScripts(): Runner[] {
  const files = execFileSync('git', ['ls-files', '*.sh', '.ci/run'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  return files.flatMap((file) => {
    const lines = readFileSync(file, 'utf8').split('\n').filter((line) => !line.trimStart().startsWith('#'));
    const first = lines.findIndex((line) => RUNS_NEXT.test(line));
    if (first < 0) return [];
    const exported = lines.slice(0, first).some((line) => /^\s*export NEXT_TELEMETRY_DISABLED=1\s*$/.test(line));
    return [{ where: file, disabled: exported || INLINE.test(lines[first] ?? '') }];
  });
}

/** Each Dockerfile stage that runs Next must set the variable with ENV before. */
function dockerStages(): Runner[] {
  const stages = readFileSync('Dockerfile', 'utf8').split(/^(?=FROM )/m).filter((stage) => stage.startsWith('FROM '));
  return stages.flatMap((stage, index) => {
    const lines = stage.split('\n');
    const first = lines.findIndex((line) => /^(RUN|CMD|ENTRYPOINT)\b/.test(line) && RUNS_NEXT.test(line));
    if (first < 0) return [];
    return [{ where: `Dockerfile stage ${index + 1}`, disabled: lines.slice(0, first).some((line) => /^ENV\b.*\bNEXT_TELEMETRY_DISABLED=1\b/.test(line)) }];
  });
}

function playwrightServer(): Runner[] {
  const servers = [playwrightConfig.webServer ?? []].flat();
  return servers.filter((server) => RUNS_NEXT.test(server.command)).map((server) => ({ where: 'playwright.config.ts webServer', disabled: server.env?.NEXT_TELEMETRY_DISABLED === '1' || INLINE.test(server.command) }));
}

describe('Next.js telemetry is off wherever Tandem runs Next', () => {
  const runners = [...packageScripts(), ...shellScripts(), ...dockerStages(), ...playwrightServer()];

  it('finds the places that run Next (the start script, the image, the dev and build scripts, the e2e server)', () => {
    expect(runners.map((runner) => runner.where)).toEqual(
      expect.arrayContaining(['package.json dev', 'package.json build', 'scripts/start.sh', 'Dockerfile stage 1', 'Dockerfile stage 2', 'playwright.config.ts webServer']),
    );
  });

  it('sets NEXT_TELEMETRY_DISABLED=1 in each of them', () => {
    expect(runners.filter((runner) => !runner.disabled).map((runner) => runner.where)).toEqual([]);
  });
});
