#!/usr/bin/env node
// `tandem`, the command-line client of Tandem's REST API (cli/, the README's CLI section).
// The CLI is TypeScript, run through tsx as the benchmarks and scripts are: no build step.
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const options = { parentURL: import.meta.url, tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) };
const [{ runCli }, { processIo }] = await Promise.all([tsImport('../cli/main.ts', options), tsImport('../cli/process-io.ts', options)]);
process.exitCode = await runCli(process.argv.slice(2), processIo());
