import { expect, test } from '@playwright/test';
import { labSsh } from '../lab/client';
import { ADMIN_STATE, ensureHost } from './support';

test.use({ storageState: ADMIN_STATE });

test('the wizard sets up pg1 → pg2, pg3: plan preview, progress bar moving, streaming topology', async ({ page }) => {
  test.setTimeout(240_000);
  const fill = await labSsh('pg1', "cd / && runuser -u postgres -- pgbench -i -s 8 -q postgres");
  expect(fill.code, fill.stderr).toBe(0);
  for (const name of ['pg1', 'pg2', 'pg3']) await ensureHost(page, name);

  await page.goto('/clusters');
  await page.getByRole('link', { name: 'New cluster' }).click();
  await page.getByLabel('Cluster name').fill('orders');
  await page.getByRole('radio', { name: 'pg1' }).check();
  await page.getByRole('checkbox', { name: 'pg2' }).check();
  await page.getByRole('checkbox', { name: 'pg3' }).check();
  await page.getByLabel('Base backup rate limit (MiB/s)').fill('40');
  await page.getByRole('button', { name: 'Run preflight' }).click();
  await expect(page.getByTestId('preflight-summary')).toContainText('Nothing failed', { timeout: 60_000 });

  const runbook = page.getByTestId('runbook');
  await expect(runbook).toContainText('Clone the primary onto pg2 with pg_basebackup');
  await runbook.getByText('Clone the primary onto pg2 with pg_basebackup').click();
  await expect(runbook).toContainText(/pg_basebackup -h '10\.88\.0\.11' -p '5432' -U 'replicator' -D '\/var\/lib\/postgresql\/15\/main' -R -X stream -S 'tandem_pg2' --max-rate='40960'k --checkpoint=fast/);
  await expect(runbook).not.toContainText(/PASSWORD '/);

  await page.getByRole('button', { name: 'Run setup' }).click();
  await expect(page).toHaveURL(/\/operations\/\d+$/, { timeout: 60_000 });

  const seen = new Set<string>();
  const bar = page.getByRole('progressbar', { name: 'pg_basebackup' });
  const status = page.getByTestId('operation-status');
  for (let i = 0; i < 240 && !['succeeded', 'failed', 'cancelled'].includes((await status.getAttribute('data-status')) ?? ''); i += 1) {
    for (const value of await bar.evaluateAll((bars) => bars.map((element) => element.getAttribute('aria-valuenow') ?? ''))) {
      if (value && value !== '0' && value !== '100') seen.add(value);
    }
    await page.waitForTimeout(250);
  }
  await expect(status).toHaveAttribute('data-status', 'succeeded');
  expect(seen.size, `progress values seen: ${[...seen].join(', ')}`).toBeGreaterThanOrEqual(2);

  await page.goto('/clusters');
  await page.getByRole('link', { name: 'orders' }).click();
  const topology = page.getByTestId('topology');
  await expect(topology.getByTestId('member-pg1')).toContainText('primary, accepts writes', { timeout: 20_000 });
  await expect(topology.getByTestId('member-pg2')).toContainText('standby, streaming');
  await expect(topology.getByTestId('member-pg3')).toContainText('standby, streaming');
  const sections = page.getByRole('navigation', { name: 'Cluster sections' });
  await sections.getByRole('link', { name: 'Operations' }).click();
  await expect(page).toHaveURL(/\/clusters\/\d+\/operations$/);
  await expect(sections.getByRole('link', { name: 'Operations' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('operation-table')).toContainText('setup');
});
