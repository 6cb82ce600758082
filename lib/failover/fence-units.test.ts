import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceControl } from '@/lib/discovery/facts';
import type { ShellCommand } from '@/lib/ssh/shell';
import { maskUnitsCommand, restoreUnitsCommand, SYSTEMD_RUNTIME_DIR, unitStatePath } from './fence-units';

const run = promisify(execFile);

/** A systemctl for these tests: `units/<name>` holds what is-enabled says; a mask keeps that aside until the unmask. Every call is logged. */
const FAKE_SYSTEMCTL = `#!/bin/sh
cmd=$1; shift
echo "$cmd $*" >> "$FAKE/calls"
runtime=; unit=
for arg; do case "$arg" in --runtime) runtime=-runtime ;; -*) ;; *) unit=$arg ;; esac; done
f="$FAKE/units/$unit"
case "$cmd" in
  is-enabled) [ -f "$f" ] || exit 1; cat -- "$f" ;;
  show) cat -- "$f.env" 2>/dev/null || true ;;
  disable) echo disabled > "$f" ;;
  enable) echo enabled > "$f" ;;
  mask) if [ -f "$f.in-etc" ]; then echo "Failed to mask unit: File /etc/systemd/system/$unit already exists." >&2; exit 1; fi
    [ -f "$f.unmasked" ] || mv -- "$f" "$f.unmasked"; echo "masked$runtime" > "$f" ;;
  unmask) if [ -f "$f.unmasked" ]; then mv -- "$f.unmasked" "$f"; fi ;;
esac
`;

let fake = '';
let data = '';

beforeEach(async () => {
  fake = await mkdtemp(join(tmpdir(), 'tandem-units-'));
  data = join(fake, '15', 'main');
  await Promise.all([mkdir(join(fake, 'bin')), mkdir(join(fake, 'units')), mkdir(join(fake, 'run')), mkdir(data, { recursive: true })]);
  await writeFile(join(fake, 'bin', 'systemctl'), FAKE_SYSTEMCTL);
  await chmod(join(fake, 'bin', 'systemctl'), 0o755);
});

afterEach(async () => {
  await rm(fake, { recursive: true, force: true });
});

/** Runs a command in a real sh on this "host": the fake systemctl on PATH, systemd running unless its runtime directory was removed. */
async function onHost(command: ShellCommand): Promise<{ out: string; calls: string[] }> {
  await writeFile(join(fake, 'calls'), '');
  const { stdout } = await run('sh', ['-c', command.text.replaceAll(SYSTEMD_RUNTIME_DIR, join(fake, 'run'))], { env: { ...process.env, PATH: `${join(fake, 'bin')}:${process.env.PATH ?? ''}`, FAKE: fake } });
  return { out: stdout, calls: (await readFile(join(fake, 'calls'), 'utf8')).split('\n').filter(Boolean) };
}

const unit = (name: string, state: string) => writeFile(join(fake, 'units', name), `${state}\n`);
const stateOf = async (name: string) => (await readFile(join(fake, 'units', name), 'utf8')).trim();
const recorded = () => readFile(unitStatePath(data), 'utf8');
const systemd: ServiceControl = { kind: 'systemd', unit: 'postgresql@15-main' };

