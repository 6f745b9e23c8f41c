import { describe, expect, it } from 'vitest';
import {
  createStructure,
  getStructureMeta,
  listStructures,
  STRUCTURE_TYPES,
  StructureError,
  type StructureSnapshot,
  structureWarmupBars,
  validateStructureParams,
} from '../src/index';

function codeOf(fn: () => unknown): { code: string; hint: string | undefined; path: string | undefined } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StructureError);
    const err = e as StructureError;
    expect(err.hint, `hint of ${err.code}`).toBeTruthy();
    return { code: err.code, hint: err.hint, path: err.path };
  }
  throw new Error('expected a StructureError');
}

const bar = (idx: number, atr = 1) => ({
  idx,
  ts: idx * 60_000,
  open: 10,
  high: 11,
  low: 9,
  close: 10,
  volume: 1,
  ind: (key: string) => (key === 'atr' ? atr : Number.NaN),
});

describe('listStructures', () => {
  const metas = listStructures();

  it('lists the thirteen catalogue types in catalogue order, the last six marked later', () => {
    expect(metas.map((m) => m.type)).toEqual([...STRUCTURE_TYPES]);
    expect(metas.filter((m) => m.later).map((m) => m.type)).toEqual([
      'displacement',
      'fair_value_gap',
      'order_block',
      'liquidity_zones',
      'premium_discount',
      'breaker_block',
    ]);
  });

  it('gives every field a unique name, a type, an empty value and a closed domain starting with none for ENUMs', () => {
    const sample: Record<string, unknown> = {
      swing: { left: 2, right: 2 },
      zone: { zone_type: 'demand', width_atr: 1 },
      fibonacci: { levels: [0.5, 1] },
      derived_zone: { levels: [0.5], max_active: 2 },
      rolling_window: { size: 3, source: 'low', mode: 'min' },
    };
    for (const meta of metas) {
      const { fields } = validateStructureParams(meta.type, sample[meta.type] ?? {});
      expect(new Set(fields.map((f) => f.name)).size).toBe(fields.length);
      for (const f of fields) {
        expect(['FLOAT', 'INT', 'BOOL', 'ENUM', 'HASH']).toContain(f.type);
        if (f.type === 'ENUM') expect(f.domain![0]).toBe('none');
        if (f.type === 'HASH') expect([f.empty, f.readable]).toEqual(['', false]);
        if (f.type === 'FLOAT') expect(f.empty).toBeNaN();
      }
    }
  });

  it('names fibonacci levels by shortest round-trip decimal and derived_zone slots by number', () => {
    const fib = validateStructureParams('fibonacci', { levels: [0.618, 1, -0.272] }).fields.map(
      (f) => f.name,
    );
    expect(fib).toEqual(expect.arrayContaining(['level_0.618', 'level_1', 'level_-0.272']));
    const dz = validateStructureParams('derived_zone', { levels: [0.5], max_active: 2 }).fields.map(
      (f) => f.name,
    );
    expect(dz).toEqual(expect.arrayContaining(['zone0_state', 'zone1_instance_id']));
    expect(dz).not.toContain('zone2_state');
  });

  it('declares dependencies with required and optional types', () => {
    const deps = Object.fromEntries(
      metas.map((m) => [m.type, m.dependencies.map((d) => `${d.type}${d.required ? '' : '?'}`)]),
    );
    expect(deps).toMatchObject({
      swing: [],
      trend: ['swing'],
      market_structure: ['swing'],
      fibonacci: ['swing', 'trend?'],
      order_block: ['swing', 'displacement?'],
      breaker_block: ['order_block', 'market_structure?'],
    });
  });

  it('computes the catalogue warm-up of §1.6', () => {
    const swing = { mode: 'fractal' as const, left: 2, right: 3 };
    expect(structureWarmupBars('swing', { left: 2, right: 3 })).toBe(30);
    expect(structureWarmupBars('swing', { mode: 'atr_zigzag' })).toBe(50);
    expect(structureWarmupBars('trend', {}, { swing })).toBe(30);
    expect(structureWarmupBars('liquidity_zones', { min_touches: 3 }, { swing })).toBe(42);
    expect(structureWarmupBars('breaker_block', {}, { swing })).toBe(60);
    expect(structureWarmupBars('rolling_window', { size: 77, source: 'close', mode: 'max' })).toBe(77);
    expect(structureWarmupBars('displacement', {}, { atrWarmup: 14 })).toBe(17);
    expect(structureWarmupBars('fair_value_gap', {}, { atrWarmup: 14 })).toBe(3);
    expect(structureWarmupBars('fair_value_gap', { min_gap_atr: 0.5 }, { atrWarmup: 14 })).toBe(17);
  });

  it('reports how each detector uses ATR', () => {
    const use = (type: string, params: unknown, bound?: string[]) => {
      const v = validateStructureParams(type, params);
      return getStructureMeta(type).atr(v.params, bound).use;
    };
    expect(use('swing', { left: 1, right: 1 })).toBe('optional');
    expect(use('swing', { mode: 'atr_zigzag' })).toBe('required');
    expect(use('zone', { zone_type: 'supply', width_atr: 1 })).toBe('required');
    expect(use('order_block', {})).toBe('required');
    expect(use('order_block', {}, ['swing', 'displacement'])).toBe('none');
    expect(use('rolling_window', { size: 2, source: 'low', mode: 'min' })).toBe('none');
  });
});

