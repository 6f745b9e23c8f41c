#!/usr/bin/env node
// The whole test suite behind `pnpm test`: build (turbo-cached), typecheck, lint, every package's tests in one
// vitest run, then `trade validate standard` (validation.md §17) on the fresh build. Ends with the line
// `N passed, M failed` (tests plus validation gates), which CI reads. A failing build, typecheck or lint step
// counts as one failure each and is named in the output.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
const run = (label, args) => {
  console.log(`\n== ${label}`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
  return r.status === 0;
};

const failedSteps = [];
if (!run('build', [bin('turbo', 'bin/turbo'), 'run', 'build', '--output-logs=errors-only']))
  failedSteps.push('build');
if (!run('typecheck', [bin('turbo', 'bin/turbo'), 'run', 'typecheck', '--output-logs=errors-only']))
  failedSteps.push('typecheck');
if (!run('lint', [bin('@biomejs/biome', 'bin/biome'), 'check', '.'])) failedSteps.push('lint');

const outDir = join(root, '.vitest');
const outFile = join(outDir, 'results.json');
mkdirSync(outDir, { recursive: true });
rmSync(outFile, { force: true });
const vitestOk = run('tests', [
  bin('vitest', 'vitest.mjs'),
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${outFile}`,
  ...process.argv.slice(2),
]);

let passed = 0;
let failed = failedSteps.length;
if (existsSync(outFile)) {
  const report = JSON.parse(readFileSync(outFile, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  // A test file that fails to load has no test results of its own; count it as one failure.
  for (const file of report.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed += 1;
  }
} else {
  failedSteps.push('tests (no report written)');
  failed += 1;
}
// The standard validation tier on the built CLI; each gate counts as one passed or failed item.
const validateOut = join(outDir, 'validate-standard.json');
rmSync(validateOut, { force: true });
run('validate standard', [join(root, 'apps/cli/dist/main.js'), 'validate', 'standard', '--out', validateOut]);
if (existsSync(validateOut)) {
  const gates = JSON.parse(readFileSync(validateOut, 'utf8')).gates ?? [];
  passed += gates.filter((g) => g.passed).length;
  failed += gates.filter((g) => !g.passed).length;
  if (gates.some((g) => !g.passed)) failedSteps.push('validate standard');
} else {
  failedSteps.push('validate standard (no report written)');
  failed += 1;
}
if (failedSteps.length > 0) console.log(`\nfailed steps: ${failedSteps.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(vitestOk && failed === 0 && passed > 0 ? 0 : 1);
