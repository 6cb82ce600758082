import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

/**
 * Layer rules (ARCHITECTURE.md). Each block names what a folder may not reach, so a change that
 * couples a layer to one below it fails `npm run lint` instead of a later review.
 */

/**
 * Server I/O and the framework: what the pure domain code may never import. Patterns are
 * gitignore-style, so `@/lib/db` covers every module below it (and `!` lets one through: the kind
 * names are plain data); the pure helpers of lib/ssh
 * and lib/pg (shell, run-as, errors, quote-ident, conninfo, scram, sql) stay allowed.
 */
const IMPURE = [
  '@/lib/db',
  '@/lib/server',
  '@/lib/operations/*',
  '!@/lib/operations/kind-names',
  '@/lib/actions',
  '@/lib/ssh/pool',
  '@/lib/ssh/session',
  '@/lib/ssh/exec',
  '@/lib/pg/psql-over-ssh',
  '@/lib/pg/managed-client',
  '@/lib/alerts/notify-webhooks',
  'next',
  'server-only',
];

/** The barrels of lib/ssh and lib/pg re-export their I/O too (only the exact name: their pure modules stay allowed). */
const IMPURE_BARRELS = ['@/lib/ssh', '@/lib/pg'];

/** Application code that reaches up from the database adapter would make it depend on its callers. */
const ABOVE_THE_ADAPTER = [
  '@/lib/alerts/notify-webhooks',
  '@/lib/alerts/alerting',
  '@/lib/server',
  '@/lib/operations/*',
  '!@/lib/operations/kind-names',
  '@/lib/actions',
  '@/lib/monitor/poller',
];

/** Server I/O a client component may name only as a type: its values would pull the server into the browser bundle. */
const SERVER_IO = ['@/lib/db', '@/lib/ssh', '@/lib/server', '@/lib/pg', 'server-only'];

/**
 * The client components under `folders`: files whose first statement is `'use client'`. Server
 * components (the async panels that read the database) are left out; that directive is the line
 * between them, and a glob cannot see it.
 */
function clientComponents(...folders) {
  const root = import.meta.dirname;
  return folders.flatMap((folder) =>
    readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file))
      .map((file) => path.posix.join(folder, file.split(path.sep).join('/')))
      .filter((file) => /^['"]use client['"]/.test(readFileSync(path.join(root, file), 'utf8'))),
  );
}

/**
 * The CLI is a client of /api/v1: of the project it may load only pure formatting (the pages'
 * byte and lag units); the API's schemas it names as types, so nothing of the server runs in it.
 */
const CLI_LOADS_ONLY = ['@/*', '!@/lib', '@/lib/*', '!@/lib/format', '!@/lib/lag', '@/lib/lag/*', '!@/lib/lag/units', '../../*', '../lib', '../app', '../components'];

const DOMAIN_MESSAGE = 'Domain code (lib/replication, lib/failover, lib/backup) is pure: it takes I/O through its ports and never imports the framework.';

const TESTS = ['**/*.test.ts', '**/testing/**'];

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: ['generated/**', '.next/**', 'node_modules/**', 'data/**', 'lab/.state/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  {
    name: 'tandem/layers/domain',
    files: ['lib/replication/**/*.ts', 'lib/failover/**/*.ts', 'lib/backup/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': ['error', {
        paths: IMPURE_BARRELS.map((name) => ({ name, message: DOMAIN_MESSAGE })),
        patterns: [{ group: IMPURE, message: DOMAIN_MESSAGE }],
      }],
    },
  },
  {
    name: 'tandem/layers/db-adapter',
    files: ['lib/db/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ABOVE_THE_ADAPTER, message: 'lib/db is the database adapter: it stores and reads, and never calls the application above it (notifications, the runner, actions).' }],
      }],
    },
  },
  {
    name: 'tandem/layers/cli',
    files: ['cli/**/*.ts'],
    ignores: TESTS,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: CLI_LOADS_ONLY, allowTypeImports: true, message: 'The CLI is a thin client of /api/v1: it names the server\'s modules as types only, and asks the API for everything else.' }],
      }],
    },
  },
  {
    name: 'tandem/layers/client-components',
    files: clientComponents('components', 'app'),
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: SERVER_IO, allowTypeImports: true, message: 'A client component runs in the browser: it takes server data as props (types only), and reads or changes through a server action.' }],
      }],
    },
  },
];

export default config;