describe('the fence masks the systemd units that start the cluster (run in a real sh)', () => {
  it('masks the unit a systemd member runs by, disabling it first when enabled, records its state before, and changes nothing when run again', async () => {
    await unit('postgresql@15-main', 'enabled');

    const first = await onHost(maskUnitsCommand(systemd, 15, data));

    expect(first.out).toBe("postgresql@15-main: unit masked by Tandem's fence (it was enabled); rejoin unmasks it\n");
    expect(first.calls).toEqual(['is-enabled -- postgresql@15-main', 'disable --quiet -- postgresql@15-main', 'mask --quiet -- postgresql@15-main']);
    expect(await stateOf('postgresql@15-main')).toBe('masked');
    expect(await recorded()).toBe('postgresql@15-main enabled\n');

    const again = await onHost(maskUnitsCommand(systemd, 15, data));

    expect(again.out).toBe(first.out);
    expect(again.calls).toEqual(['is-enabled -- postgresql@15-main']);
    expect(await recorded()).toBe('postgresql@15-main enabled\n');
  });

  it('disables a unit whose file is in /etc (systemd cannot mask it) and says what still keeps the member down', async () => {
    await unit('postgresql@15-main', 'enabled');
    await writeFile(join(fake, 'units', 'postgresql@15-main.in-etc'), '');

    const fenced = await onHost(maskUnitsCommand(systemd, 15, data));

    expect(fenced.out).toBe('postgresql@15-main: its unit file is in /etc and cannot be masked; it is disabled, so no boot starts it, and standby.signal keeps a start by hand read-only\n');
    expect(await stateOf('postgresql@15-main')).toBe('disabled');
    expect(await recorded()).toBe('postgresql@15-main enabled\n');
    await onHost(restoreUnitsCommand(data));
    expect(await stateOf('postgresql@15-main')).toBe('enabled');
  });

  it('leaves a unit masked already, and a Debian cluster unit that does not start at boot, recording nothing', async () => {
    await unit('postgresql@15-main', 'masked');
    expect((await onHost(maskUnitsCommand(systemd, 15, data))).out).toBe('postgresql@15-main is masked already, left as it is\n');

    await unit('postgresql@15-main.service', 'disabled');
    const debian = await onHost(maskUnitsCommand({ kind: 'pg_ctlcluster', version: '15', name: 'main' }, 15, data));

    expect(debian.out).toBe('postgresql@15-main.service is disabled: it does not start at boot, left as it is\n');
    expect(debian.calls).toEqual(['is-enabled -- postgresql@15-main.service']);
    await expect(recorded()).rejects.toThrow(/ENOENT/);
  });

  it('on a pg_ctl host masks only the enabled RHEL unit whose PGDATA is this data directory', async () => {
    await unit('postgresql-15.service', 'enabled');
    await writeFile(join(fake, 'units', 'postgresql-15.service.env'), `PGDATA=${data}/ PG_OOM_ADJUST_FILE=/proc/self/oom_score_adj\n`);
    await unit('postgresql.service', 'enabled');
    await writeFile(join(fake, 'units', 'postgresql.service.env'), 'PGDATA=/var/lib/pgsql/data\n');

    const { out } = await onHost(maskUnitsCommand({ kind: 'pg_ctl', dataDirectory: data }, 15, data));

    expect(out).toBe("postgresql-15.service: unit masked by Tandem's fence (it was enabled); rejoin unmasks it\npostgresql.service runs another data directory, left as it is\n");
    expect(await stateOf('postgresql-15.service')).toBe('masked');
    expect(await stateOf('postgresql.service')).toBe('enabled');
    expect(await recorded()).toBe('postgresql-15.service enabled\n');
  });

  it('on a host where systemd does not run, changes nothing and says so', async () => {
    await unit('postgresql@15-main', 'enabled');
    await rm(join(fake, 'run'), { recursive: true });

    const { out, calls } = await onHost(maskUnitsCommand(systemd, 15, data));

    expect(out).toBe('systemd does not run on this host: no unit to mask\n');
    expect(calls).toEqual([]);
    expect(await stateOf('postgresql@15-main')).toBe('enabled');
  });
});

describe('rejoin restores the units as the fence found them (run in a real sh)', () => {
  it.each([
    ['enabled', ['unmask --quiet -- postgresql@15-main', 'enable --quiet -- postgresql@15-main']],
    ['disabled', ['unmask --quiet -- postgresql@15-main']],
    ['enabled-runtime', ['unmask --quiet -- postgresql@15-main']],
  ])('unmasks a unit that was %s, enabling it again only when it was enabled; a second run finds nothing', async (before, calls) => {
    await unit('postgresql@15-main', before);
    await onHost(maskUnitsCommand(systemd, 15, data));

    const restored = await onHost(restoreUnitsCommand(data));

    expect(restored.out).toBe(`postgresql@15-main unmasked: ${before} again, as before the fence\n`);
    expect(restored.calls).toEqual(calls);
    expect(await stateOf('postgresql@15-main')).toBe(before);
    await expect(recorded()).rejects.toThrow(/ENOENT/);

    const again = await onHost(restoreUnitsCommand(data));

    expect(again).toEqual({ out: "no unit was masked by Tandem's fence\n", calls: [] });
  });
});
