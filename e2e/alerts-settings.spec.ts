import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { ADMIN_STATE } from './support';

test('an admin adds a webhook (refused on loopback until allow-listed; only its host shown), sends a test that a local receiver gets, and sets a metrics token shown once', async ({ browser }) => {
  const received: { event: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as { event: string });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;
  try {
    const context = await browser.newContext({ storageState: ADMIN_STATE });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto('/settings');

    await page.getByLabel('URL').fill('ftp://example.com/hook');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await expect(page.getByText('Give the webhook a name')).toBeVisible();
    await expect(page.getByText('Enter an http:// or https:// URL')).toBeVisible();

    const addLocalReceiver = async () => {
      await page.getByLabel('Webhook', { exact: true }).fill('local receiver');
      await page.getByLabel('URL').fill(`http://127.0.0.1:${port}/hooks/secret-path`);
      await page.getByLabel('Format').selectOption('generic');
      await page.getByRole('button', { name: 'Add webhook' }).click();
    };
    // Loopback is refused until an admin allow-lists it, as an on-premises receiver on a private network would be.
    await addLocalReceiver();
    await expect(page.getByText('127.0.0.1 is a loopback address (127.0.0.0/8)')).toBeVisible();
    await expect(page.getByTestId('webhook-row')).toHaveCount(0);
    await page.getByLabel('Private networks and hosts').fill('127.0.0.0/8');
    await page.getByRole('button', { name: 'Save allow-list' }).click();
    await expect(page.getByText('Allow-list saved.')).toBeVisible();

    await addLocalReceiver();
    const row = page.getByTestId('webhook-row').filter({ hasText: 'local receiver' });
    await expect(row).toContainText(`127.0.0.1:${port}`);
    await expect(page.locator('body')).not.toContainText('secret-path');

    await row.getByRole('button', { name: 'Send test' }).click();
    await expect(row.getByText(/Delivered: HTTP 200/)).toBeVisible();
    expect(received.map((body) => body.event)).toEqual(['webhook.test']);

    const unauthorized = await page.request.get('/api/metrics');
    expect(unauthorized.status()).toBe(401);
    await page.getByRole('button', { name: /Generate token|Replace token/ }).click();
    const token = (await page.getByTestId('metrics-token-value').innerText()).trim();
    expect(token).toMatch(/^tdm_/);
    const scraped = await page.request.get('/api/metrics', { headers: { authorization: `Bearer ${token}` } });
    expect(scraped.status()).toBe(200);
    expect(await scraped.text()).toContain('# TYPE tandem_alerts_open gauge');

    await page.reload();
    await expect(page.getByTestId('metrics-token-value')).toHaveCount(0);
    await expect(page.getByTestId('delivery-row').filter({ hasText: 'webhook.test' })).toHaveCount(1);
    await context.close();
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});
