import { candlesFromRows } from '@trade/core';
import { describe, expect, it } from 'vitest';
import {
  chartTimeframe,
  type EquityRow,
  MAX_CHART_CANDLES,
  renderReportHtml,
  TRADE_COLUMNS,
  type TradeRow,
} from '../src/index';

const t0 = Date.parse('2025-06-02T00:00:00Z');
const candles = candlesFromRows(
  Array.from({ length: 96 }, (_, i) => ({
    ts: t0 + i * 900_000,
    open: 100 + i,
    high: 102 + i,
    low: 99 + i,
    close: 101 + i,
    volume: 1,
  })),
);
const trade = Object.fromEntries(TRADE_COLUMNS.map((c) => [c, null])) as Record<
  string,
  string | number | null
>;
Object.assign(trade, {
  trade_id: 'T000001',
  side: 'long',
  entry_ts_ms: t0 + 900_000,
  exit_ts_ms: t0 + 9 * 900_000,
  exit_reason: 'tp',
  initial_sl: 95,
  initial_tp: 120,
  net_pnl_usdt: 12.5,
  entry_signal: 'b1#0 </script><b>',
});
const equity: EquityRow[] = [0, 1].map((i) => ({
  row: i,
  ts_ms: t0 + i * 900_000,
  time: '',
  kind: i === 0 ? 'start' : 'bar',
  close: 100,
  mark: 100,
  position_side: 'flat',
  position_qty: 0,
  wallet_usdt: 10_000,
  upnl_usdt: 0,
  equity_usdt: 10_000 + i,
  peak_equity_usdt: 10_001,
  drawdown_pct: 0,
  fees_cum_usdt: 0,
  funding_cum_usdt: 0,
}));

function render() {
  return renderReportHtml({
    playId: 'demo',
    symbol: 'BTCUSDT',
    execTf: '15m',
    windowStart: t0,
    windowEnd: t0 + 96 * 900_000,
    stopReason: 'end_of_data',
    hashes: { run: 'abcdef012345' },
    candles,
    trades: [trade as TradeRow],
    equity,
    metrics: { net_pnl_usdt: 12.5, total_trades: 1 },
    normalizedPlay: '{"id":"demo"}',
  });
}

describe('report.html', () => {
  it('is self-contained: chart library and data inline, no network references', () => {
    const html = render();
    expect(html).toContain('TradingView Lightweight Charts');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    // Outside the inlined library nothing points at the network.
    const withoutLibrary = html.replace(/<script>\/\*![\s\S]*?<\/script>/, '');
    expect(withoutLibrary.length).toBeLessThan(html.length - 100_000);
    expect(withoutLibrary).not.toMatch(/https?:\/\//);
  });

  it('embeds candles, trades and equity as parseable JSON with user text escaped', () => {
    const html = render();
    const json = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    const data = JSON.parse(json);
    expect(data.candles).toHaveLength(96);
    expect(data.candles[0]).toEqual([t0 / 1000, 100, 102, 99, 101]);
    expect(data.trades[0].entry_signal).toBe('b1#0 </script><b>');
    expect(data.equity).toHaveLength(2);
    expect(html).toContain('b1#0 &#60;/script&#62;&#60;b&#62;');
  });

  it('renders the same bytes for the same input', () => {
    expect(render()).toBe(render());
  });

  it('draws long runs at a coarser timeframe', () => {
    expect(chartTimeframe('1m', MAX_CHART_CANDLES)).toBe('1m');
    expect(chartTimeframe('1m', 525_600)).toBe('15m');
    expect(chartTimeframe('15m', 10_000)).toBe('15m');
  });
});
