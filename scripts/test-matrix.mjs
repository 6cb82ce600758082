// The version matrix in one table: runs every cell's lab test file (lib/matrix/<cell>.lab.test.ts)
// and prints cell × workflow → pass/fail and seconds. Exit status: vitest's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'tandem-matrix-'));
const report = join(dir, 'matrix.json');
const run = spawnSync('npx', ['vitest', 'run', '--project', 'lab', 'lib/matrix/', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { stdio: 'inherit' });

let results;
try {
  results = JSON.parse(readFileSync(report, 'utf8')).testResults;
} catch {
  console.error('test:matrix: vitest wrote no report');
  process.exit(run.status ?? 1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const rows = results.map((file) => ({
  cell: basename(file.name).replace(/\.lab\.test\.ts$/, ''),
  tests: new Map(file.assertionResults.map((test) => [test.title, `${test.status === 'passed' ? 'pass' : test.status} ${((test.duration ?? 0) / 1000).toFixed(1)} s`])),
})).sort((a, b) => a.cell.localeCompare(b.cell));
const workflows = [...new Set(rows.flatMap((row) => [...row.tests.keys()]))];
const table = [['cell', ...workflows], ...rows.map((row) => [row.cell, ...workflows.map((workflow) => row.tests.get(workflow) ?? '—')])];
const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
console.log(`\n${table.map((line) => `| ${line.map((cellText, column) => cellText.padEnd(widths[column])).join(' | ')} |`).join('\n')}`);
process.exit(run.status ?? 1);
