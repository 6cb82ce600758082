import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: { alias: { '@': root, 'server-only': fileURLToPath(new URL('./lib/testing/server-only-stub.ts', import.meta.url)) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'cli/**/*.test.ts', 'bench/**/*.test.ts', 'components/**/*.test.ts', 'prisma/**/*.test.ts', 'lab/**/*.test.ts', '*.test.ts'],
          exclude: ['**/*.lab.test.ts', 'node_modules/**'],
          // Files that open an in-memory PGlite database start slowly when many run at once on two cores;
          // their beforeAll (migrations, seed users) gets the same budget as a test.
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'lab',
          include: ['**/*.lab.test.ts'],
          exclude: ['node_modules/**'],
          globalSetup: ['lab/vitest-global-setup.ts'],
          setupFiles: ['lab/vitest-file-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
