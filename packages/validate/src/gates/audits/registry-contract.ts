import { computeSeries, type IndicatorMeta, listIndicators } from '@trade/indicators';
import type { GateDef, GateFailure, GateOutcome } from '../../runner/types';
import { firstBitwiseDiff, firstFinite, regimeFrame } from './frame';
import { columns, feed, streamed } from './streams';

const G2_SEED = 1337;

/** Outputs that may legitimately be NaN after warm-up: `nanWhen` rules and exclusive pairs (psar long/short). */
function mayBeNaN(meta: IndicatorMeta, key: string): boolean {
  const out = meta.outputs.find((o) => o.key === key);
  return out?.nanWhen !== undefined || meta.exclusive.some(([a, b]) => a === key || b === key);
}

/** The G2 checks of one indicator; each failure is `<indicator>: <check>: <message>`. */
export function auditIndicatorContract(meta: IndicatorMeta, seed = G2_SEED): string[] {
  const fail: string[] = [];
  const n = meta.name;
  const candles = regimeFrame(seed);
  if (!meta.paramSchema.safeParse(meta.defaults).success)
    fail.push(`${n}: params: defaults do not validate against the param schema`);
  const { ind, out } = streamed(n, candles);
  const emitted = [...ind.outputKeys].join(',');
  const batch = computeSeries(n, undefined, candles);
  const batchKeys = Object.keys(batch).join(',');
  if (emitted !== meta.outputKeys.join(',') || batchKeys !== meta.outputKeys.join(','))
    fail.push(
      `${n}: outputs: declared [${meta.outputKeys.join(',')}] but emitted [${emitted}] / batch [${batchKeys}]`,
    );
  meta.outputs.forEach((o, k) => {
    const col = out[k];
    if (col === undefined) return;
    const declared = o.fvi(ind.params);
    const first = firstFinite(col);
    const exact = !mayBeNaN(meta, o.key);
    if (first === -1) fail.push(`${n}: warmup: ${o.key} never leaves NaN in ${col.length} bars`);
    else if (exact ? first !== declared : first < declared)
      fail.push(`${n}: warmup: ${o.key} first value at i=${first}, declared ${declared}`);
    if (exact && first !== -1) {
      for (let i = first; i < col.length; i++) {
        if (Number.isNaN(col[i] as number)) {
          fail.push(`${n}: nan: ${o.key} is NaN at i=${i} after warm-up`);
          break;
        }
      }
    }
  });
  ind.reset();
  const replay = columns(ind, candles.length);
  feed(ind, candles, replay, 0, candles.length);
  for (let k = 0; k < out.length; k++) {
    const at = firstBitwiseDiff(out[k]!, replay[k]!);
    if (at !== -1) {
      fail.push(`${n}: reset: ${ind.outputKeys[k]} after reset() differs from a fresh instance at i=${at}`);
      break;
    }
  }
  return fail;
}

/** G2 Registry Contract (`validation.md` §4): iterates the registry, no count hard-coded. */
export const registryContractGate: GateDef = {
  id: 'G2',
  name: 'Registry Contract',
  module: 'audits',
  async run(): Promise<GateOutcome> {
    const metas = listIndicators();
    const failures: GateFailure[] = metas.flatMap((m) =>
      auditIndicatorContract(m).map((message) => ({ message })),
    );
    if (metas.length === 0) failures.push({ message: 'registry: no indicators registered' });
    return {
      passed: failures.length === 0,
      checked: metas.length,
      detail: `${metas.length} indicators`,
      failures,
    };
  },
};
