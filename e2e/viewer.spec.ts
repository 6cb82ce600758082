import { expect, test } from '@playwright/test';
import { ADMIN_STATE, VIEWER, fillHostForm, makePrivateKey, signIn } from './support';

test('a viewer sees no add, edit or delete, and a direct POST of the add action is refused and stores nothing', async ({ browser }) => {
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const adminPage = await admin.newPage();
  await adminPage.goto('/settings');
  await adminPage.getByLabel('Name').fill(VIEWER.name);
  await adminPage.getByLabel('E-mail').fill(VIEWER.email);
  await adminPage.getByLabel('Initial password').fill(VIEWER.password);
  await adminPage.getByRole('button', { name: 'Add user' }).click();
  await expect(adminPage.getByText('User added.')).toBeVisible();
  await expect(adminPage.getByTestId('user-row').filter({ hasText: VIEWER.email })).toBeVisible();

  await adminPage.goto('/hosts/new');
  let captured: { headers: Record<string, string>; body: string } | undefined;
  adminPage.on('request', (request) => {
    const headers = request.headers();
    if (request.method() === 'POST' && headers['next-action'] && !captured) captured = { headers, body: request.postData() ?? '' };
  });
  await fillHostForm(adminPage, { Name: 'pg-admin-made', 'SSH address': '127.0.0.24', 'Private key': makePrivateKey() });
  await adminPage.getByRole('button', { name: 'Add host' }).click();
  await expect(adminPage.getByRole('heading', { name: 'pg-admin-made' })).toBeVisible();
  expect(captured?.body).toContain('pg-admin-made');

  const viewer = await browser.newContext();
  const page = await viewer.newPage();
  await signIn(page, VIEWER);
  await expect(page.getByTestId('current-role')).toHaveText('viewer');
  await page.goto('/hosts');
  await expect(page.getByRole('link', { name: 'pg-admin-made' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Add host' })).toHaveCount(0);
  await page.getByRole('link', { name: 'pg-admin-made' }).click();
  await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete host' })).toHaveCount(0);
  await page.goto('/hosts/new');
  await expect(page.getByText('cannot add hosts')).toBeVisible();

  const replay = captured!;
  const response = await page.request.post('/hosts/new', {
    headers: {
      'next-action': replay.headers['next-action'] ?? '',
      'content-type': replay.headers['content-type'] ?? '',
      accept: 'text/x-component',
    },
    data: replay.body.replaceAll('pg-admin-made', 'pg-by-viewer'),
  });
  expect(await response.text()).toContain('Your role (viewer) cannot do this');

  await adminPage.goto('/hosts');
  await expect(adminPage.getByRole('link', { name: 'pg-by-viewer' })).toHaveCount(0);
  await adminPage.goto('/audit?actor=vic@example.com');
  await expect(adminPage.getByTestId('audit-row').filter({ hasText: 'host.create' }).filter({ hasText: 'denied' })).toHaveCount(1);
  await admin.close();
  await viewer.close();
});
