import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
const CLUSTER_SPECS = [/setup-wizard\.spec\.ts/, /lag-chart\.spec\.ts/, /incident-promote\.spec\.ts/, /backups\.spec\.ts/];
const dataDir = process.env.E2E_DATA_DIR ?? 'e2e/.artifacts/data';

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/lab-setup.ts',
  globalTeardown: './e2e/lab-teardown.ts',
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'e2e/.artifacts/results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
  projects: [
    { name: 'first-run', testMatch: /first-run\.setup\.ts/ },
    { name: 'app', testMatch: /.*\.spec\.ts/, testIgnore: CLUSTER_SPECS, dependencies: ['first-run'] },
    // One cluster, built by the wizard spec, is then charted, its primary is crashed, and last it is backed up and restored (onto pg4, pg5).
    { name: 'wizard', testMatch: /setup-wizard\.spec\.ts/, dependencies: ['app'] },
    { name: 'lag', testMatch: /lag-chart\.spec\.ts/, dependencies: ['wizard'] },
    { name: 'incident', testMatch: /incident-promote\.spec\.ts/, dependencies: ['lag'] },
    { name: 'backups', testMatch: /backups\.spec\.ts/, dependencies: ['incident'] },
  ],
  webServer: {
    command: `rm -rf ${dataDir} && npx next start -p ${port} -H 127.0.0.1`,
    url: `http://127.0.0.1:${port}/sign-in`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: { TANDEM_DATA_DIR: dataDir, TANDEM_URL: `http://127.0.0.1:${port}`, NEXT_TELEMETRY_DISABLED: '1' },
  },
});
