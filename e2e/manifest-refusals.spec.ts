import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN, ADMIN_STATE, signIn } from './support';

const AUDITOR = { name: 'Una Viewer', email: 'una@example.com', password: 'viewer-password-456' };

interface BuiltAction {
  readonly id: string;
  readonly name: string;
  /** A page whose bundle holds the action: a POST there with its id calls it. */
  readonly page: string;
}

/** Every server action the build made, from its manifest, with the page that can call it. */
function builtActions(): BuiltAction[] {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as { node: Record<string, { workers: Record<string, unknown>; exportedName?: string }> };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers).find((name) => name.endsWith('/page')) ?? 'app/(app)/page';
    const page = worker.replace(/^app/, '').replace(/\/\([^)]+\)/g, '').replace(/\/page$/, '').replaceAll('[id]', '1') || '/';
    return { id, name: entry.exportedName ?? id, page };
  });
}

/** Calls an action directly, as a script would: its id in `Next-Action`, no arguments. */
async function callAction(request: APIRequestContext, action: BuiltAction): Promise<string> {
  const response = await request.post(action.page, {
    headers: { 'next-action': action.id, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component' },
    data: '[]',
    maxRedirects: 0,
  });
  return `${response.status()} ${await response.text()}`;
}

/** What an admin sees of everything an action could change: the lists, and the audit events each actor caused that succeeded. */
async function stateSeenByAdmin(page: Page): Promise<Record<string, string>> {
  const seen: Record<string, string> = {};
  for (const path of ['/hosts', '/clusters', '/settings', '/operations']) {
    await page.goto(path);
    seen[path] = await page.locator('main').innerText();
  }
  for (const actor of [ADMIN.email, AUDITOR.email]) {
    await page.goto(`/audit?actor=${encodeURIComponent(actor)}`);
    const rows = await page.getByTestId('audit-row').allInnerTexts();
    // Refusals are audited as denied or failed; the viewer's own sign-in and sign-out (the one action a viewer may take) change only its session.
    seen[`audit ${actor}`] = rows.filter((row) => !/\b(denied|failed)\b/.test(row) && !(actor === AUDITOR.email && /\tauth\.sign_(in|out) ok\t/.test(row))).join('\n');
  }
  return seen;
}

test('every server action in the build refuses a signed-out caller and a viewer, and nothing changes', async ({ browser }) => {
  const actions = builtActions();
  expect(actions.length).toBeGreaterThanOrEqual(35);

  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const adminPage = await admin.newPage();
  await adminPage.goto('/settings');
  await adminPage.getByLabel('Name').fill(AUDITOR.name);
  await adminPage.getByLabel('E-mail').fill(AUDITOR.email);
  await adminPage.getByLabel('Initial password').fill(AUDITOR.password);
  await adminPage.getByRole('button', { name: 'Add user' }).click();
  await expect(adminPage.getByText('User added.')).toBeVisible();
  const before = await stateSeenByAdmin(adminPage);

  const anonymous = await browser.newContext();
  for (const action of actions) {
    const answer = await callAction(anonymous.request, action);
    expect(answer, `${action.name} signed out`).not.toContain('"ok":true');
  }

  const viewer = await browser.newContext();
  const viewerPage = await viewer.newPage();
  await signIn(viewerPage, AUDITOR);
  let refusedByRole = 0;
  // Signing out is one of the actions; it goes last so the others run as the viewer.
  for (const action of [...actions].sort((a, b) => Number(a.name === 'signOut') - Number(b.name === 'signOut'))) {
    const answer = await callAction(viewer.request, action);
    expect(answer, `${action.name} as viewer`).not.toContain('"ok":true');
    if (answer.includes('Your role (viewer) cannot do this')) refusedByRole += 1;
  }
  expect(refusedByRole).toBeGreaterThanOrEqual(actions.length - 8);

  expect(await stateSeenByAdmin(adminPage)).toEqual(before);
  console.log(`build manifest: ${actions.length} server actions refused signed out and as viewer (${refusedByRole} by role, the rest by their own input checks); the admin sees nothing changed`);
  await Promise.all([admin.close(), anonymous.close(), viewer.close()]);
});
