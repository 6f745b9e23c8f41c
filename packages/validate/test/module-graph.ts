import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The repository files a module entry executes: its static import graph (`import … from`, `export … from`,
 * side-effect imports) through relative paths and `@trade/<pkg>` (resolved to `packages/<pkg>/src/index.ts`, as
 * the source-run tasks do). Dynamic imports are not followed: `validate-module.ts` uses them to load one module.
 * Paths are relative to `root`; external packages and `node:` builtins are left out (pnpm-lock.yaml covers them).
 */
export function staticImportGraph(root: string, entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = entries.map((e) => resolve(root, e));
  while (stack.length > 0) {
    const file = stack.pop() as string;
    const rel = relative(root, file);
    if (seen.has(rel)) continue;
    seen.add(rel);
    for (const spec of importSpecifiers(readFileSync(file, 'utf8'))) {
      const target = resolveSpecifier(root, file, spec);
      if (target !== undefined) stack.push(target);
    }
  }
  return seen;
}

const STATIC_IMPORT = /^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?\s*['"]([^'"]+)['"]/gm;

export function importSpecifiers(source: string): string[] {
  return [...source.matchAll(STATIC_IMPORT)].map((m) => m[1] as string);
}

function resolveSpecifier(root: string, from: string, spec: string): string | undefined {
  if (spec.startsWith('.')) {
    const base = resolve(dirname(from), spec);
    const found = [`${base}.ts`, join(base, 'index.ts'), base].find((p) =>
      statSync(p, { throwIfNoEntry: false })?.isFile(),
    );
    if (found === undefined) throw new Error(`cannot resolve '${spec}' from ${from}`);
    return found;
  }
  const pkg = /^@trade\/([a-z-]+)$/.exec(spec);
  if (pkg !== null) return join(root, 'packages', pkg[1] as string, 'src', 'index.ts');
  return undefined;
}
