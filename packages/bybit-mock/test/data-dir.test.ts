import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BTCUSDT_INSTRUMENT } from '@trade/core';
import { RestClientV5 } from 'bybit-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockBybit, MockBybitError, startMockBybit } from '../src/index';
import { klineRows } from './support';

const T0 = Date.UTC(2024, 0, 1);
const MINUTE = 60_000;

/** 3 hours of 1m SOLUSDT bars with a turnover column, and a 5m ADAUSDT file, in a flat folder. */
function writeFixture(dir: string): void {
  const lines = ['ts,open,high,low,close,volume,turnover'];
  for (let i = 0; i < 180; i++) {
    const p = 100 + i * 0.001;
    lines.push(
      `${T0 + i * MINUTE},${p.toFixed(3)},${(p + 0.5).toFixed(3)},${(p - 0.5).toFixed(3)},${(p + 0.1).toFixed(3)},12.5,${(1000 + i).toFixed(2)}`,
    );
  }
  writeFileSync(join(dir, 'SOLUSDT_1m.csv'), `${lines.join('\n')}\n`);
  mkdirSync(join(dir, 'nested'));
  const ada = ['ts,open,high,low,close,volume'];
  for (let i = 0; i < 24; i++) ada.push(`${T0 + i * 5 * MINUTE},0.5,0.52,0.49,0.51,1000`);
  writeFileSync(join(dir, 'nested', 'ADAUSDT_5m.csv'), `${ada.join('\n')}\n`);
  const mark = ['ts,open,high,low,close,volume'];
  for (let i = 0; i < 60; i++) mark.push(`${T0 + i * MINUTE},99,99.5,98.5,99.25,0`);
  writeFileSync(join(dir, 'SOLUSDT_mark_1m.csv'), `${mark.join('\n')}\n`);
}

describe('a mock serving a data dir of arbitrary CSV files', () => {
  let dir: string;
  let mock: MockBybit;
  let client: RestClientV5;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bybit-mock-'));
    writeFixture(dir);
    mock = await startMockBybit({ dataDir: dir });
    client = new RestClientV5({ baseUrl: mock.url });
  });
  afterAll(async () => {
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves every symbol found by file name, at any depth', () => {
    expect(mock.symbols).toEqual(['ADAUSDT', 'SOLUSDT']);
  });

  it('serves the turnover column when the file has one, and sums it when aggregating', async () => {
    const one = await client.getKline({
      category: 'linear',
      symbol: 'SOLUSDT',
      interval: '1',
      start: T0,
      end: T0,
    });
    expect(one.result.list[0]![6]).toBe('1000');
    const hour = await client.getKline({
      category: 'linear',
      symbol: 'SOLUSDT',
      interval: '60',
      start: T0,
      end: T0,
    });
    const expected = Array.from({ length: 60 }, (_, i) => 1000 + i).reduce((a, b) => a + b, 0);
    expect(Number(hour.result.list[0]![6])).toBe(expected);
    expect(Number(hour.result.list[0]![5])).toBe(750);
  });

  it('serves mark-price klines from a mark file when one exists', async () => {
    const r = await client.getMarkPriceKline({
      category: 'linear',
      symbol: 'SOLUSDT',
      interval: '60',
      start: T0,
    });
    expect(r.result.list).toEqual([[String(T0), '99', '99.5', '98.5', '99.25']]);
  });

  it('has no bar for an interval no file can tile completely', async () => {
    const r = await client.getKline({ category: 'linear', symbol: 'SOLUSDT', interval: '240' });
    expect(r.retCode).toBe(0);
    expect(r.result.list).toEqual([]);
    const ada = await client.getKline({ category: 'linear', symbol: 'ADAUSDT', interval: '1' });
    expect(ada.result.list).toEqual([]);
    const ada15 = await client.getKline({
      category: 'linear',
      symbol: 'ADAUSDT',
      interval: '15',
      limit: 1000,
    });
    expect(klineRows(ada15.result.list)).toHaveLength(8);
  });

  it('derives tick size and qty step of an unknown symbol from the decimals of its data', async () => {
    const r = await client.getInstrumentsInfo({ category: 'linear', symbol: 'SOLUSDT' });
    const sol = r.result.list[0]!;
    expect(sol.priceFilter.tickSize).toBe('0.001');
    expect(sol.lotSizeFilter.qtyStep).toBe('0.1');
    expect(sol.launchTime).toBe(String(T0));
    expect(sol.baseCoin).toBe('SOL');
  });

  it('falls back to the constant 0.0001 funding on the 8-hour grid when no funding file exists', async () => {
    const r = await client.getFundingRateHistory({ category: 'linear', symbol: 'SOLUSDT' });
    expect(r.result.list).toEqual([
      { symbol: 'SOLUSDT', fundingRate: '0.0001', fundingRateTimestamp: String(T0) },
    ]);
  });

  it('takes instrument rules and tiers from the instruments option over any derivation', async () => {
    const custom = await startMockBybit({
      dataDir: dir,
      instruments: [
        {
          ...BTCUSDT_INSTRUMENT,
          symbol: 'SOLUSDT',
          tickSize: 0.01,
          minPrice: 0.01,
          riskTiers: [
            { riskLimitValue: 100_000, maxLeverage: 50, maintenanceMarginRate: 0.01, mmDeduction: 0 },
          ],
        },
      ],
    });
    try {
      const c = new RestClientV5({ baseUrl: custom.url });
      const info = await c.getInstrumentsInfo({ category: 'linear', symbol: 'SOLUSDT' });
      expect(info.result.list[0]!.priceFilter.tickSize).toBe('0.01');
      const tiers = await c.getRiskLimit({ category: 'linear', symbol: 'SOLUSDT' });
      expect(tiers.result.list).toEqual([
        {
          id: 1,
          symbol: 'SOLUSDT',
          riskLimitValue: '100000',
          maintenanceMargin: '0.01',
          initialMargin: '0.02',
          isLowestRisk: 1,
          maxLeverage: '50.00',
          mmDeduction: '',
        },
      ]);
    } finally {
      await custom.close();
    }
  });

  it('refuses a missing data dir and a non-loopback host with typed errors', async () => {
    await expect(startMockBybit({ dataDir: join(dir, 'absent') })).rejects.toMatchObject({
      code: 'E_MOCK_DATA_DIR',
    });
    await expect(startMockBybit({ dataDir: dir, host: '0.0.0.0' })).rejects.toBeInstanceOf(MockBybitError);
  });

  it('refuses two files holding the same series', async () => {
    const dup = mkdtempSync(join(tmpdir(), 'bybit-mock-dup-'));
    try {
      writeFixture(dup);
      writeFileSync(join(dup, 'nested', 'SOLUSDT_1m.csv'), 'ts,open,high,low,close,volume\n');
      await expect(startMockBybit({ dataDir: dup })).rejects.toMatchObject({ code: 'E_MOCK_DATA_DUPLICATE' });
    } finally {
      rmSync(dup, { recursive: true, force: true });
    }
  });
});
