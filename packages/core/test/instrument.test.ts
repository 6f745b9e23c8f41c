import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BTCUSDT_INSTRUMENT,
  BTCUSDT_RISK_TIERS,
  findSharedDir,
  parseRiskTiersCsv,
  type TradeError,
} from '../src/index';

const shared = findSharedDir();

describe('instrument spec and risk tiers', () => {
  it('parses the tier CSV format, rows in file order', () => {
    const tiers = parseRiskTiersCsv(
      'tier,risk_limit_value,max_leverage,mmr,mm_deduction,imr\n1,100,50,0.01,0,0.02\n2,200,25,0.02,1,0.04\n',
    );
    expect(tiers).toEqual([
      { riskLimitValue: 100, maxLeverage: 50, maintenanceMarginRate: 0.01, mmDeduction: 0 },
      { riskLimitValue: 200, maxLeverage: 25, maintenanceMarginRate: 0.02, mmDeduction: 1 },
    ]);
  });

  it('names the line and column of a bad value', () => {
    try {
      parseRiskTiersCsv('tier,risk_limit_value,max_leverage,mmr,mm_deduction,imr\n1,100,x,0.01,0,0.02\n', {
        file: 't.csv',
      });
      expect.unreachable();
    } catch (e) {
      expect((e as TradeError).line).toBe(2);
      expect((e as TradeError).path).toBe('max_leverage');
      expect((e as TradeError).file).toBe('t.csv');
    }
    expect(() => parseRiskTiersCsv('tier,mmr\n')).toThrow(/missing column/);
  });

  it('has the BTCUSDT default fixture of sim-exchange.md §4.2', () => {
    expect(BTCUSDT_INSTRUMENT.riskTiers).toHaveLength(20);
    expect(BTCUSDT_INSTRUMENT.tickSize).toBe(0.1);
    expect(BTCUSDT_RISK_TIERS[19]).toEqual({
      riskLimitValue: 80_000_000,
      maxLeverage: 14,
      maintenanceMarginRate: 0.045,
      mmDeduction: 1_482_000,
    });
  });

  it.skipIf(shared === undefined)('the stored BTCUSDT tier file equals the built-in fixture', () => {
    const file = join(shared!, 'data', 'risk-limits', 'BTCUSDT_tiers.csv');
    expect(parseRiskTiersCsv(readFileSync(file, 'utf8'), { file })).toEqual(BTCUSDT_RISK_TIERS);
  });
});
