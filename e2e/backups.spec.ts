import { expect, test, type Page } from '@playwright/test';
import { labExec, labHost, labSql, labSsh } from '../lab/client';
import { ADMIN_STATE, ensureHost } from './support';

test.use({ storageState: ADMIN_STATE });

/*
 * Runs after the incident spec, on its cluster orders (pg2 primary, pg3 standby, pg1 fenced),
 * with two more lab hosts that no cluster uses: pg4 becomes the repository host, pg5 the spare
 * host a backup is restored onto (e2e/lab-setup.ts must bring up five hosts for that).
 */

async function openBackups(page: Page) {
  await page.goto('/clusters');
  await page.getByRole('link', { name: 'orders', exact: true }).click();
  await page.getByRole('navigation', { name: 'Cluster sections' }).getByRole('link', { name: 'Backups' }).click();
  await expect(page).toHaveURL(/\/clusters\/\d+\/backups$/);
}

/** Follows the operation page the form went to until the operation ends, and expects it to have succeeded. */
async function followOperation(page: Page, timeoutMs: number): Promise<void> {
  await expect(page).toHaveURL(/\/operations\/\d+$/, { timeout: 60_000 });
  await expect(page.getByTestId('operation-status')).toHaveAttribute('data-status', /^(succeeded|failed|cancelled|interrupted)$/, { timeout: timeoutMs });
  await expect(page.getByTestId('operation-status')).toHaveAttribute('data-status', 'succeeded');
}

/** Runs SQL as postgres inside a lab host, whatever its recovery state. */
async function psqlOn(host: string, sql: string): Promise<string> {
  const result = await labExec(host, ['runuser', '-u', 'postgres', '--', 'psql', '-XAtc', sql]);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.trim();
}

