import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validationReportSchema } from '../src/index';

const root = resolve(import.meta.dirname, '../../..');
const scratch = mkdtempSync(join(tmpdir(), 'trade-turbo-cache-'));
const cacheDir = join(scratch, 'cache');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// turbo runs the task through the package manager it finds on PATH; a bare `vitest run` may have none, so the
// test puts a pnpm shim (the README's pinned pnpm through npx) first on PATH.
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  packageManager: string;
};
writeFileSync(join(scratch, 'pnpm'), `#!/bin/sh\nexec npx -y ${rootPackage.packageManager} "$@"\n`);
chmodSync(join(scratch, 'pnpm'), 0o755);

/** One `turbo run validate:metrics` against a private, initially empty cache; returns turbo's output. */
function runMetricsModule(): string {
  return execFileSync(
    process.execPath,
    [join(root, 'node_modules/turbo/bin/turbo'), 'run', 'validate:metrics', `--cache-dir=${cacheDir}`],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${scratch}:${process.env.PATH ?? ''}`, TURBO_TELEMETRY_DISABLED: '1' },
    },
  );
}

describe('a turbo validation module is cached (validation.md §14)', () => {
  it('the first run executes the gate, the second replays it from the cache with the same report', () => {
    const first = runMetricsModule();
    expect(first).toContain('cache miss, executing');
    expect(first).toContain('G11  Metrics Audit');
    const report = resolve(root, 'packages/validate/reports/metrics.json');
    const firstReport = validationReportSchema.parse(JSON.parse(readFileSync(report, 'utf8')));
    expect(firstReport.passed).toBe(true);
    rmSync(report);

    const second = runMetricsModule();
    expect(second).toContain('cache hit, replaying logs');
    expect(second).toContain('G11  Metrics Audit');
    // The declared output is restored from the cache, not re-computed.
    expect(JSON.parse(readFileSync(report, 'utf8'))).toEqual(firstReport);
  });
});
