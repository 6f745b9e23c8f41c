#!/usr/bin/env node
// Runs every package's tests in one vitest invocation and ends with the line
// `N passed, M failed` (totals over all packages), which CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.vitest');
const outFile = join(outDir, 'results.json');
mkdirSync(outDir, { recursive: true });
rmSync(outFile, { force: true });

const vitestBin = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(
  process.execPath,
  [
    vitestBin,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${outFile}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: process.env },
);

let passed = 0;
let failed = 0;
if (existsSync(outFile)) {
  const report = JSON.parse(readFileSync(outFile, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  // A test file that fails to load has no test results of its own; count it as one failure.
  for (const file of report.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed += 1;
  }
} else {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
const exitCode = run.status ?? 1;
process.exit(exitCode !== 0 ? exitCode : failed > 0 || passed === 0 ? 1 : 0);
