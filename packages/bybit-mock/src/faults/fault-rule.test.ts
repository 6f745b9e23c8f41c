import { describe, expect, it } from 'vitest';
import { endpointMatches, parseFaultRules, topicMatches } from './fault-rule';

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

describe('WebSocket fault rules', () => {
  it('accepts each WebSocket kind with its own fields', () => {
    const rules = [
      { kind: 'dropConnections', scope: 'private', code: 1011, afterMs: 50 },
      { kind: 'noPong', scope: 'public', durationMs: 2000 },
      { kind: 'authFail', count: 1 },
      { kind: 'stallTopic', topic: 'kline.1.*', durationMs: 500 },
      { kind: 'duplicateFrames', topic: 'tickers.BTCUSDT', everyNth: 2 },
    ] as const;
    expect(parseFaultRules(rules)).toEqual(rules);
  });

  it('refuses a field the kind does not use, a missing topic and an unknown close code', () => {
    expect(() => parseFaultRules([{ kind: 'noPong', endpoint: 'kline' }])).toThrow(
      /faults\[0\]\.endpoint: endpoint does not apply to kind noPong \(it takes scope, durationMs\)/,
    );
    expect(() => parseFaultRules([{ kind: 'http5xx', scope: 'public' }])).toThrow(/faults\[0\]\.scope/);
    expect(() => parseFaultRules([{ kind: 'dropConnections', count: 1 }])).toThrow(/faults\[0\]\.count/);
    expect(() => parseFaultRules([{ kind: 'stallTopic' }])).toThrow(
      /faults\[0\]\.topic: stallTopic needs a topic/,
    );
    expect(() => parseFaultRules([{ kind: 'dropConnections', code: 1001 }])).toThrow(/faults\[0\]\.code/);
  });

  it('matches topic patterns with * over whole topics', () => {
    expect(topicMatches('kline.*', 'kline.1.BTCUSDT')).toBe(true);
    expect(topicMatches('kline.*.ETHUSDT', 'kline.60.BTCUSDT')).toBe(false);
    expect(topicMatches('*.BTCUSDT', 'tickers.BTCUSDT')).toBe(true);
    expect(topicMatches('tickers.BTCUSDT', 'tickers.BTCUSDT')).toBe(true);
    expect(topicMatches('tickers.BTC', 'tickers.BTCUSDT')).toBe(false);
    expect(topicMatches('*', 'order')).toBe(true);
    expect(topicMatches('a*a', 'a')).toBe(false);
  });
});
