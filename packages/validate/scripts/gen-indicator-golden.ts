/**
 * Dev-only generator of the G3 reference vectors (`validation.md` §6.2): for every registered indicator, its
 * outputs at default parameters on the 2000-bar audit regime frame (seed 42), computed by the independent naive
 * reference of `packages/indicators/test/naive.ts` (written from `indicators.md`, O(n·window), sharing no code
 * with the incremental classes), written to `packages/indicators/golden/<indicator>.json`. The gate reads the
 * files and never runs this. TA-Lib itself is not loaded: the indicators package checks TA-Lib equality against
 * the shared kit's TA-Lib outputs (decision in the validate README). Run: `pnpm --filter @trade/validate gen:golden`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateAuditRegime } from '@trade/data';
import { listIndicators, validateParams } from '@trade/indicators';
import { naive } from '../../indicators/test/naive';
import { GOLDEN_FRAME, type GoldenVector } from '../src/gates/audits/golden';

const dir = join(import.meta.dirname, '..', '..', 'indicators', 'golden');
mkdirSync(dir, { recursive: true });
const regime = generateAuditRegime(GOLDEN_FRAME.seed);
const frame = regime.tfs.get('15m');
if (frame === undefined || frame.length !== GOLDEN_FRAME.bars)
  throw new Error('audit regime frame is not 2000 x 15m');
for (const meta of listIndicators()) {
  const params = validateParams(meta.name, undefined).params;
  const ref = naive(meta.name, params as Record<string, number | string | boolean>, frame);
  const outputs: Record<string, (number | null)[]> = {};
  for (const key of meta.outputKeys) {
    const col = ref[key];
    if (col === undefined) throw new Error(`${meta.name}: the naive reference has no output ${key}`);
    outputs[key] = Array.from(col, (v) => (Number.isNaN(v) ? null : v));
  }
  const vector: GoldenVector = {
    indicator: meta.name,
    params,
    frame: { ...GOLDEN_FRAME, data_hash: regime.dataHash },
    source: 'definition',
    outputs,
  };
  writeFileSync(join(dir, `${meta.name}.json`), `${JSON.stringify(vector)}\n`);
}
console.log(`wrote ${listIndicators().length} golden vectors to ${dir}`);
