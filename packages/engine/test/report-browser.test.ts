import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { candlesFromRows, createPrng } from '@trade/core';
import { describe, expect, it } from 'vitest';
import { renderReportHtml, TRADE_COLUMNS, type TradeRow } from '../src/index';
import { decodePng } from './support/png';

const chromium = process.env.TRADE_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--window-size=1280,1000',
  '--virtual-time-budget=5000',
];

function reportFile(): string {
  const g = createPrng(3);
  const t0 = Date.parse('2025-06-02T00:00:00Z');
  let p = 100;
  const candles = candlesFromRows(
    Array.from({ length: 300 }, (_, i) => {
      const open = p;
      p += g.normal();
      return {
        ts: t0 + i * 900_000,
        open,
        high: Math.max(open, p) + 0.5,
        low: Math.min(open, p) - 0.5,
        close: p,
        volume: 1,
      };
    }),
  );
  const trade = Object.fromEntries(TRADE_COLUMNS.map((c) => [c, null])) as Record<
    string,
    string | number | null
  >;
  Object.assign(trade, {
    trade_id: 'T000001',
    side: 'long',
    entry_ts_ms: t0 + 20 * 900_000,
    exit_ts_ms: t0 + 60 * 900_000,
    exit_reason: 'tp',
    initial_sl: 95,
    initial_tp: 110,
  });
  const equity = Array.from({ length: 300 }, (_, i) => ({
    row: i,
    ts_ms: t0 + i * 900_000,
    time: '',
    kind: 'bar',
    close: 1,
    mark: 1,
    position_side: 'flat',
    position_qty: 0,
    wallet_usdt: 1,
    upnl_usdt: 0,
    equity_usdt: 10_000 + i,
    peak_equity_usdt: 10_000 + i,
    drawdown_pct: i % 7,
    fees_cum_usdt: 0,
    funding_cum_usdt: 0,
  }));
  const html = renderReportHtml({
    playId: 'browser',
    symbol: 'BTCUSDT',
    execTf: '15m',
    windowStart: t0,
    windowEnd: t0 + 300 * 900_000,
    stopReason: 'end_of_data',
    hashes: { run: 'abc' },
    candles,
    trades: [trade as TradeRow],
    equity,
    metrics: { x: 1 },
    normalizedPlay: '{}',
  });
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html);
  return file;
}

// Locally the browser checks skip without Chromium; CI installs Debian's chromium (.ci/run) and requires it.
it.runIf(process.env.CI === 'true')('Chromium is installed for the report checks under CI', () => {
  expect(existsSync(chromium), `${chromium} missing: apt-get install chromium`).toBe(true);
});

describe.runIf(existsSync(chromium))('report.html in headless Chromium', () => {
  it('runs its script without errors and draws the chart on canvases', () => {
    const file = reportFile();
    const result = execFileSync(
      chromium,
      [...FLAGS, '--enable-logging=stderr', '--v=0', '--dump-dom', `file://${file}`],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
      },
    );
    const ready = /data-report-ready="(\d+)"/.exec(result);
    expect(ready, 'the report script finished').not.toBeNull();
    expect(Number(ready![1])).toBeGreaterThan(0);
  });

  it('renders a non-blank screenshot', () => {
    const file = reportFile();
    const shot = join(file, '..', 'shot.png');
    execFileSync(chromium, [...FLAGS, `--screenshot=${shot}`, `file://${file}`], {
      stdio: 'ignore',
      timeout: 60_000,
    });
    const png = decodePng(readFileSync(shot));
    const colours = new Set<number>();
    for (let i = 0; i < png.pixels.length; i += png.channels * 7) {
      colours.add((png.pixels[i]! << 16) | (png.pixels[i + 1]! << 8) | png.pixels[i + 2]!);
    }
    expect(png.width).toBe(1280);
    expect(colours.size).toBeGreaterThan(20);
  });
});
