#!/usr/bin/env node
// Runs turbo validation tasks with TRADE_SHARED_DIGEST set: a SHA-256 over the shared test kit's data files and
// sim-vectors.json (paths and bytes). Turbo cannot hash files outside the repository, so the modules that read the
// kit (sim, parity) declare this env var and a changed kit is a cache miss (validation.md §14).
// Usage: node scripts/turbo-validate.mjs validate:core [validate:sim ...] [turbo flags]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Same lookup as @trade/core findSharedDir: env TRADE_SHARED_DIR, else ../shared next to the repo. */
function sharedDir() {
  const fromEnv = process.env.TRADE_SHARED_DIR;
  return fromEnv ? resolve(root, fromEnv) : resolve(root, '..', 'shared');
}

function files(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

function sharedDigest(dir) {
  const inputs = [join(dir, 'data'), join(dir, 'specs', 'sim-vectors.json')].filter(existsSync);
  if (inputs.length === 0) return 'absent';
  const hash = createHash('sha256');
  for (const file of inputs.flatMap((p) => (p.endsWith('.json') ? [p] : files(p)))) {
    hash.update(`${relative(dir, file)}\0`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

const env = { ...process.env, TRADE_SHARED_DIGEST: sharedDigest(sharedDir()) };
const turbo = join(root, 'node_modules', 'turbo', 'bin', 'turbo');
const r = spawnSync(process.execPath, [turbo, 'run', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env,
});
process.exit(r.status ?? 1);
