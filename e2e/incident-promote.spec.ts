import { expect, test } from '@playwright/test';
import { crash, labExec, labSql, startHost } from '../lab/client';
import { ADMIN_STATE } from './support';

test.use({ storageState: ADMIN_STATE });

test('primary crashed: the banner, the promote panel with fresh candidates, typed confirmation, pg2 promoted, topology updated; the fenced pg1 that boots with its old automatic start is stopped by Tandem at once and the page says so', async ({ page }) => {
  test.setTimeout(240_000);
  await labSql('pg1', 'CREATE TABLE incident_e2e AS SELECT generate_series(1, 500) AS id');
  const lsn = await labSql('pg1', 'SELECT pg_current_wal_lsn()');
  for (const replica of ['pg2', 'pg3']) {
    await expect.poll(() => labSql(replica, `SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn`), { timeout: 20_000 }).toBe('t');
  }
  await crash('pg1');

  await page.goto('/clusters');
  await page.getByRole('link', { name: 'orders', exact: true }).click();
  const banner = page.getByTestId('incident-banner');
  await expect(banner).toContainText('The primary pg1 does not answer.', { timeout: 60_000 });
  await banner.getByRole('button', { name: 'Promote a replica…' }).click();

  const panel = banner.getByTestId('promote-panel');
  await expect(panel.getByTestId('candidates')).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByTestId('candidate-pg2')).toBeVisible();
  await expect(panel.getByTestId('candidate-pg3')).toBeVisible();
  await expect(panel.getByTestId('recommendation')).toContainText(/pg[23]/);
  await panel.getByLabel('Replica to promote').selectOption('pg2');

  await panel.getByLabel('Reason (kept in the audit log)').fill('e2e: pg1 lost power');
  await panel.getByLabel(/Type the cluster name/).fill('order');
  await panel.getByRole('button', { name: 'Promote pg2' }).click();
  await expect(panel.getByText('Type the cluster name, orders, to confirm.', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByText(/so Tandem cannot stop it\. Confirm that it is down or cut off/).first()).toBeVisible();
  await expect(page).toHaveURL(/\/clusters\/\d+$/);

  await panel.getByLabel(/Type the cluster name/).fill('orders');
  await panel.getByRole('checkbox').check();
  await panel.getByRole('button', { name: 'Promote pg2' }).click();
  await expect(page).toHaveURL(/\/operations\/\d+$/, { timeout: 30_000 });
  await expect(page.getByTestId('operation-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 120_000 });

  await page.goto('/clusters');
  await page.getByRole('link', { name: 'orders', exact: true }).click();
  const topology = page.getByTestId('topology');
  await expect(topology.getByTestId('member-pg2')).toContainText('primary, accepts writes', { timeout: 30_000 });
  await expect(topology.getByTestId('member-pg3')).toContainText('standby, streaming');
  await expect(topology.getByTestId('member-pg1')).toContainText('fenced');
  await expect(page.getByTestId('incident-banner')).toHaveCount(0);
  expect(await labSql('pg2', 'SELECT count(*) FROM incident_e2e')).toBe('500');
  expect(await labSql('pg3', 'SELECT sender_host FROM pg_stat_wal_receiver')).toBe('10.88.0.12');

  await startHost('pg1');
  await expect.poll(async () => (await labExec('pg1', ['pg_ctlcluster', '15', 'main', 'status'])).code, { timeout: 30_000 }).toBe(3);
  // The guard stops pg1 first and then sets its automatic start: the file may lag the stop by a moment.
  await expect.poll(async () => (await labExec('pg1', ['cat', '/etc/postgresql/15/main/start.conf'])).stdout.trim(), { timeout: 10_000 }).toBe('manual');
  expect((await labExec('pg1', ['test', '-f', '/var/lib/postgresql/15/main/standby.signal'])).code).toBe(0);
  await expect.poll(async () => {
    await page.reload();
    return page.getByTestId('fence-record-pg1').count();
  }, { timeout: 30_000, intervals: [1_000] }).toBe(1);
  await expect(page.getByTestId('fence-record-pg1')).toContainText(/^pg1, fenced in cluster orders, answered again/);
  await expect(page.getByTestId('fence-record-pg1')).toContainText('It stays fenced: rejoin it.');
  await expect(page.getByTestId('two-primaries')).toHaveCount(0);

  await page.getByRole('link', { name: 'Rejoin a fenced member on the Failover tab' }).click();
  await expect(page).toHaveURL(/\/clusters\/\d+\/failover$/);
  await expect(page.getByRole('heading', { name: 'Rejoin pg1' })).toBeVisible();
});
