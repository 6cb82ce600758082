// Adds up the test counts of the vitest and Playwright JSON reports into one closing
// line, "N passed, N failed", and exits non-zero when a test or a stage failed.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const [dir, ...failedStages] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

for (const file of existsSync(dir) ? readdirSync(dir) : []) {
  const report = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  if ('numPassedTests' in report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  } else if (report.stats) {
    passed += report.stats.expected;
    failed += report.stats.unexpected + report.stats.flaky;
    skipped += report.stats.skipped;
  }
}

if (failedStages.length) console.log(`\nFailed stages: ${failedStages.join(', ')}`);
console.log(`\n${passed} passed, ${failed + failedStages.length} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed || failedStages.length ? 1 : 0);
