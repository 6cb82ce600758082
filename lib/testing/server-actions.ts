import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A module's first statement is the `'use server'` directive (comments may come before it). */
const USE_SERVER = /^(?:\s+|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*['"]use server['"]/;

/** One export of a `'use server'` module: Next.js exposes each to direct POSTs. */
export interface ServerExport {
  readonly file: string;
  readonly name: string;
  readonly value: unknown;
}

/**
 * Every export of every `'use server'` module directly in `folder` (tests left out), imported
 * here so a test's `vi.mock` stand-ins apply. A new action is found without being listed.
 */
export async function serverExports(folder: string): Promise<{ files: string[]; exports: ServerExport[] }> {
  const files = readdirSync(folder)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .filter((file) => USE_SERVER.test(readFileSync(path.join(folder, file), 'utf8')))
    .sort();
  const exports: ServerExport[] = [];
  for (const file of files) {
    const loaded = (await import(/* @vite-ignore */ path.join(folder, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(loaded)) exports.push({ file, name, value });
  }
  return { files, exports };
}
