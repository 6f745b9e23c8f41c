import { defineConfig } from 'tsup';

/** Bundles bench/throughput.ts with the workspace sources for a plain `node` run (see that file). */
export default defineConfig({
  entry: { throughput: 'bench/throughput.ts' },
  outDir: 'node_modules/.cache/indicators-bench',
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  dts: false,
  clean: true,
  sourcemap: false,
  noExternal: [/.*/],
  esbuildOptions(options) {
    options.conditions = ['@trade/source'];
  },
});
