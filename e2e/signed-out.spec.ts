import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ADMIN_STATE, fillHostForm, makePrivateKey } from './support';

/** Routes anyone may read: they hold no inventory (the health check and the API's OpenAPI document). */
const PUBLIC_ROUTES = ['/api/health', '/api/v1/openapi.json'];

/** Every page and route the build made, from its manifest, with `[id]` filled in. */
function builtPaths(hostId: string): { pages: string[]; routes: string[] } {
  const manifest: Record<string, string> = JSON.parse(readFileSync('.next/server/app-paths-manifest.json', 'utf8'));
  const paths = Object.keys(manifest)
    .filter((key) => !key.startsWith('/_') && !key.startsWith('/(auth)'))
    .map((key) => key.replace(/\/\([^)]+\)/g, '').replace(/\/(page|route)$/, '') || '/')
    .map((path) => (path.startsWith('/hosts/') ? path.replace('[id]', hostId) : path.replace('[id]', '1')));
  return { pages: paths.filter((path) => !path.startsWith('/api/')), routes: paths.filter((path) => path.startsWith('/api/') && !PUBLIC_ROUTES.includes(path)) };
}

test('signed out, no page, its RSC payload or route gives away inventory', async ({ browser }) => {
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const adminPage = await admin.newPage();
  await adminPage.goto('/hosts/new');
  await fillHostForm(adminPage, { Name: 'rsc-canary-host', 'SSH address': '127.0.0.25', 'Private key': makePrivateKey() });
  await adminPage.getByRole('button', { name: 'Add host' }).click();
  await expect(adminPage.getByRole('heading', { name: 'rsc-canary-host' })).toBeVisible();
  const hostId = /\/hosts\/(\d+)/.exec(adminPage.url())?.[1] ?? '';
  expect(hostId).not.toBe('');
  await admin.close();

  const anonymous = await browser.newContext();
  const { pages, routes } = builtPaths(hostId);
  expect(pages.length).toBeGreaterThanOrEqual(11);
  for (const path of pages) {
    const variants: Record<string, string>[] = [{}, { RSC: '1' }];
    for (const headers of variants) {
      const response = await anonymous.request.get(path, { headers, maxRedirects: 0 });
      const body = await response.text();
      expect(body, `${path} ${JSON.stringify(headers)}`).not.toContain('rsc-canary-host');
      expect(body, `${path} ${JSON.stringify(headers)}`).not.toMatch(/hosts? registered|in the inventory/);
    }
  }
  for (const path of routes) {
    const response = await anonymous.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBeGreaterThanOrEqual(401);
    expect(await response.text(), path).not.toContain('rsc-canary-host');
  }
  for (const path of PUBLIC_ROUTES) {
    const response = await anonymous.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    expect(await response.text(), path).not.toContain('rsc-canary-host');
  }
  console.log(`signed out: ${pages.length} pages (each as HTML and RSC) and ${routes.length} routes refused; ${PUBLIC_ROUTES.join(' and ')} public, without inventory`);
  await anonymous.close();
});
