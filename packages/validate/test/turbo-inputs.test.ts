import { execFileSync } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODULE_NAMES } from '../src/index';
import { staticImportGraph } from './module-graph';

const root = resolve(import.meta.dirname, '../../..');
const pkgDir = resolve(import.meta.dirname, '..');
const CACHED = MODULE_NAMES.filter((m) => !m.startsWith('real-'));

interface DryTask {
  readonly task: string;
  readonly hash: string;
  readonly inputs: Record<string, string>;
  readonly cache: { readonly status: string };
  readonly resolvedTaskDefinition: { readonly cache: boolean };
}

/** turbo's own view of each validate task (`--dry=json`): the files it hashes, relative to the repo root. */
function dryRun(modules: readonly string[], env: Record<string, string> = {}): Map<string, DryTask> {
  const out = execFileSync(
    process.execPath,
    [join(root, 'node_modules/turbo/bin/turbo'), 'run', ...modules.map((m) => `validate:${m}`), '--dry=json'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } },
  );
  const tasks = (JSON.parse(out) as { tasks: DryTask[] }).tasks;
  return new Map(tasks.map((t) => [t.task.replace('validate:', ''), t]));
}

function inputFiles(task: DryTask): Set<string> {
  return new Set(Object.keys(task.inputs).map((p) => relative(root, resolve(pkgDir, p))));
}

/** The files a module's task executes: the runner entry, the module's entry and, if it runs plays, the worker. */
function moduleGraph(module: string): Set<string> {
  const entries = [
    'packages/validate/src/bin/validate-module.ts',
    `packages/validate/src/bin/modules/${module}.ts`,
  ];
  const graph = staticImportGraph(root, entries);
  if (graph.has('packages/validate/src/pool/play-tasks.ts'))
    for (const f of staticImportGraph(root, ['packages/validate/src/bin/source-worker.mjs'])) graph.add(f);
  return graph;
}

describe('turbo inputs of the validate:<module> tasks (validation.md §14)', () => {
  const dry = dryRun(MODULE_NAMES);

  it('declares one task per module; real modules are not cached', () => {
    expect([...dry.keys()].sort()).toEqual([...MODULE_NAMES].sort());
    for (const m of MODULE_NAMES)
      expect(dry.get(m)?.resolvedTaskDefinition.cache, m).toBe(!m.startsWith('real-'));
  });

  it.each(CACHED)('%s: every repo file its entry imports is a declared input', (module) => {
    const inputs = inputFiles(dry.get(module) as DryTask);
    const missing = [...moduleGraph(module)].filter((f) => !inputs.has(f));
    expect(missing, `files ${module} executes but turbo does not hash`).toEqual([]);
  });

  it('the check can fail: the core module executes engine code the metrics inputs do not cover', () => {
    const metrics = inputFiles(dry.get('metrics') as DryTask);
    const core = moduleGraph('core');
    expect(core.has('packages/engine/src/index.ts')).toBe(true);
    expect([...core].filter((f) => !metrics.has(f)).length).toBeGreaterThan(0);
  });

  it('play modules hash their plays folder', () => {
    for (const [module, dir] of [
      ['core', 'core'],
      ['determinism', 'core'],
      ['risk', 'risk'],
      ['operators', 'operators'],
      ['structures', 'structures'],
      ['complexity', 'complexity'],
      ['indicators', 'indicators'],
      ['patterns', 'patterns'],
      ['limit-orders', 'limit_orders'],
    ] as const) {
      const plays = [...inputFiles(dry.get(module) as DryTask)].filter((f) => f.startsWith('plays/'));
      expect(plays.length, module).toBeGreaterThan(0);
      expect(
        plays.every((f) => f.startsWith(`plays/validation/${dir}/`)),
        module,
      ).toBe(true);
    }
  });

  it('the shared-kit digest changes the hash of the modules that read the kit, and only those', () => {
    const a = dryRun(['sim', 'parity', 'metrics'], { TRADE_SHARED_DIGEST: 'a' });
    const b = dryRun(['sim', 'parity', 'metrics'], { TRADE_SHARED_DIGEST: 'b' });
    expect(a.get('sim')?.hash).not.toBe(b.get('sim')?.hash);
    expect(a.get('parity')?.hash).not.toBe(b.get('parity')?.hash);
    expect(a.get('metrics')?.hash).toBe(b.get('metrics')?.hash);
  });
});