test('backups from the Backups tab: a repository host, enable with consent to restart, a backup with progress, a point-in-time restore onto a spare host', async ({ page }) => {
  test.setTimeout(1_200_000);
  for (const name of ['pg4', 'pg5']) await ensureHost(page, name);

  // The incident left pg1 fenced; enabling backups needs every member up.
  await page.goto('/clusters');
  await page.getByRole('link', { name: 'orders', exact: true }).click();
  await page.getByRole('navigation', { name: 'Cluster sections' }).getByRole('link', { name: 'Failover' }).click();
  await expect(page).toHaveURL(/\/clusters\/\d+\/failover$/);
  await expect(page.getByTestId('failover-section')).toBeVisible();
  if (await page.getByRole('heading', { name: 'Rejoin pg1' }).count()) {
    await page.getByRole('button', { name: 'Rejoin pg1' }).click();
    await followOperation(page, 300_000);
  }

  await openBackups(page);
  await expect(page.getByRole('heading', { name: 'Backups are not enabled' })).toBeVisible();
  await expect(page.getByTestId('recovery-window')).toContainText('No backup yet');
  const settings = page.getByTestId('backup-settings-form');
  await settings.getByLabel('Repository host', { exact: true }).selectOption({ label: `pg4 (${labHost('pg4').address})` });
  await expect(settings.getByLabel('Directory on the repository host')).toHaveValue('/var/lib/pgbackrest');
  await settings.getByLabel('Drill host').selectOption({ label: `pg5 (${labHost('pg5').address})` });
  await settings.getByRole('button', { name: 'Save backup settings' }).click();
  await expect(settings.getByText('Backup settings saved.')).toBeVisible({ timeout: 20_000 });

  const enable = page.getByTestId('enable-backups-form');
  await enable.getByRole('button', { name: 'Enable backups' }).click();
  await expect(enable.getByText(/archive_mode is off on .*turning it on takes a restart/)).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(/\/backups$/);
  await enable.getByLabel('Allow the restart archive_mode needs (standbys first, the primary last)').check();
  await enable.getByRole('button', { name: 'Enable backups' }).click();
  await followOperation(page, 600_000);

  // Enough data that the copy reports progress on the way.
  const fill = await labSsh('pg2', 'cd / && runuser -u postgres -- pgbench -i -s 20 -q postgres');
  expect(fill.code, fill.stderr).toBe(0);
  await openBackups(page);
  await expect(page.getByTestId('backup-table')).toContainText('full');
  await expect(page.getByTestId('recovery-earliest')).toContainText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
  const backupNow = page.getByTestId('backup-now-form');
  await backupNow.getByLabel('Backup type').selectOption('full');
  await backupNow.getByLabel('Into repository').selectOption('1');
  await backupNow.getByRole('button', { name: 'Back up now' }).click();
  // pgBackRest copies the largest files first and reports each as it ends, so on this small a
  // database the bar may jump straight to the end; the bytes copied are what the step keeps.
  await followOperation(page, 600_000);
  const bar = page.getByRole('progressbar', { name: 'copied from the data directory' });
  await expect(bar).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByText(/^copied from the data directory: [\d.]+ MiB of [\d.]+ MiB · 100%/)).toBeVisible();
  await expect(page.getByText(/^Backup \d{8}-\d{6}F \(full\) in repo1: \d+ bytes copied/)).toBeVisible();

  await labSql('pg2', 'CREATE TABLE precious (id int PRIMARY KEY); INSERT INTO precious SELECT generate_series(1, 100)');
  const target = new Date(Number(await labSql('pg2', 'SELECT extract(epoch FROM clock_timestamp())')) * 1000).toISOString();
  await page.waitForTimeout(1_000);
  await labSql('pg2', 'DROP TABLE precious; CREATE TABLE after_drop AS SELECT 1 AS id');

  await openBackups(page);
  const restore = page.getByTestId('restore-form');
  await restore.getByLabel('Restore onto').selectOption({ label: 'pg5' });
  await restore.getByLabel('Stop at').selectOption('time');
  await restore.getByLabel('Target', { exact: true }).fill(target);
  await restore.getByLabel('At the target').selectOption('pause');
  await restore.getByLabel('From repository').selectOption('1');
  await restore.getByLabel('Reason (kept in the audit log)').fill('e2e: recover precious');
  await restore.getByLabel("Type the host's name to confirm").fill('pg');
  await restore.getByRole('button', { name: 'Restore' }).click();
  await expect(restore.getByText('Type pg5 to confirm', { exact: false })).toBeVisible({ timeout: 30_000 });
  await restore.getByLabel("Type the host's name to confirm").fill('pg5');
  await restore.getByRole('button', { name: 'Restore' }).click();
  await followOperation(page, 600_000);
  await expect(page.getByText(/^pg5 is paused at the target \(read-only\)/)).toBeVisible();
  expect(await psqlOn('pg5', 'SELECT count(*) FROM precious')).toBe('100');
  expect(await psqlOn('pg5', "SELECT to_regclass('after_drop') IS NULL")).toBe('t');

  await openBackups(page);
  const history = page.getByTestId('restore-history');
  await expect(history).toContainText('restore #');
  await expect(history).toContainText(/RTO \d/);
  await history.getByRole('link', { name: /^restore #\d+$/ }).first().click();
  await expect(page.getByTestId('operation-status')).toHaveAttribute('data-status', 'succeeded');

  // Replacing the whole cluster asks for the cluster's name as well as the primary's; a wrong one stops it with nothing run.
  await openBackups(page);
  await page.getByTestId('replace-cluster').locator('summary').click();
  const replace = page.getByTestId('replace-cluster-form');
  await replace.getByLabel('Stop at').selectOption('latest');
  await replace.getByLabel('Type pg2 to confirm', { exact: true }).fill('pg2');
  await replace.getByLabel('Type orders to confirm again').fill('order');
  await replace.getByRole('button', { name: 'Replace orders' }).click();
  await expect(replace.getByText('Type orders to confirm the second time', { exact: false })).toBeVisible({ timeout: 30_000 });
  expect(await psqlOn('pg2', 'SELECT pg_is_in_recovery()')).toBe('f');
});
