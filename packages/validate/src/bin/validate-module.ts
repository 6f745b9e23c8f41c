/**
 * `validate:<module>` turbo task entry (`validation.md` §14): runs one module from TypeScript sources under tsx,
 * prints the human report, writes `reports/<module>.json` and exits with the §15 code. Sources, not dist, so a
 * module's turbo hash covers exactly the files it executes (a stale build can never be replayed as a pass).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT, exitCodeForError, TradeError } from '@trade/core';
import { ValidationError } from '../errors';
import { defaultWorkerCount } from '../pool/task-pool';
import { formatHuman } from '../report/human';
import { reportJsonText } from '../report/json';
import { runValidationWith } from '../runner/run-validation';
import type { ModuleEntry } from './modules/types';

type Entry = () => Promise<ModuleEntry>;

/** Module → its entry. Literal dynamic imports, so a module run loads (and depends on) only its own gates. */
const ENTRIES: Readonly<Record<string, Entry>> = {
  core: async () => (await import('./modules/core')).entry,
  risk: async () => (await import('./modules/risk')).entry,
  audits: async () => (await import('./modules/audits')).entry,
  operators: async () => (await import('./modules/operators')).entry,
  structures: async () => (await import('./modules/structures')).entry,
  complexity: async () => (await import('./modules/complexity')).entry,
  indicators: async () => (await import('./modules/indicators')).entry,
  patterns: async () => (await import('./modules/patterns')).entry,
  parity: async () => (await import('./modules/parity')).entry,
  sim: async () => (await import('./modules/sim')).entry,
  'limit-orders': async () => (await import('./modules/limit-orders')).entry,
  metrics: async () => (await import('./modules/metrics')).entry,
  determinism: async () => (await import('./modules/determinism')).entry,
  'real-accumulation': async () => (await import('./modules/real')).realEntry('RD1'),
  'real-markup': async () => (await import('./modules/real')).realEntry('RD2'),
  'real-distribution': async () => (await import('./modules/real')).realEntry('RD3'),
  'real-markdown': async () => (await import('./modules/real')).realEntry('RD4'),
};

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** The repository root: the nearest ancestor with pnpm-workspace.yaml (plays/validation resolves against it). */
function repoRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
    dir = up;
  }
  return dir;
}

async function main(argv: readonly string[]): Promise<number> {
  const module = argv[0];
  if (module === undefined || argv.length !== 1) {
    process.stderr.write('usage: validate-module <module>\n');
    return EXIT.usage;
  }
  const load = ENTRIES[module];
  if (load === undefined) {
    process.stderr.write(
      `usage error: unknown module '${module}'\nhint: one of: ${Object.keys(ENTRIES).join(', ')}\n`,
    );
    return EXIT.usage;
  }
  try {
    const entry = await load();
    const run = await runValidationWith(
      {
        tier: 'module',
        module,
        workers: defaultWorkerCount(),
        cwd: repoRoot(packageDir),
        // Worker threads run the same TypeScript sources through tsx (see source-worker.mjs).
        workerFile: fileURLToPath(new URL('./source-worker.mjs', import.meta.url)),
      },
      { gates: new Map(entry.gates.map((g) => [g.id, g])), inlineTasks: entry.tasks, requirePlaysDir: true },
    );
    const color = process.stdout.isTTY && process.env.NO_COLOR === undefined;
    process.stdout.write(formatHuman(run.report, { color, scheduledGates: run.scheduledGates }));
    const out = join(packageDir, 'reports', `${module}.json`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, reportJsonText(run.report));
    return run.exitCode;
  } catch (error) {
    if (error instanceof ValidationError && error.isUsage) {
      process.stderr.write(`usage error: ${error.message}\nhint: ${error.hint ?? ''}\n`);
      return EXIT.usage;
    }
    if (error instanceof TradeError)
      process.stderr.write(
        `error ${error.code}: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`,
      );
    else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return exitCodeForError(error);
  }
}

process.exitCode = await main(process.argv.slice(2));
