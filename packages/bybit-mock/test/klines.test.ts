import { type Candles, rollup } from '@trade/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { klineRows, type MockWithClient, shared, startWithClient, storedCandles } from './support';

const MINUTE = 60_000;
const HOUR = 3_600_000;

function rowAt(c: Candles, i: number): number[] {
  return [c.ts[i]!, c.open[i]!, c.high[i]!, c.low[i]!, c.close[i]!, c.volume[i]!];
}

describe.skipIf(shared === undefined)('klines served from the stored BTCUSDT data', () => {
  let t: MockWithClient;
  let m1: Candles;
  beforeAll(async () => {
    t = await startWithClient();
    m1 = storedCandles('BTCUSDT', '1m');
  });
  afterAll(() => t.mock.close());

  const get = async (params: Record<string, string | number>) => {
    const r = await t.client.getKline({ category: 'linear', symbol: 'BTCUSDT', ...params } as never);
    expect(r.retCode, r.retMsg).toBe(0);
    return klineRows(r.result.list);
  };

  it('walking back by `end` with limit 1000 returns every stored 1m row exactly once, newest first per page', async () => {
    const seen: number[][] = [];
    let end: number | undefined;
    for (let page = 0; page < 60; page++) {
      const rows = await get({ interval: '1', limit: 1000, ...(end === undefined ? {} : { end }) });
      if (rows.length === 0) break;
      for (let k = 1; k < rows.length; k++) expect(rows[k]![0]).toBeLessThan(rows[k - 1]![0]!);
      seen.push(...rows);
      end = rows[rows.length - 1]![0]! - 1;
    }
    seen.reverse();
    expect(seen).toHaveLength(m1.length);
    for (let i = 0; i < m1.length; i++) expect(seen[i]!.slice(0, 6)).toEqual(rowAt(m1, i));
  });

  it('forward windows of 1000 bars with explicit start and end tile the month without overlap', async () => {
    const first = m1.ts[0]!;
    const last = m1.ts[m1.length - 1]!;
    const collected: number[] = [];
    for (let s = first; s <= last; s += 1000 * MINUTE) {
      const rows = await get({ interval: '1', start: s, end: s + 1000 * MINUTE - 1, limit: 1000 });
      expect(rows.length).toBeLessThanOrEqual(1000);
      for (const r of rows.reverse()) collected.push(r[0]!);
    }
    expect(collected).toEqual(Array.from(m1.ts));
  });

  it('returns the newest `limit` bars of a window and defaults to 200', async () => {
    const start = m1.ts[100]!;
    const end = m1.ts[399]!;
    const rows = await get({ interval: '1', start, end, limit: 50 });
    expect(rows.map((r) => r[0])).toEqual(Array.from(m1.ts.slice(350, 400)).reverse());
    expect(await get({ interval: '1', start, end })).toHaveLength(200);
  });

  it('serves turnover as close × volume rounded to 4 decimals when the file has none', async () => {
    const [row] = await get({ interval: '1', start: m1.ts[5]!, end: m1.ts[5]!, limit: 1 });
    expect(row![6]).toBeCloseTo(m1.close[5]! * m1.volume[5]!, 4);
  });

  it('aggregates 1h bars from 1m that equal the stored 60m bars on every complete hour', async () => {
    const h = storedCandles('BTCUSDT', '60m');
    const rows = (await get({ interval: '60', start: h.ts[0]!, end: h.ts[718]!, limit: 1000 })).reverse();
    expect(rows).toHaveLength(719);
    for (let i = 0; i < 719; i++) {
      const [ts, o, hi, lo, c, v] = rows[i]!;
      expect([ts, o, hi, lo, c]).toEqual(rowAt(h, i).slice(0, 5));
      expect(v).toBeCloseTo(h.volume[i]!, 6);
    }
  });

  it('agrees with core rollup for 15m bars inside the 1m window', async () => {
    const ref = rollup(m1, '15m');
    const rows = (await get({ interval: '15', start: ref.ts[0]!, end: ref.ts[999]!, limit: 1000 })).reverse();
    expect(rows.map((r) => r[0])).toEqual(Array.from(ref.ts.slice(0, 1000)));
    rows.forEach((r, i) => {
      expect(r.slice(1, 5)).toEqual([ref.open[i], ref.high[i], ref.low[i], ref.close[i]]);
    });
  });

  it('fills hours the 1m data cannot cover from 5m, not from the stored 60m snapshot', async () => {
    // 2025-06-29 16:00 has 39 one-minute bars; the stored 60m bar was a snapshot of the open hour.
    const hour = m1.ts[m1.length - 1]! - 38 * MINUTE;
    const m5 = storedCandles('BTCUSDT', '5m');
    const i0 = m5.ts.indexOf(hour);
    const [row] = await get({ interval: '60', start: hour, end: hour, limit: 1 });
    const closes = m5.close[i0 + 11]!;
    expect(row![0]).toBe(hour);
    expect(row![4]).toBe(closes);
    expect(row![4]).not.toBe(storedCandles('BTCUSDT', '60m').close[719]);
  });

  it('serves 5m history older than the 1m window from the native 5m file', async () => {
    const m5 = storedCandles('BTCUSDT', '5m');
    const rows = await get({ interval: '5', start: m5.ts[0]!, end: m5.ts[9]!, limit: 1000 });
    expect(rows.reverse().map((r) => r.slice(0, 6))).toEqual([...Array(10).keys()].map((i) => rowAt(m5, i)));
  });

  it('builds daily and weekly bars only where every underlying bar exists', async () => {
    const daily = await get({ interval: 'D', limit: 1000 });
    expect(daily.length).toBeGreaterThan(80);
    for (const r of daily) expect(r[0]! % 86_400_000).toBe(0);
    const weekly = await get({ interval: 'W', limit: 1000 });
    for (const r of weekly) expect(new Date(r[0]!).getUTCDay()).toBe(1);
  });

  it('refuses a limit outside 1–1000 and an unknown symbol with 10001', async () => {
    for (const params of [
      { interval: '1', limit: 1001 },
      { interval: '1', limit: 0 },
    ]) {
      const r = await t.client.getKline({ category: 'linear', symbol: 'BTCUSDT', ...params } as never);
      expect(r.retCode).toBe(10001);
      expect(r.retMsg).toMatch(/limit must be in \[1, 1000\]/);
    }
    const r = await t.client.getKline({ category: 'linear', symbol: 'SOLUSDT', interval: '1' });
    expect(r.retCode).toBe(10001);
    expect(r.retMsg).toMatch(/symbol invalid: SOLUSDT/);
  });

  it('serves mark-price klines as the last-price OHLC when no mark file exists', async () => {
    const r = await t.client.getMarkPriceKline({
      category: 'linear',
      symbol: 'BTCUSDT',
      interval: '1',
      start: m1.ts[10]!,
      end: m1.ts[12]!,
    });
    expect(klineRows(r.result.list).reverse()).toEqual([10, 11, 12].map((i) => rowAt(m1, i).slice(0, 5)));
  });
});

