import { expect, test } from '@playwright/test';
import { assertLabAddress, labHost, readLabPrivateKey, rekey } from '../lab/client';
import { ADMIN_STATE, fillHostForm } from './support';

test.use({ storageState: ADMIN_STATE });

test('add pg1 from the UI, accept its fingerprint, see the discovered facts; a changed host key blocks', async ({ page }) => {
  const pg1 = labHost('pg1');
  assertLabAddress(pg1.address);
  const fingerprint = pg1.currentHostKeyFingerprint;

  await page.goto('/hosts/new');
  await fillHostForm(page, { Name: 'pg1', 'SSH address': pg1.address, 'Private key': readLabPrivateKey() });
  await page.getByRole('button', { name: 'Add host' }).click();
  await expect(page.getByRole('heading', { name: 'pg1' })).toBeVisible();

  await expect(page.getByText('First contact: the host key is not accepted yet.')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(fingerprint)).toBeVisible();
  await page.getByRole('button', { name: 'Accept host key' }).click();

  const facts = page.getByTestId('discovered-facts');
  await expect(page.getByTestId('discovery-status')).toContainText('Connected', { timeout: 20_000 });
  await expect(facts).toContainText('15/main on port 5432');
  await expect(facts).toContainText('running, not in recovery (primary)');
  await expect(facts).toContainText('pg_ctlcluster 15 main');
  await expect(facts).toContainText('/var/lib/postgresql/15/main');
  await expect(facts).toContainText('/etc/postgresql/15/main/postgresql.conf');
  await expect(facts).toContainText('/etc/postgresql/15/main/pg_hba.conf');
  await expect(facts).toContainText(/Free disk \(data directory\)\s*[\d.]+ (GiB|TiB|MiB) of/);
  await expect(page.getByText(`ssh-ed25519 ${fingerprint}`)).toBeVisible();

  await rekey('pg1');
  try {
    const changed = labHost('pg1').currentHostKeyFingerprint;
    await page.getByRole('button', { name: 'Test connection' }).click();
    const warning = page.getByTestId('host-key-warning');
    await expect(warning).toBeVisible({ timeout: 20_000 });
    await expect(warning).toContainText('The host key changed. Tandem refuses to connect.');
    await expect(warning).toContainText(fingerprint);
    await expect(warning).toContainText(changed);
    await expect(page.getByTestId('stale-facts')).toBeVisible();
    await expect(page.getByTestId('discovered-facts')).toContainText('15/main on port 5432');

    await page.getByRole('button', { name: 'Replace pinned key' }).click();
    await expect(page.getByText('Type pg1 to replace the pinned host key')).toBeVisible();
    await page.getByLabel('Type pg1 to replace the pinned key').fill('pg1');
    await page.getByRole('button', { name: 'Replace pinned key' }).click();
    await expect(page.getByTestId('discovery-status')).toContainText('Connected', { timeout: 20_000 });
    await expect(page.getByText(`ssh-ed25519 ${changed}`)).toBeVisible();

    await page.goto('/audit?target=pg1');
    await expect(page.getByTestId('audit-row').filter({ hasText: 'host.accept_key' })).toHaveCount(1);
    await expect(page.getByTestId('audit-row').filter({ hasText: 'host.reaccept_key' })).toContainText(changed);
  } finally {
    await rekey('pg1', { restore: true });
  }

  // The lab host has its original key again: remove this entry so later specs add pg1 afresh.
  await page.goto('/hosts');
  await page.getByRole('link', { name: 'pg1', exact: true }).click();
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Delete host' }).click();
  await expect(page).toHaveURL(/\/hosts$/);
});
