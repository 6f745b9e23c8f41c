import { describe, expect, it } from 'vitest';
import {
  BYBIT_INTERVAL,
  checkRoleHierarchy,
  execTimeframe,
  floorToTf,
  parseTimeframe,
  resolveTimeframeRef,
  TIMEFRAMES,
  type TimeframeRoles,
  TradeError,
  tfCloseTime,
  tfDurationMs,
  timeframeAliasOf,
  timeframeFromBybitInterval,
} from '../src/index';

const t = (iso: string) => Date.parse(iso);

describe('timeframes', () => {
  it('parses every canonical name and maps it to its Bybit interval', () => {
    expect(TIMEFRAMES.map((tf) => BYBIT_INTERVAL[parseTimeframe(tf)])).toEqual([
      '1',
      '3',
      '5',
      '15',
      '30',
      '60',
      '120',
      '240',
      '360',
      '720',
      'D',
      'W',
      'M',
    ]);
    expect(timeframeFromBybitInterval('60')).toBe('1h');
    expect(timeframeFromBybitInterval('D')).toBe('D');
    expect(() => timeframeFromBybitInterval('7')).toThrow(/not a Bybit kline interval/);
  });

  it('rejects aliases with a did-you-mean hint', () => {
    const cases: [string, string][] = [
      ['1d', 'D'],
      ['4H', '4h'],
      ['60', '1h'],
      ['1w', 'W'],
    ];
    for (const [input, canonical] of cases) {
      try {
        parseTimeframe(input);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(TradeError);
        expect((e as TradeError).code).toBe('E_TF_INVALID');
        expect((e as TradeError).hint).toContain(`did you mean \`${canonical}\``);
      }
    }
    expect(() => parseTimeframe('8h')).toThrow(/'8h' is not a timeframe/);
    expect(timeframeAliasOf('1D')).toBe('D');
    expect(timeframeAliasOf('nonsense')).toBeUndefined();
  });

  it('knows durations, and refuses a fixed duration for M', () => {
    expect(tfDurationMs('1m')).toBe(60_000);
    expect(tfDurationMs('4h')).toBe(14_400_000);
    expect(tfDurationMs('W')).toBe(604_800_000);
    expect(() => tfDurationMs('M')).toThrow(TradeError);
  });

  it('floors to UTC-aligned bars: W on Monday 00:00, M on the 1st', () => {
    expect(floorToTf(t('2025-06-04T13:47:12Z'), '15m')).toBe(t('2025-06-04T13:45:00Z'));
    expect(floorToTf(t('2025-06-04T13:47:12Z'), '4h')).toBe(t('2025-06-04T12:00:00Z'));
    expect(floorToTf(t('2025-06-04T13:47:12Z'), 'D')).toBe(t('2025-06-04T00:00:00Z'));
    // 2025-06-04 is a Wednesday; its week opens Monday 2025-06-02.
    expect(floorToTf(t('2025-06-04T13:47:12Z'), 'W')).toBe(t('2025-06-02T00:00:00Z'));
    expect(floorToTf(t('2025-06-02T00:00:00Z'), 'W')).toBe(t('2025-06-02T00:00:00Z'));
    expect(floorToTf(t('2025-06-01T23:59:59Z'), 'W')).toBe(t('2025-05-26T00:00:00Z'));
    expect(floorToTf(t('2025-06-04T13:47:12Z'), 'M')).toBe(t('2025-06-01T00:00:00Z'));
    expect(tfCloseTime(t('2024-02-01T00:00:00Z'), 'M')).toBe(t('2024-03-01T00:00:00Z'));
    expect(tfCloseTime(t('2025-12-01T00:00:00Z'), 'M')).toBe(t('2026-01-01T00:00:00Z'));
    expect(tfCloseTime(t('2025-06-02T00:00:00Z'), 'W')).toBe(t('2025-06-09T00:00:00Z'));
  });

  it('resolves role pointers, exec and concrete timeframes', () => {
    const roles: TimeframeRoles = { low_tf: '15m', med_tf: '1h', high_tf: 'D', exec: 'med_tf' };
    expect(execTimeframe(roles)).toBe('1h');
    expect(resolveTimeframeRef('exec', roles)).toBe('1h');
    expect(resolveTimeframeRef('high_tf', roles)).toBe('D');
    expect(resolveTimeframeRef('4h', roles)).toBe('4h');
    expect(() => resolveTimeframeRef('mid_tf', roles)).toThrow(/not a timeframe or role/);
    expect(checkRoleHierarchy(roles)).toBeUndefined();
    expect(checkRoleHierarchy({ low_tf: '1h', med_tf: '15m', high_tf: 'D' })).toMatch(
      /high_tf >= med_tf >= low_tf/,
    );
  });
});