describe.skipIf(shared === undefined)('klines on a manual virtual clock', () => {
  let t: MockWithClient;
  let m1: Candles;
  let minute: number;
  beforeAll(async () => {
    m1 = storedCandles('BTCUSDT', '1m');
    // 20 s into a minute, 41 minutes into an hour, inside the 1m data.
    minute = Math.floor(m1.ts[20_000]! / HOUR) * HOUR + 41 * MINUTE;
    t = await startWithClient({ clock: { startMs: minute + 20_000 } });
  });
  afterAll(() => t.mock.close());

  const get = async (params: Record<string, string | number>) =>
    klineRows(
      (await t.client.getKline({ category: 'linear', symbol: 'BTCUSDT', ...params } as never)).result.list,
    );

  it('serves the forming 1m bar on the O → nearer extreme → far extreme → C path', async () => {
    const i = m1.ts.indexOf(minute);
    const [o, h, l, v] = [m1.open[i]!, m1.high[i]!, m1.low[i]!, m1.volume[i]!];
    const x1 = o - l <= h - o ? l : h;
    const rows = await get({ interval: '1', limit: 2 });
    expect(rows[0]![0]).toBe(minute);
    expect(rows[0]![1]).toBe(o);
    // 20 s = 1/3 of the minute: exactly at the first extreme.
    expect(rows[0]![4]).toBeCloseTo(x1, 8);
    expect(rows[0]![5]).toBeCloseTo(v / 3, 6);
    expect(rows[1]!.slice(0, 6)).toEqual(rowAt(m1, i - 1));
  });

  it('never serves a bar that opens after now, even when asked for a later end', async () => {
    const rows = await get({ interval: '1', end: minute + 10 * HOUR, limit: 5 });
    expect(rows[0]![0]).toBe(minute);
    const hourly = await get({ interval: '60', end: minute + 10 * HOUR, limit: 2 });
    expect(hourly[0]![0]).toBe(minute - 41 * MINUTE);
  });

  it('the forming hour aggregates its closed minutes and the partial current one', async () => {
    const hourStart = minute - 41 * MINUTE;
    const i0 = m1.ts.indexOf(hourStart);
    const [row] = await get({ interval: '60', limit: 1 });
    let high = Number.NEGATIVE_INFINITY;
    for (let i = i0; i < i0 + 41; i++) high = Math.max(high, m1.high[i]!);
    expect(row![1]).toBe(m1.open[i0]);
    expect(row![2]).toBeGreaterThanOrEqual(high);
  });

  it('after the minute ends the bar equals the stored one and server time follows the clock', async () => {
    t.mock.clock.advance(40_000);
    const rows = await get({ interval: '1', limit: 2 });
    const i = m1.ts.indexOf(minute);
    expect(rows[1]!.slice(0, 6)).toEqual(rowAt(m1, i));
    expect(rows[0]!.slice(0, 6)).toEqual([
      minute + MINUTE,
      m1.open[i + 1],
      m1.open[i + 1],
      m1.open[i + 1],
      m1.open[i + 1],
      0,
    ]);
    const time = await t.client.getServerTime();
    expect(Number(time.result.timeSecond)).toBe((minute + MINUTE) / 1000);
  });
});
