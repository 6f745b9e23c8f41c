import { describeRule, type IndicatorMeta, type IndicatorParams, type ParamSpec } from '../src/docs-support';

/**
 * Renders docs/indicators.md from the registry metadata, so the user docs cannot drift from the code.
 * Regenerate with `pnpm --filter @trade/indicators docs`; test/docs.test.ts fails when the committed file differs.
 */
function paramDefault(spec: ParamSpec): string {
  if (spec.type === 'alias') return `alias of \`${spec.of}\``;
  if (spec.type === 'string') return '(optional)';
  return `\`${JSON.stringify(spec.default)}\``;
}

function referenceText(meta: IndicatorMeta): string {
  const kind = { talib: 'TA-Lib', pine: 'TradingView', definition: 'our definition' }[meta.reference.kind];
  return `${kind}: ${meta.reference.function}`;
}

const INPUTS: Record<IndicatorMeta['inputs'], string> = {
  src: '`source` series',
  'src+v': '`source` series and volume',
  hl: 'high, low',
  hlc: 'high, low, close',
  hlcv: 'high, low, close, volume',
  ohlc: 'open, high, low, close',
  'hlcv+ts': 'high, low, close, volume, bar time',
  'hlcv+swing': 'high, low, close, volume, anchor flag from the engine (swing structure)',
};

function section(meta: IndicatorMeta, index: number): string {
  const p: IndicatorParams = meta.defaults;
  const lines: string[] = [];
  lines.push(`### ${index}. \`${meta.name}\` — ${meta.title}`, '');
  lines.push(`- Inputs: ${INPUTS[meta.inputs]}.`);
  lines.push(`- Equals: ${referenceText(meta)}.`);
  lines.push(
    `- Class ${meta.cls}; FVI ${meta.fvi(p)}, warmup ${meta.warmupBars(p)} bars, stable after ${meta.stableBars(p)} bars (defaults).`,
  );
  if (meta.anchored)
    lines.push('- Anchored: the engine calls `update(bar, anchor)`; `anchor = true` restarts the sums.');
  lines.push('');
  const params = meta.params;
  if (params.length === 0 && !meta.usesSource) lines.push('Params: none.', '');
  else {
    lines.push('| param | default | allowed | meaning |', '|---|---|---|---|');
    for (const spec of params) {
      lines.push(`| \`${spec.key}\` | ${paramDefault(spec)} | ${describeRule(spec)} | ${spec.doc} |`);
    }
    if (meta.usesSource) {
      lines.push(
        '| `source` | `"close"` | one of close, open, high, low, volume, hl2, hlc3, ohlc4 | input series |',
      );
    }
    for (const r of meta.relations) lines.push(`| | | ${r.rule} | relation checked at load |`);
    lines.push('');
  }
  lines.push('| output | type | FVI (defaults) | NaN after FVI |', '|---|---|---|---|');
  for (const o of meta.outputs) {
    const key = meta.outputs.length > 1 && o.key === meta.primary ? `\`${o.key}\` (primary)` : `\`${o.key}\``;
    lines.push(`| ${key} | ${o.type} | ${o.fvi(p)} | ${o.nanWhen ?? 'never'} |`);
  }
  lines.push('', `Difference from the predecessor: ${meta.notes}`, '');
  return lines.join('\n');
}

export function renderIndicatorDocs(metas: readonly IndicatorMeta[]): string {
  const out: string[] = [];
  out.push(
    '# Indicators',
    '',
    '<!-- Generated from the @trade/indicators registry by `pnpm --filter @trade/indicators docs`. Do not edit by hand: test/docs.test.ts fails when this file differs from the metadata. -->',
    '',
    `The ${metas.length} indicators of \`specs/indicators.md\`, one incremental implementation each, used by backtests, live`,
    'trading and the batch helper alike. Values equal the named reference (TA-Lib where it has the indicator, else',
    'TradingView Pine, else our definition) within 1e-9·max(1, |ref|) from the first valid index.',
    '',
    '## Conventions',
    '',
    '- A single-output indicator is read as `<id>` or `<id>.value`; a multi-output one as `<id>.<output>`.',
    '- **FVI** (first valid index): outputs are NaN before it and finite from it on, except where the "NaN after FVI"',
    '  column says otherwise. `ready` is true once more than FVI bars were fed.',
    '- **Warmup** = FVI + 1 for window (W) and cumulative (C) indicators, plus ⌈3·Λ⌉ for exponential (E) ones, where Λ',
    '  is the memory of the recursion; **stable** = FVI + 1 + ⌈23.1·Λ⌉ bars make E values independent of the start bar.',
    '- `source` applies only to single-series indicators; on the others a source other than `close` is',
    '  `E_SOURCE_NOT_APPLICABLE`. hl2 = (H+L)/2, hlc3 = (H+L+C)/3, ohlc4 = (O+H+L+C)/4.',
    '- Integer params accept `9` and `9.0` and reject `9.5`; every length is at most 10 000. Unknown params are',
    '  `E_PARAM_UNKNOWN` (the hint lists the accepted ones), out-of-range values `E_PARAM_INVALID` (the hint gives the',
    '  range), an unknown indicator `E_INDICATOR_UNKNOWN` (the hint suggests the nearest name). `talib`, `mamode` and',
    '  `offset` (except on `alma`) are rejected.',
    '- Flat markets: zero ranges, zero volume and zero variance are detected exactly (no epsilon); the values are',
    "  TA-Lib's (for example rsi 0, willr 0, stoch 0 on a flat window).",
    '',
    '## Summary',
    '',
    '| # | name | inputs | outputs | FVI | warmup | class | equals |',
    '|---|---|---|---|---|---|---|---|',
  );
  metas.forEach((meta, i) => {
    const p = meta.defaults;
    out.push(
      `| ${i + 1} | \`${meta.name}\` | ${meta.inputs} | ${meta.outputKeys.join(', ')} | ${meta.fvi(p)} | ${meta.warmupBars(p)} | ${meta.cls} | ${referenceText(meta)} |`,
    );
  });
  out.push('', '## Indicators', '');
  metas.forEach((meta, i) => {
    out.push(section(meta, i + 1));
  });
  return `${out.join('\n').trimEnd()}\n`;
}
