import { expect, test, type Page } from '@playwright/test';
import { heal, labSql, labSsh, partition } from '../lab/client';
import { ADMIN_STATE } from './support';

test.use({ storageState: ADMIN_STATE });

/** Opens the cluster the wizard spec built (pg1 → pg2, pg3). */
async function openOrders(page: Page) {
  await page.goto('/clusters');
  await page.getByRole('link', { name: 'orders', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'orders' })).toBeVisible();
}

/** The number of points the chart holds now (its data-points attribute). */
async function chartPoints(page: Page): Promise<number> {
  return Number(await page.getByTestId('lag-chart').getAttribute('data-points'));
}

test('the cluster page charts real lag under a pgbench load, switches ranges, and the status word follows a partition', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await openOrders(page);
  const chart = page.getByTestId('lag-chart');
  await expect(chart).toHaveAttribute('data-live', 'live', { timeout: 20_000 });
  for (const name of ['pg2', 'pg3']) {
    await expect(page.getByTestId(`replica-status-word-${name}`)).toHaveAttribute('data-status', 'streaming', { timeout: 30_000 });
  }

  await page.getByTestId('lag-range-5m').click();
  await expect(chart).toHaveAttribute('data-range', '5m');
  await expect(page.getByTestId('lag-range-5m')).toHaveAttribute('aria-pressed', 'true');
  const load = labSsh('pg1', 'cd / && runuser -u postgres -- pgbench -n -c 4 -T 15 postgres', { timeoutMs: 60_000 });
  const before = await chartPoints(page);
  await expect.poll(() => chartPoints(page), { timeout: 20_000 }).toBeGreaterThan(before + 10);
  const curves = chart.locator('path.recharts-line-curve');
  await expect(curves).toHaveCount(2);
  for (const d of await curves.evaluateAll((paths) => paths.map((path) => path.getAttribute('d') ?? ''))) expect(d).toMatch(/L/);
  const loaded = await load;
  expect(loaded.code, loaded.stderr).toBe(0);
  expect(loaded.stdout).toMatch(/number of transactions actually processed: [1-9]\d*/);
  await chart.screenshot({ path: testInfo.outputPath('lag-chart-under-load.png') });
  await testInfo.attach('lag chart under load', { path: testInfo.outputPath('lag-chart-under-load.png'), contentType: 'image/png' });

  await page.getByTestId('lag-range-1h').click();
  await expect(chart).toHaveAttribute('data-range', '1h', { timeout: 10_000 });
  await expect.poll(() => chartPoints(page), { timeout: 10_000 }).toBeGreaterThan(0);
  await page.getByTestId('lag-range-24h').click();
  await expect(chart).toHaveAttribute('data-range', '24h', { timeout: 10_000 });
  await expect.poll(() => chartPoints(page), { timeout: 10_000 }).toBeGreaterThan(0);
  await page.getByTestId('lag-view-time').click();
  await expect(chart.getByRole('figure')).toHaveAttribute('aria-label', /Time lag \(replay\) per replica, last 24 h/);

  const pg3 = page.getByTestId('replica-status-word-pg3');
  await partition('pg3');
  try {
    await expect(pg3).not.toHaveAttribute('data-status', 'streaming', { timeout: 30_000 });
    expect(['stalled', 'unreachable', 'disconnected']).toContain(await pg3.getAttribute('data-status'));
    await expect(page.getByTestId('replica-status-word-pg2')).toHaveAttribute('data-status', 'streaming');
  } finally {
    await heal('pg3');
  }
  await expect(pg3).toHaveAttribute('data-status', 'streaming', { timeout: 90_000 });
});

test('an alert opens and resolves on the open cluster page without a reload: replay paused on pg3 while pg1 writes', async ({ page }) => {
  test.setTimeout(240_000);
  await openOrders(page);
  await expect(page.getByTestId('lag-chart')).toHaveAttribute('data-live', 'live', { timeout: 20_000 });
  let loads = 0;
  page.on('load', () => {
    loads += 1;
  });
  const behind = /pg3 is .+ behind in replay/;
  await expect(page.getByTestId('alert-open').filter({ hasText: behind })).toHaveCount(0);

  await labSql('pg3', 'SELECT pg_wal_replay_pause()');
  try {
    await labSql('pg1', 'CREATE TABLE live_alert_e2e AS SELECT generate_series(1, 1000000) AS id');
    await expect(page.getByTestId('replica-status-word-pg3')).toHaveAttribute('data-status', 'replay paused', { timeout: 30_000 });
    const opened = page.getByTestId('alert-open').filter({ hasText: behind });
    await expect(opened).toBeVisible({ timeout: 90_000 });
    await expect(opened).toHaveAttribute('data-severity', 'warning');
  } finally {
    await labSql('pg3', 'SELECT pg_wal_replay_resume()');
    await labSql('pg1', 'DROP TABLE IF EXISTS live_alert_e2e');
  }
  await expect(page.getByTestId('alert-resolved').filter({ hasText: behind }).first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('alert-open').filter({ hasText: behind })).toHaveCount(0);
  expect(loads).toBe(0);
});

