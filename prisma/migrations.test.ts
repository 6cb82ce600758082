import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { openDriver, type Driver } from '../lib/db/driver';
import { applyMigrations, readMigrations } from '../lib/db/migrations';
import { diffMigrationsToSchema } from './schema-diff';

let driver: Driver | undefined;
afterEach(async () => {
  await driver?.sql.close();
  driver = undefined;
});

describe('migrations', { timeout: 60_000 }, () => {
  it('match prisma/schema.prisma exactly (no drift)', async () => {
    const schema = await readFile('prisma/schema.prisma', 'utf8');
    expect(await diffMigrationsToSchema(await readMigrations(), schema)).toBe('');
  });

  it('detect drift when the schema gains a column the migrations lack', async () => {
    const schema = await readFile('prisma/schema.prisma', 'utf8');
    const drifted = schema.replace('model Setting {', 'model Setting {\n  extra String?');
    expect(await diffMigrationsToSchema(await readMigrations(), drifted)).toMatch(/ADD COLUMN\s+"extra"/);
  });

  it('apply each migration exactly once and record it', async () => {
    driver = await openDriver('memory:', '');
    const migrations = await readMigrations();
    expect(await applyMigrations(driver.sql, migrations)).toEqual(migrations.map((m) => m.name));
    expect(await applyMigrations(driver.sql, migrations)).toEqual([]);
    const rows = await driver.sql.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations"');
    expect(rows.map((row) => row.migration_name)).toEqual(migrations.map((m) => m.name));
  });

  it('refuse to start when an applied migration was edited', async () => {
    driver = await openDriver('memory:', '');
    const migrations = await readMigrations();
    await applyMigrations(driver.sql, migrations);
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
    await expect(applyMigrations(driver.sql, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it('keep audit events append-only', async () => {
    driver = await openDriver('memory:', '');
    await applyMigrations(driver.sql, await readMigrations());
    await driver.sql.exec(`INSERT INTO audit_events ("actorEmail", action, summary) VALUES ('a@b.c', 'test', 'x')`);
    await expect(driver.sql.exec('UPDATE audit_events SET summary = $$y$$')).rejects.toThrow(/append-only/);
    await expect(driver.sql.exec('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
  });
});
