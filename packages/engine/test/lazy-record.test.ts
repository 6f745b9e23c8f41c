import { describe, expect, it } from 'vitest';
import { lazyRecord, once } from '../src/backtest/lazy-record';

describe('lazyRecord', () => {
  it('computes a value only when read, once, and exposes it to JSON and spreading', () => {
    const calls: string[] = [];
    const r = lazyRecord<{ a: number; b: string }>({
      a: () => {
        calls.push('a');
        return 1;
      },
      b: () => {
        calls.push('b');
        return 'x';
      },
    });
    expect(calls).toEqual([]);
    expect(r.a).toBe(1);
    expect(r.a).toBe(1);
    expect(calls).toEqual(['a']);
    expect(JSON.stringify(r)).toBe('{"a":1,"b":"x"}');
    expect({ ...r }).toEqual({ a: 1, b: 'x' });
    expect(calls).toEqual(['a', 'b']);
  });

  it('an assignment replaces the value without computing it', () => {
    let built = 0;
    const r = lazyRecord<Record<string, string>>({
      t: () => {
        built += 1;
        return 'built';
      },
    });
    r.t = 'given';
    expect(r.t).toBe('given');
    expect(built).toBe(0);
  });
});

describe('once', () => {
  it('calls the function a single time, even when it returns undefined', () => {
    let n = 0;
    const f = once(() => {
      n += 1;
      return undefined;
    });
    f();
    f();
    expect(n).toBe(1);
  });
});
