// Generates the Prisma client without Prisma's downloadable schema engine, which cannot
// be fetched here: the client generator is WebAssembly and only needs the variable to
// name an existing file.
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['prisma', 'generate'], {
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
});
process.exit(result.status ?? 1);
