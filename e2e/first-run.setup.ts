import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ADMIN, ADMIN_STATE, DATA_DIR, signIn } from './support';

test('the first visitor creates the admin, signs out and signs in again', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByText('there is no default password')).toBeVisible();
  const claim = async (token: string) => {
    await page.getByLabel('Setup token').fill(token);
    await page.getByLabel('Name').fill(ADMIN.name);
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Password again').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
  };
  await claim('not-the-token');
  await expect(page.getByText('That is not the setup token Tandem printed at its last start')).toBeVisible();
  // The token Tandem printed at start-up, as an operator reads it from the log or the data directory.
  await claim(readFileSync(path.join(DATA_DIR, 'setup-token'), 'utf8').trim());
  await expect(page.getByRole('heading', { name: 'Fleet' })).toBeVisible();
  await expect(page.getByTestId('current-role')).toHaveText('admin');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The e-mail or password is wrong.' })).toBeVisible();

  await signIn(page, ADMIN);
  await page.context().storageState({ path: ADMIN_STATE });
  expect(violations).toEqual([]);
});
