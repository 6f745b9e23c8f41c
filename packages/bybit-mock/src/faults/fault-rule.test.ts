import { describe, expect, it } from 'vitest';
import { endpointMatches, parseFaultRules } from './fault-rule';

describe('fault rule endpoints', () => {
  it('matches a full path exactly and a trailing * as a prefix', () => {
    expect(endpointMatches('/v5/market/kline', '/v5/market/kline')).toBe(true);
    expect(endpointMatches('/v5/market/kline', '/v5/market/mark-price-kline')).toBe(false);
    expect(endpointMatches('/v5/market/*', '/v5/market/funding/history')).toBe(true);
    expect(endpointMatches('/v5/order/*', '/v5/market/kline')).toBe(false);
  });

  it('matches a short name against the last path segments', () => {
    expect(endpointMatches('kline', '/v5/market/kline')).toBe(true);
    expect(endpointMatches('kline', '/v5/market/mark-price-kline')).toBe(false);
    expect(endpointMatches('funding/history', '/v5/market/funding/history')).toBe(true);
    expect(endpointMatches('market/*', '/v5/market/time')).toBe(true);
  });

  it('matches everything without an endpoint', () => {
    expect(endpointMatches(undefined, '/anything')).toBe(true);
  });
});

describe('fault rule validation', () => {
  it('names the offending field of the offending rule', () => {
    expect(() => parseFaultRules([{ kind: 'drop' }, { kind: 'latency', latencyMs: -5 }])).toThrow(
      /faults\[1\]\.latencyMs/,
    );
    expect(() => parseFaultRules([{ kind: 'http5xx', status: 200 }])).toThrow(/faults\[0\]\.status/);
    expect(() => parseFaultRules([{ kind: 'drop', extra: 1 }])).toThrow(/faults\[0\]/);
  });

  it('accepts every documented field', () => {
    const rule = {
      endpoint: 'kline',
      kind: 'rateLimit',
      count: 2,
      probability: 0.5,
      everyNth: 2,
      skipFirst: 1,
      resetAfterMs: 10,
    } as const;
    expect(parseFaultRules([rule])).toEqual([rule]);
  });
});
