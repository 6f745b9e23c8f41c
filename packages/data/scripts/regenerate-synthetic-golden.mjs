#!/usr/bin/env node
// Rewrites src/synthetic/golden/golden.json from the current generator.
// Usage (from packages/data): node scripts/regenerate-synthetic-golden.mjs "<why the output changed on purpose>"
// Regenerate only for an intended output change (and bump SYNTHETIC_KIND to synthetic/v2 with it) or a Node
// upgrade that changes V8's Math functions; never to make a failing test pass without knowing why.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'tsup';

const reason = process.argv.slice(2).join(' ').trim();
if (reason === '') {
  console.error('usage: node scripts/regenerate-synthetic-golden.mjs "<reason for the change>"');
  process.exit(2);
}
const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const golden = join(pkg, 'src', 'synthetic', 'golden');
// Bundle the TypeScript sources with tsup (a root dev dependency); workspace packages resolve to their src
// through the @trade/source condition and are bundled in.
const outDir = mkdtempSync(join(tmpdir(), 'synthetic-golden-'));
let cases;
try {
  await build({
    entry: { cases: join(golden, 'cases.ts') },
    outDir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    noExternal: [/^@trade\//],
    esbuildOptions(options) {
      options.conditions = ['@trade/source'];
    },
    silent: true,
    config: false,
  });
  cases = await import(pathToFileURL(join(outDir, 'cases.js')).href);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
const { patterns, variants, audit_regime } = cases.computeGoldenHashes();
const file = {
  kind: 'synthetic/v1',
  reason,
  node: process.versions.node,
  base: cases.GOLDEN_BASE,
  patterns,
  variants,
  audit_regime,
};
const target = join(golden, 'golden.json');
writeFileSync(target, `${JSON.stringify(file, null, 2)}\n`);
// Leave the file in the repository's Biome format so `biome check` stays clean.
execFileSync(process.execPath, [
  join(pkg, '..', '..', 'node_modules', '@biomejs', 'biome', 'bin', 'biome'),
  'format',
  '--write',
  target,
]);
console.log(
  `wrote ${Object.keys(patterns).length} pattern and ${Object.keys(variants).length} variant hashes`,
);
