import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as engineRuntime from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { Migration } from '../lib/db/migrations';

type WasmExports = WebAssembly.Exports & { __wbindgen_start: () => void };

let loaded: Promise<typeof engineRuntime.SchemaEngine> | undefined;

/** Instantiates Prisma's schema engine from its WebAssembly build (no downloaded binary). */
function loadEngine(): Promise<typeof engineRuntime.SchemaEngine> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve('@prisma/schema-engine-wasm').replace(/schema_engine\.js$/, 'schema_engine_bg.wasm');
    const wasmModule = new WebAssembly.Module(await readFile(wasmPath));
    const instance = new WebAssembly.Instance(wasmModule, { './schema_engine_bg.js': { ...engineRuntime } });
    engineRuntime.__wbg_set_wasm(instance.exports);
    (instance.exports as WasmExports).__wbindgen_start();
    return engineRuntime.SchemaEngine;
  })();
  return loaded;
}

/**
 * The SQL that takes a database built by `migrations` to the state `schema` describes,
 * computed by Prisma's schema engine with an in-memory PGlite as the shadow database.
 * Empty when the migrations already match the schema.
 */
export async function diffMigrationsToSchema(migrations: Migration[], schema: string): Promise<string> {
  const SchemaEngine = await loadEngine();
  const shadow = new PGlite();
  try {
    const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(shadow));
    const engine = await SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, () => undefined, adapter);
    const result = await engine.diff({
      from: {
        tag: 'migrations',
        baseDir: 'prisma/migrations',
        lockfile: { path: 'migration_lock.toml', content: 'provider = "postgresql"\n' },
        migrationDirectories: migrations.map((migration) => ({
          path: migration.name,
          migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: migration.sql } },
        })),
        shadowDbInitScript: '',
      },
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return (result.stdout ?? '').replace(/^-- This is an empty migration\.\s*$/m, '').trim();
  } finally {
    await shadow.close();
  }
}
