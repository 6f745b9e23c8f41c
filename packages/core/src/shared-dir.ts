import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { TradeError } from './errors';

/** Walks up from `start` to the folder holding `pnpm-workspace.yaml` (the repository root). */
export function findRepoRoot(start: string = process.cwd()): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Locates the shared test kit (specs and real Bybit data): `TRADE_SHARED_DIR`, else `../shared` beside the
 * repository root. Returns undefined when it is absent so local test runs can skip data tests; under
 * `CI=true` an absent folder throws `E_SHARED_MISSING`, so CI never silently skips.
 */
export function findSharedDir(start: string = process.cwd()): string | undefined {
  const fromEnv = process.env.TRADE_SHARED_DIR;
  const root = findRepoRoot(start);
  const candidate =
    fromEnv !== undefined && fromEnv !== ''
      ? resolve(fromEnv)
      : root === undefined
        ? undefined
        : resolve(root, '..', 'shared');
  if (candidate !== undefined && existsSync(join(candidate, 'data'))) return candidate;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new TradeError(
      'E_SHARED_MISSING',
      `shared test kit not found at ${candidate ?? '(no repository root)'}`,
      {
        kind: 'data',
        hint: 'set TRADE_SHARED_DIR to the folder that holds specs/ and data/, or place it beside the checkout as ../shared',
      },
    );
  }
  return undefined;
}

/** Path inside the shared kit; throws `E_SHARED_MISSING` when the kit is absent (callers decide to skip first). */
export function sharedPath(...parts: string[]): string {
  const dir = findSharedDir();
  if (dir === undefined) {
    throw new TradeError('E_SHARED_MISSING', 'shared test kit not found', {
      kind: 'data',
      hint: 'set TRADE_SHARED_DIR or place the kit beside the checkout as ../shared',
    });
  }
  return join(dir, ...parts);
}
