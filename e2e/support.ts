import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { assertLabAddress, labHost, readLabPrivateKey } from '../lab/client';

export const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct-horse-battery-1' };
export const VIEWER = { name: 'Vic Viewer', email: 'vic@example.com', password: 'viewer-password-123' };
export const ADMIN_STATE = 'e2e/.artifacts/admin.json';
/** The data directory the e2e server runs with (playwright.config.ts): its setup-token file is read by the first-run test. */
export const DATA_DIR = process.env.E2E_DATA_DIR ?? 'e2e/.artifacts/data';

/** A fresh ed25519 private key, made by ssh-keygen for this run. */
export function makePrivateKey(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-e2e-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'e2e', '-f', path.join(dir, 'id')]);
  return readFileSync(path.join(dir, 'id'), 'utf8');
}

export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Fleet' })).toBeVisible();
}

export async function fillHostForm(page: Page, host: Record<string, string>) {
  for (const [label, value] of Object.entries(host)) await page.getByLabel(label, { exact: true }).fill(value);
}

/** Adds a lab host through the UI and accepts its host key, unless it is already in the inventory. */
export async function ensureHost(page: Page, name: string) {
  const lab = labHost(name);
  assertLabAddress(lab.address);
  await page.goto('/hosts');
  if (await page.getByRole('link', { name, exact: true }).count()) return;
  await page.goto('/hosts/new');
  await fillHostForm(page, { Name: name, 'SSH address': lab.address, 'Private key': readLabPrivateKey() });
  await page.getByRole('button', { name: 'Add host' }).click();
  await expect(page.getByText(lab.currentHostKeyFingerprint)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Accept host key' }).click();
  await expect(page.getByTestId('discovery-status')).toContainText('Connected', { timeout: 20_000 });
}
