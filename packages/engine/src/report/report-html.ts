import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Candles, rollup, TIMEFRAMES, type Timeframe, tfMinutes } from '@trade/core';
import type { EquityRow, TradeRow } from '../artifacts/rows';
import { REPORT_SCRIPT, REPORT_STYLE } from './report-assets';

/** Above this many candles the chart is drawn at a coarser timeframe; markers keep their exact times. */
export const MAX_CHART_CANDLES = 50_000;

export interface ReportInput {
  readonly playId: string;
  readonly symbol: string;
  readonly execTf: Timeframe;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly stopReason: string;
  /** Short hashes shown in the header, e.g. `{ play: 'ab12…', run: '…' }`. */
  readonly hashes: Readonly<Record<string, string>>;
  /** Exec-TF candles of the simulated window. */
  readonly candles: Candles;
  /** 1m candles, used to draw at a coarser TF when the exec series is too long. */
  readonly candles1m?: Candles;
  readonly trades: readonly TradeRow[];
  readonly equity: readonly EquityRow[];
  readonly metrics: Readonly<Record<string, number | string | boolean>>;
  /** The normalized play as JSON text. */
  readonly normalizedPlay: string;
}

let chartLibrary: string | undefined;

/** TradingView Lightweight Charts (Apache-2.0), inlined so the report opens offline. */
function chartLibrarySource(): string {
  if (chartLibrary === undefined) {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('lightweight-charts/package.json'));
    chartLibrary = readFileSync(join(root, 'dist', 'lightweight-charts.standalone.production.js'), 'utf8');
  }
  return chartLibrary;
}

/** The timeframe the chart is drawn at: exec, or the first coarser one that fits `MAX_CHART_CANDLES`. */
export function chartTimeframe(execTf: Timeframe, candleCount: number): Timeframe {
  if (candleCount <= MAX_CHART_CANDLES) return execTf;
  const span = candleCount * tfMinutes(execTf);
  for (const tf of TIMEFRAMES) {
    if (tf !== 'M' && tfMinutes(tf) > tfMinutes(execTf) && span / tfMinutes(tf) <= MAX_CHART_CANDLES)
      return tf;
  }
  return 'W';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A self-contained report (`engine.md` §11.7): header, metric tiles, a candle chart with entry/exit markers and
 * SL/TP segments, equity and drawdown panes on the same time axis, a sortable trades table and the normalized
 * play. Inline CSS, JS and data; no network; the same input always gives the same bytes.
 */
export function renderReportHtml(input: ReportInput): string {
  const tf = chartTimeframe(input.execTf, input.candles.length);
  const drawn = tf === input.execTf ? input.candles : rollup(input.candles1m ?? input.candles, tf);
  const candles = [];
  for (let i = 0; i < drawn.length; i++) {
    candles.push([drawn.ts[i]! / 1000, drawn.open[i], drawn.high[i], drawn.low[i], drawn.close[i]]);
  }
  const data = {
    chartTf: tf,
    candles,
    trades: input.trades,
    equity: input.equity.map((r) => [Number(r.ts_ms) / 1000, r.equity_usdt, r.drawdown_pct]),
  };
  const title = `${input.playId} · ${input.symbol} · ${input.execTf}`;
  const tiles = Object.entries(input.metrics)
    .map(
      ([k, v]) =>
        `<div class="tile"><div class="k">${escapeHtml(k)}</div><div class="v">${escapeHtml(String(v))}</div></div>`,
    )
    .join('');
  const hashes = Object.entries(input.hashes)
    .map(([k, v]) => `<span>${escapeHtml(k)} <code>${escapeHtml(v)}</code></span>`)
    .join(' ');
  const columns = input.trades.length > 0 ? Object.keys(input.trades[0]!) : [];
  const head = columns.map((c, i) => `<th data-col="${i}">${escapeHtml(c)}</th>`).join('');
  const body = input.trades
    .map(
      (t) =>
        `<tr>${columns.map((c) => `<td>${escapeHtml(String(t[c as keyof TradeRow] ?? ''))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const window = `${new Date(input.windowStart).toISOString()} → ${new Date(input.windowEnd).toISOString()}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(window)} · stop: <b>${escapeHtml(input.stopReason)}</b> · chart TF ${escapeHtml(tf)}</p>
<p class="hashes">${hashes}</p>
</header>
<section class="tiles">${tiles}</section>
<section><div id="chart"></div></section>
<section><h2>Trades (${input.trades.length})</h2>
<table id="trades"><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></section>
<section><h2>Play</h2><pre>${escapeHtml(input.normalizedPlay)}</pre></section>
<script type="application/json" id="report-data">${scriptJson(data)}</script>
<script>${chartLibrarySource()}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
