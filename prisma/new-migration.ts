// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that brings the
// existing migrations up to prisma/schema.prisma. Usage: npm run db:migration -- <name>
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { migrationsDir, readMigrations } from '../lib/db/migrations';
import { diffMigrationsToSchema } from './schema-diff';

const name = process.argv[2] ?? '';
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:migration -- <snake_case_name>');
  process.exit(2);
}
const schema = await readFile(path.resolve('prisma', 'schema.prisma'), 'utf8');
const sql = await diffMigrationsToSchema(await readMigrations(), schema);
if (sql === '') {
  console.log('The migrations already match prisma/schema.prisma; nothing written.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const folder = path.join(migrationsDir(), `${stamp}_${name}`);
await mkdir(folder, { recursive: true });
await writeFile(path.join(folder, 'migration.sql'), `${sql}\n`);
console.log(`Wrote ${path.relative(process.cwd(), folder)}/migration.sql`);
