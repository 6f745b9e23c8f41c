import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { didYouMean, editDistance, findSharedDir, nearestName, sideSign, TradeError } from '../src/index';

describe('TradeError', () => {
  it('carries a stable code, hint and location, and serializes for the CLI envelope', () => {
    const e = new TradeError('E_X', 'bad thing', {
      hint: 'do y',
      file: 'a.yml',
      line: 3,
      col: 5,
      path: 'a.b',
    });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('TradeError');
    expect(e.toJSON()).toEqual({
      code: 'E_X',
      message: 'bad thing',
      hint: 'do y',
      file: 'a.yml',
      line: 3,
      col: 5,
      path: 'a.b',
    });
    class SubError extends TradeError {}
    expect(new SubError('E_Y', 'm').name).toBe('SubError');
  });
});

describe('name suggestions', () => {
  it('finds the nearest name or lists the valid ones', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(nearestName('emaa', ['sma', 'ema', 'rsi'])).toBe('ema');
    expect(nearestName('zzzzzz', ['sma', 'ema'])).toBeUndefined();
    expect(didYouMean('rsx', ['rsi', 'atr'])).toBe('did you mean `rsi`?');
    expect(didYouMean('qqqqqq', ['rsi', 'atr'])).toBe('valid values: rsi, atr');
  });
});

describe('domain helpers', () => {
  it('signs sides', () => {
    expect(sideSign('long')).toBe(1);
    expect(sideSign('short')).toBe(-1);
  });
});

describe('findSharedDir', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('honours TRADE_SHARED_DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shared-'));
    mkdirSync(join(dir, 'data'));
    vi.stubEnv('TRADE_SHARED_DIR', dir);
    expect(findSharedDir()).toBe(dir);
  });

  it('returns undefined locally but throws under CI when the kit is missing', () => {
    vi.stubEnv('TRADE_SHARED_DIR', join(tmpdir(), 'definitely-missing-shared-kit'));
    vi.stubEnv('CI', '');
    expect(findSharedDir()).toBeUndefined();
    vi.stubEnv('CI', 'true');
    expect(() => findSharedDir()).toThrow(/shared test kit not found/);
  });
});
