import { expect, test, type Response } from '@playwright/test';
import { ADMIN_STATE, fillHostForm, makePrivateKey } from './support';

test.use({ storageState: ADMIN_STATE });

test('add a host with a private key, edit it, delete it; secrets never reach the browser; all audited', async ({ page }) => {
  const privateKey = makePrivateKey();
  const keyBody = privateKey.split('\n')[1] ?? '';
  const password = 'Sup3r-secret-ssh-password';
  const bodies: string[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response: Response) => {
    pending.push(response.text().then((text) => void bodies.push(text), () => undefined));
  });

  await page.goto('/hosts');
  await page.getByRole('link', { name: 'Add host' }).click();
  await fillHostForm(page, { Name: 'pg-e2e-1', 'SSH address': '127.0.0.21', 'Private key': privateKey, Labels: 'prod, eu-west' });
  await page.getByRole('button', { name: 'Add host' }).click();
  await expect(page.getByRole('heading', { name: 'pg-e2e-1' })).toBeVisible();
  await expect(page.getByText('Private key (stored encrypted)')).toBeVisible();
  await expect(page.getByLabel('Private key', { exact: true })).toHaveValue('');

  await page.getByLabel('Notes').fill('edited by e2e');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('edited by e2e').first()).toBeVisible();

  await page.getByLabel('Authentication').selectOption('password');
  await page.getByLabel('SSH password').fill(password);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('Password (stored encrypted)')).toBeVisible();
  await expect(page.getByLabel('SSH password')).toHaveValue('');

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Delete host' }).click();
  await expect(page).toHaveURL(/\/hosts$/);
  await expect(page.getByRole('link', { name: 'pg-e2e-1' })).toHaveCount(0);

  await page.goto('/audit?target=pg-e2e-1');
  const rows = page.getByTestId('audit-row');
  await expect(rows.filter({ hasText: 'host.create' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'host.update' })).toHaveCount(2);
  await expect(rows.filter({ hasText: 'host.delete' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'replaced its SSH secret' })).toHaveCount(1);

  await Promise.all(pending);
  expect(bodies.length).toBeGreaterThan(10);
  for (const body of bodies) {
    expect(body).not.toContain(keyBody);
    expect(body).not.toContain(password);
  }
});

test('a host in use by name, bad ports, hostile names and an unparseable key are refused with field errors', async ({ page }) => {
  const privateKey = makePrivateKey();
  await page.goto('/hosts/new');
  await fillHostForm(page, { Name: 'pg-keep', 'SSH address': '127.0.0.22', 'Private key': privateKey });
  await page.getByRole('button', { name: 'Add host' }).click();
  await expect(page.getByRole('heading', { name: 'pg-keep' })).toBeVisible();

  const cases: { fields: Record<string, string>; field: string; error: RegExp }[] = [
    { fields: { Name: 'pg-keep' }, field: 'Name', error: /Another host has this name/ },
    { fields: { 'SSH port': '0' }, field: 'SSH port', error: /1 to 65535/ },
    { fields: { 'SSH port': '65536' }, field: 'SSH port', error: /1 to 65535/ },
    { fields: { 'PostgreSQL port': '22a' }, field: 'PostgreSQL port', error: /1 to 65535/ },
    { fields: { Name: "db'1;$(reboot)" }, field: 'Name', error: /letters, digits/ },
    { fields: { Name: 'db`id`' }, field: 'Name', error: /letters, digits/ },
    { fields: { 'SSH address': 'host;rm -rf /' }, field: 'SSH address', error: /host name/ },
    { fields: { 'SSH address': '"quoted"' }, field: 'SSH address', error: /host name/ },
    { fields: { 'SSH user': 'root$(id)' }, field: 'SSH user', error: /Unix user name/ },
    { fields: { Name: '' }, field: 'Name', error: /Give the host a name/ },
    { fields: { 'Private key': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB0 me@laptop' }, field: 'Private key', error: /public key/ },
    { fields: { 'Private key': 'hello' }, field: 'Private key', error: /not an SSH private key/ },
    { fields: { Notes: 'x'.repeat(2001) }, field: 'Notes', error: /2000/ },
  ];
  for (const { fields, field, error } of cases) {
    await page.goto('/hosts/new');
    await fillHostForm(page, { Name: 'pg-new', 'SSH address': '127.0.0.23', 'Private key': privateKey, ...fields });
    await page.getByRole('button', { name: 'Add host' }).click();
    await expect(page.getByRole('alert').filter({ hasText: error }), `${field}: ${JSON.stringify(fields)}`).toBeVisible();
    await expect(page.getByLabel(field, { exact: true })).toHaveAttribute('aria-invalid', 'true');
  }
  await page.goto('/hosts');
  await expect(page.getByRole('link', { name: 'pg-new' })).toHaveCount(0);
});
