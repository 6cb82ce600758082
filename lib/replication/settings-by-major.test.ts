import { describe, expect, it } from 'vitest';
import { ordersCluster } from '@/lib/failover/testing/failover-fixture';
import { keepWalSql } from '@/lib/failover/steps/standby';
import { makeOptions, makeSnapshot } from './make-snapshot';
import { planSetup } from './plan-setup';
import { runPreflight } from './preflight';
import { walKeepSetting } from './primary-settings';
import type { SetupOptions } from './setup-types';

/**
 * Every server setting a setup plan may write, with the majors that have it (from the
 * PostgreSQL release notes: wal_keep_segments became wal_keep_size and
 * max_slot_wal_keep_size arrived in 13). A setting missing here fails the test: add it with
 * its range before a plan writes it.
 */
const SETTINGS: Readonly<Record<string, readonly [first: number, last: number]>> = {
  hot_standby: [9, Infinity],
  hot_standby_feedback: [9, Infinity],
  listen_addresses: [9, Infinity],
  max_replication_slots: [9, Infinity],
  max_slot_wal_keep_size: [13, Infinity],
  max_wal_senders: [9, Infinity],
  recovery_target_timeline: [9, Infinity],
  ssl: [9, Infinity],
  ssl_ca_file: [9, Infinity],
  ssl_cert_file: [9, Infinity],
  ssl_key_file: [9, Infinity],
  synchronous_standby_names: [9, Infinity],
  wal_keep_segments: [9, 12],
  wal_keep_size: [13, Infinity],
  wal_level: [9, Infinity],
  wal_log_hints: [9, Infinity],
  wal_receiver_status_interval: [9, Infinity],
};

const MAJORS = [10, 11, 12, 13, 14, 15, 16, 17, 18];
const VARIANTS: Partial<SetupOptions>[] = [
  { slots: true, mode: 'sync', tls: true },
  { slots: false, mode: 'async', tls: false },
];

/** The names of the settings a plan writes: by ALTER SYSTEM on the primary and in each replica's configuration lines. */
function writtenSettings(major: number): Set<string> {
  const names = new Set<string>();
  for (const variant of VARIANTS) {
    const snapshot = makeSnapshot({ version: String(major), primary: { cluster: { walLevel: 'minimal', listenAddresses: 'localhost' } } });
    const planned = planSetup(snapshot, makeOptions(variant));
    if (!planned.ok) throw new Error(`PostgreSQL ${major}: ${JSON.stringify(planned)}`);
    for (const step of planned.plan.steps) {
      for (const action of step.actions) if (action.kind === 'sql') for (const match of action.sql.matchAll(/ALTER SYSTEM SET "?([a-z_]+)/g)) names.add(match[1] ?? '');
      for (const file of step.config ?? []) {
        if (!file.file.endsWith('pg_hba.conf')) for (const line of file.lines) names.add(/^([a-z_]+)\s*=/.exec(line)?.[1] ?? line);
      }
    }
  }
  return names;
}

describe('plans for each PostgreSQL major from 10 to 18', () => {
  it.each(MAJORS)('PostgreSQL %i: every setting the plan writes exists in that major', (major) => {
    const unknownOrAbsent = [...writtenSettings(major)].filter((name) => {
      const range = SETTINGS[name];
      return range === undefined || major < range[0] || major > range[1];
    });
    expect(unknownOrAbsent).toEqual([]);
  });

  it('keeps WAL with wal_keep_segments (16 MB segments) before 13 and wal_keep_size from 13, in setup and in a rejoin', () => {
    expect(walKeepSetting(12, '2GB')).toEqual({ name: 'wal_keep_segments', value: '128' });
    expect(walKeepSetting(13, '2GB')).toEqual({ name: 'wal_keep_size', value: '2GB' });
    expect(keepWalSql(12)).toBe("ALTER SYSTEM SET wal_keep_segments = '128';\nSELECT pg_reload_conf();");
    expect(keepWalSql(ordersCluster.major)).toBe("ALTER SYSTEM SET wal_keep_size = '2GB';\nSELECT pg_reload_conf();");
    expect(writtenSettings(12).has('wal_keep_segments')).toBe(true);
    expect(writtenSettings(17).has('wal_keep_segments')).toBe(false);
  });

  it('says what a newer major offers or deprecates: 17\'s slot sync, 18\'s idle slot timeout and md5 deprecation', () => {
    const planNotes = (major: number) => {
      const planned = planSetup(makeSnapshot({ version: String(major) }), makeOptions());
      if (!planned.ok) throw new Error('no plan');
      return planned.plan.notes.join('\n');
    };
    expect(planNotes(16)).not.toMatch(/sync_replication_slots|idle_replication_slot_timeout/);
    expect(planNotes(17)).toMatch(/sync_replication_slots/);
    expect(planNotes(17)).not.toMatch(/idle_replication_slot_timeout/);
    expect(planNotes(18)).toMatch(/idle_replication_slot_timeout/);
    const md5 = (major: number) => runPreflight(makeSnapshot({ version: String(major) }), makeOptions({ passwordMethod: 'md5' })).checks.find((check) => check.id === 'password-method')?.message;
    expect(md5(18)).toMatch(/PostgreSQL 18 deprecates md5/);
    expect(md5(15)).toMatch(/^md5 password authentication is deprecated/);
  });
});