describe('params and binding errors', () => {
  it('rejects an unknown type with a did-you-mean hint', () => {
    const e = codeOf(() => createStructure('swng', { left: 1, right: 1 }));
    expect(e.code).toBe('E_STRUCT_TYPE_UNKNOWN');
    expect(e.hint).toContain('swing');
  });

  it('rejects an unknown param naming the nearest accepted one', () => {
    const e = codeOf(() => createStructure('swing', { left: 1, right: 1, lft: 2 }));
    expect([e.code, e.path]).toEqual(['E_PARAM_UNKNOWN', 'lft']);
    expect(e.hint).toContain('left');
  });

  it.each([
    ['swing', { left: 1 }, 'E_PARAM_REQUIRED', 'right'],
    ['swing', { left: 0, right: 1 }, 'E_PARAM_INVALID', 'left'],
    ['swing', { left: 1.5, right: 1 }, 'E_PARAM_INVALID', 'left'],
    ['swing', { left: 1, right: 101 }, 'E_PARAM_INVALID', 'right'],
    ['swing', { left: 1, right: 1, mode: 'zigzag' }, 'E_PARAM_INVALID', 'mode'],
    ['swing', { left: 1, right: 1, major_threshold: 0 }, 'E_PARAM_INVALID', 'major_threshold'],
    ['zone', { zone_type: 'demand' }, 'E_PARAM_REQUIRED', 'width_atr'],
    ['zone', { zone_type: 'both', width_atr: 1 }, 'E_PARAM_INVALID', 'zone_type'],
    ['fibonacci', {}, 'E_PARAM_REQUIRED', 'levels'],
    ['fibonacci', { levels: [0.5, 0.5] }, 'E_PARAM_INVALID', 'levels'],
    ['fibonacci', { levels: [] }, 'E_PARAM_INVALID', 'levels'],
    ['fibonacci', { levels: [0.5], mode: 'extension', use_paired_anchor: false }, 'E_PARAM_INVALID', 'mode'],
    ['fibonacci', { levels: [0.5], use_trend_anchor: true }, 'E_PARAM_INVALID', 'use_trend_anchor'],
    ['derived_zone', { levels: [0.5], max_active: 21 }, 'E_PARAM_INVALID', 'max_active'],
    ['derived_zone', { levels: [0.5], max_active: 2, width_pct: 1 }, 'E_PARAM_INVALID', 'width_pct'],
    ['rolling_window', { size: 10_001, source: 'low', mode: 'min' }, 'E_PARAM_INVALID', 'size'],
    ['rolling_window', { size: 3, source: 'hl2', mode: 'min' }, 'E_PARAM_INVALID', 'source'],
    ['liquidity_zones', { max_active: 6, max_swing_history: 5 }, 'E_PARAM_INVALID', 'max_swing_history'],
    ['fair_value_gap', { min_gap_atr: -1 }, 'E_PARAM_INVALID', 'min_gap_atr'],
    ['premium_discount', { anything: 1 }, 'E_PARAM_UNKNOWN', 'anything'],
  ])('%s %j fails with %s on %s', (type, params, code, path) => {
    const e = codeOf(() => validateStructureParams(type, params));
    expect([e.code, e.path]).toEqual([code, path]);
  });

  it('accepts integers written as 9.0 and applies defaults', () => {
    const v = validateStructureParams('swing', { left: 9.0, right: 2 });
    expect(v.params).toMatchObject({
      left: 9,
      right: 2,
      mode: 'fractal',
      major_threshold: 1.5,
      atr_key: 'atr',
    });
  });

  it('warns W_PARAM_IGNORED for left/right in atr_zigzag mode', () => {
    const v = validateStructureParams('swing', { mode: 'atr_zigzag', left: 3 });
    expect(v.warnings.map((w) => [w.code, w.path])).toEqual([['W_PARAM_IGNORED', 'left']]);
  });

  it('requires the dependencies of the catalogue', () => {
    expect(codeOf(() => createStructure('trend', {})).code).toBe('E_STRUCT_USES_MISSING');
    const swing = createStructure('swing', { left: 1, right: 1 });
    const trend = createStructure('trend', {}, [swing]);
    expect(
      codeOf(() =>
        createStructure('fibonacci', { levels: [0.5], use_paired_anchor: false, use_trend_anchor: true }, [
          swing,
        ]),
      ).code,
    ).toBe('E_STRUCT_USES_MISSING');
    expect(
      createStructure('fibonacci', { levels: [0.5], use_paired_anchor: false, use_trend_anchor: true }, [
        swing,
        trend,
      ]).type,
    ).toBe('fibonacci');
    expect(codeOf(() => createStructure('market_structure', {}, [trend])).code).toBe('E_STRUCT_USES_TYPE');
    expect(codeOf(() => createStructure('market_structure', {}, { swing: trend })).code).toBe(
      'E_STRUCT_USES_TYPE',
    );
    expect(codeOf(() => createStructure('market_structure', {}, [swing, swing])).code).toBe(
      'E_STRUCT_USES_TYPE',
    );
    expect(
      codeOf(() => createStructure('rolling_window', { size: 2, source: 'low', mode: 'min' }, [swing])).code,
    ).toBe('E_STRUCT_USES_TYPE');
  });

  it('fails with E_STRUCT_ATR_KEY only when ATR is required and the feature is absent', () => {
    const swing = createStructure('swing', { left: 1, right: 1 }, [], { atrFeatures: [] });
    expect(
      codeOf(() =>
        createStructure('zone', { zone_type: 'demand', width_atr: 1 }, [swing], { atrFeatures: [] }),
      ).code,
    ).toBe('E_STRUCT_ATR_KEY');
    expect(
      codeOf(() =>
        createStructure('zone', { zone_type: 'demand', width_atr: 1, atr_key: 'atr_20' }, [swing], {
          atrFeatures: ['atr'],
        }),
      ).code,
    ).toBe('E_STRUCT_ATR_KEY');
    expect(
      codeOf(() => createStructure('swing', { mode: 'atr_zigzag' }, [], { atrFeatures: ['atr_5'] })).code,
    ).toBe('E_STRUCT_ATR_KEY');
    const displacement = createStructure('displacement', {}, [], { atrFeatures: ['atr'] });
    expect(createStructure('order_block', {}, [swing, displacement], { atrFeatures: [] }).type).toBe(
      'order_block',
    );
    expect(codeOf(() => createStructure('order_block', {}, [swing], { atrFeatures: [] })).code).toBe(
      'E_STRUCT_ATR_KEY',
    );
  });

  it('treats optional ATR as missing when the feature is not declared', () => {
    const bars = [10, 12, 10, 14, 10, 16, 10];
    const withAtr = createStructure('swing', { left: 1, right: 1 }, [], { atrFeatures: ['atr'] });
    const without = createStructure('swing', { left: 1, right: 1 }, [], { atrFeatures: [] });
    bars.forEach((h, i) => {
      const b = { ...bar(i), high: h, low: h - 1 };
      withAtr.update(b);
      without.update(b);
    });
    expect(withAtr.read('high_significance')).toBe(2);
    expect(without.read('high_significance')).toBeNaN();
  });
});

describe('instance API', () => {
  it('rejects a skipped or repeated idx with E_STRUCT_IDX and keeps its state', () => {
    const rw = createStructure('rolling_window', { size: 2, source: 'high', mode: 'max' });
    rw.update(bar(0));
    expect(codeOf(() => rw.update(bar(2))).code).toBe('E_STRUCT_IDX');
    expect(codeOf(() => rw.update(bar(0))).code).toBe('E_STRUCT_IDX');
    expect(rw.lastIdx).toBe(0);
    rw.update(bar(1));
    expect(rw.read('value')).toBe(11);
  });

  it('exposes typed getters, the fields table and enum codes', () => {
    const swing = createStructure('swing', { left: 1, right: 1 }) as ReturnType<typeof createStructure> & {
      high_level: number;
      pair_anchor_hash: string;
    };
    expect(swing.high_level).toBeNaN();
    expect(swing.pair_anchor_hash).toBe('');
    expect(swing.fields[swing.indexOf('last_confirmed_pivot_type')]!.domain).toEqual(['none', 'high', 'low']);
    expect(swing.indexOf('nope')).toBe(-1);
  });

  it('refuses a snapshot of another type or other params with E_STRUCT_SNAPSHOT', () => {
    const a = createStructure('rolling_window', { size: 2, source: 'high', mode: 'max' });
    a.update(bar(0));
    const snap = a.snapshot();
    expect(snap).toMatchObject({
      schema: 'trade.structure/1',
      type: 'rolling_window',
      key: 'rolling_window',
      lastIdx: 0,
    });
    const b = createStructure('rolling_window', { size: 3, source: 'high', mode: 'max' });
    expect(codeOf(() => b.restore(snap)).code).toBe('E_STRUCT_SNAPSHOT');
    const swing = createStructure('swing', { left: 1, right: 1 });
    expect(codeOf(() => swing.restore(snap)).code).toBe('E_STRUCT_SNAPSHOT');
    expect(codeOf(() => a.restore({ ...snap, schema: 'x' } as unknown as StructureSnapshot)).code).toBe(
      'E_STRUCT_SNAPSHOT',
    );
  });

  it('encodes NaN as null in snapshots', () => {
    const swing = createStructure('swing', { left: 1, right: 1 });
    swing.update(bar(0));
    const text = JSON.stringify(swing.snapshot());
    expect(text).toContain('null');
    expect(text).not.toContain('NaN');
  });
});
