import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  checkPlay,
  compilePlay,
  type EvalContext,
  FALSE,
  MISSING,
  type PlayCheckResult,
  TRUE,
} from '../src/index';

const SPEC_DIR = new URL('./fixtures/spec/', import.meta.url);
const EXAMPLES_DIR = new URL('../../../plays/examples/', import.meta.url);
const SEEDS: readonly string[] = [
  ...readdirSync(SPEC_DIR).map((f) => readFileSync(new URL(f, SPEC_DIR), 'utf8')),
  ...readdirSync(EXAMPLES_DIR).map((f) => readFileSync(new URL(f, EXAMPLES_DIR), 'utf8')),
];

/** Every input loads, or yields at least one well-formed error; a loaded play compiles. */
function assertWellBehaved(text: string): PlayCheckResult {
  const r = checkPlay(text, { file: 'fuzz.yml' });
  for (const d of r.diagnostics) {
    expect(d.code).toMatch(/^[EW]_[A-Z0-9_]+$/);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.col).toBeGreaterThanOrEqual(1);
    expect(typeof d.message).toBe('string');
  }
  if (r.play === undefined) expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  else {
    expect(r.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    const compiled = compilePlay(r.play);
    expect(compiled.playHash).toMatch(/^[0-9a-f]{64}$/);
  }
  return r;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Paths to every node of a plain tree. */
function paths(
  value: Json,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) paths(value[i]!, [...prefix, i], out);
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function mutate(root: Json, path: (string | number)[], op: 'delete' | 'replace', replacement: Json): Json {
  if (path.length === 0) return op === 'replace' ? replacement : {};
  const copy = structuredClone(root) as Json;
  let parent = copy as { [k: string]: Json } | Json[];
  for (const seg of path.slice(0, -1))
    parent = (parent as Record<string | number, Json>)[seg] as typeof parent;
  const last = path[path.length - 1]!;
  if (op === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete (parent as Record<string, Json>)[last as string];
  } else (parent as Record<string | number, Json>)[last] = replacement;
  return copy;
}

const hostileScalar: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    '{{ x }}',
    '{{',
    '}}',
    'ema_9.',
    '.value',
    'a[',
    'NaN',
    '∞',
    '🚀🚀',
    '\u0000',
    'yes',
    '1e309',
    'M',
    '8h',
  ),
  fc.double(),
  fc.constantFrom(1e308, -1e308, 2 ** 60, -0, 0, 1, 9.5, 500, 501),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.array(hostileScalar, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), hostileScalar, { maxKeys: 4 }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 200 }).map((depth) => {
      let v: Json = 1;
      for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { all: [v] };
      return v;
    }),
  },
);

describe('fuzz: mutated plays never crash or hang', () => {
  it('survives deleted keys and hostile replacement values', () => {
    fc.assert(
      fc.property(
        fc.nat(SEEDS.length - 1),
        fc.nat(),
        fc.boolean(),
        hostileValue,
        (seedIdx, pick, del, value) => {
          const base = parse(SEEDS[seedIdx]!) as Json;
          const all = paths(base);
          const path = all[pick % all.length]!;
          const mutated = mutate(base, path, del ? 'delete' : 'replace', value);
          assertWellBehaved(stringify(mutated));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('survives raw text edits (inserted, deleted and replaced characters)', () => {
    fc.assert(
      fc.property(
        fc.nat(SEEDS.length - 1),
        fc.nat(),
        fc.nat({ max: 8 }),
        fc.string({ unit: 'binary', maxLength: 6 }),
        (seedIdx, at, cut, insert) => {
          const text = SEEDS[seedIdx]!;
          const i = at % text.length;
          assertWellBehaved(text.slice(0, i) + insert + text.slice(i + cut));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('bounds alias bombs with a diagnostic', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(
        `${cur}: &${cur} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`,
      );
    }
    const r = assertWellBehaved(`${levels.join('\n')}\n`);
    expect(r.diagnostics[0]!.code).toBe('E_YAML_SYNTAX');
    expect(r.diagnostics[0]!.message).toMatch(/expands to more than/);
  });

  it('rejects deep nesting and very long keys without overflowing the stack', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    assertWellBehaved(`version: "3.0.0"\nname: x\nactions: ${deep}\n`);
    const deepMap = `${'{a: '.repeat(2000)}1${'}'.repeat(2000)}`;
    assertWellBehaved(`version: "3.0.0"\nname: x\naccount: ${deepMap}\n`);
    assertWellBehaved(`${'k'.repeat(100_000)}: 1\n`);
  });

  it('keeps __proto__ as an ordinary setup id and variable name', () => {
    const text = readFileSync(new URL('ex1_ema_cross.yml', SPEC_DIR), 'utf8')
      .replace(
        'features:',
        'variables: {__proto__: 9}\nsetups:\n  __proto__: [["rsi_14", ">", 1]]\nfeatures:',
      )
      .replace('{length: 9}', '{length: "{{ __proto__ }}"}')
      .replace('- ["rsi_14", "between", [45, 70]]', '- {setup: __proto__}');
    const r = assertWellBehaved(text);
    expect(r.play).toBeDefined();
    expect(Object.keys(r.play!.setups)).toEqual(['__proto__']);
    expect(Object.keys(r.play!.variables)).toEqual(['__proto__']);
  });

  it('rejects a self-referencing alias', () => {
    const r = assertWellBehaved('version: "3.0.0"\nname: &n [*n]\n');
    expect(r.play).toBeUndefined();
  });

  it('random conditions either load and evaluate to TRUE/FALSE/MISSING, or yield diagnostics', () => {
    const ref = fc.constantFrom(
      '"a"',
      '"b"',
      '"close"',
      '"last_price"',
      '"ms.bias"',
      '"ms.bos_direction"',
      '"ms.bos_this_bar"',
      '"position.side"',
      '"position.entry_price"',
      '"nope"',
      '{feature_id: a, offset: 2}',
    );
    const lit = fc.constantFrom(
      '0',
      '1',
      '2.5',
      '-1',
      'true',
      '"bullish"',
      '"long"',
      '[1, 2]',
      '[0, 5]',
      '["bullish"]',
    );
    const op = fc.constantFrom(
      '">"',
      '"<="',
      '"=="',
      '"!="',
      '"between"',
      '"in"',
      '"near_abs"',
      '"near_pct"',
      '"cross_above"',
      '"cross_below"',
      '"=>"',
    );
    const operand = fc.oneof(
      ref,
      lit,
      fc
        .tuple(ref, fc.constantFrom('"+"', '"/"', '"%"'), fc.oneof(ref, lit))
        .map(([x, o, y]) => `[${x}, ${o}, ${y}]`),
    );
    const hostile = fc
      .tuple(
        operand,
        op,
        fc.oneof(operand, lit),
        fc.option(fc.constantFrom('0.5', '2', '-1'), { nil: undefined }),
      )
      .map(([l, o, r, t]) => `[${l}, ${o}, ${r}${t === undefined ? '' : `, ${t}`}]`);
    const num = fc.constantFrom(
      '"a"',
      '"b"',
      '"close"',
      '"last_price"',
      '{feature_id: a, offset: 2}',
      '["a", "-", "b"]',
      '["close", "/", "a"]',
    );
    const numLit = fc.constantFrom('0', '1.5', '-2', '3');
    const valid = fc.oneof(
      fc
        .tuple(
          num,
          fc.constantFrom('">"', '">="', '"<"', '"<="', '"cross_above"', '"cross_below"'),
          fc.oneof(num, numLit),
        )
        .map(([l, o, r]) => `[${l}, ${o}, ${r}]`),
      fc
        .tuple(num, fc.constantFrom('"near_abs"', '"near_pct"'), num, fc.constantFrom('0.5', '2'))
        .map(([l, o, r, t]) => `[${l}, ${o}, ${r}, ${t}]`),
      fc
        .tuple(num, numLit, numLit)
        .map(([l, x, y]) => `[${l}, "between", [${Math.min(+x, +y)}, ${Math.max(+x, +y)}]]`),
      fc.constantFrom(
        '["ms.bias", "==", 1]',
        '["ms.bias", "in", [-1, 1]]',
        '["ms.bos_direction", "!=", "bearish"]',
        '["ms.bos_this_bar", "==", true]',
        '["position.side", "==", "long"]',
        '["position.entry_price", ">", 1]',
      ),
    );
    const cond = fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: hostile });
    const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        cond,
        fc.array(tie('e'), { minLength: 1, maxLength: 3 }).map((xs) => `{all: [${xs.join(', ')}]}`),
        fc.array(tie('e'), { minLength: 1, maxLength: 3 }).map((xs) => `{any: [${xs.join(', ')}]}`),
        tie('e').map((x) => `{not: ${x}}`),
        fc
          .tuple(fc.constantFrom('holds_for', 'occurred_within'), fc.integer({ min: 0, max: 6 }), tie('e'))
          .map(([w, n, x]) => `{${w}: {bars: ${n}, expr: ${x}}}`),
        fc
          .tuple(fc.integer({ min: 1, max: 4 }), tie('e'))
          .map(([n, x]) => `{count_true: {bars: 4, min_true: ${n}, expr: ${x}}}`),
        fc
          .tuple(fc.constantFrom('"3m"', '"1h"', '"0m"'), tie('e'))
          .map(([d, x]) => `{holds_for_duration: {duration: ${d}, expr: ${x}}}`),
      ),
    })).e;
    const header = `version: "3.0.0"
name: fz
symbol: BTCUSDT
timeframes: {low_tf: 15m, med_tf: 1h, high_tf: 4h, exec: low_tf}
account: {}
features:
  a: {indicator: ema, params: {length: 3}}
  b: {indicator: ema, params: {length: 3}, tf: 1h}
structures:
  exec:
    - {type: swing, key: swing, params: {left: 1, right: 1}}
    - {type: market_structure, key: ms, uses: swing}
position_policy: {exit_mode: first_hit}
risk: {stop_loss_pct: 2}
`;
    fc.assert(
      fc.property(expr, fc.integer({ min: 0, max: 1000 }), (e, salt) => {
        const r = assertWellBehaved(`${header}actions:\n  entry_long: ${e}\n`);
        if (r.play === undefined) return;
        const compiled = compilePlay(r.play);
        const ctx: EvalContext = {
          valueAt: (slot, t, offset) =>
            (slot * 31 + salt + Math.floor(t / 60_000) - offset) % 7 === 0
              ? Number.NaN
              : ((slot + salt + t / 60_000 - offset) % 5) - 2,
          position: (f) => (salt % 3 === 0 ? Number.NaN : f === 0 ? salt % 3 : 1.5),
        };
        for (let k = 1; k < 6; k++) {
          const v = compiled.blocks[0]!.cases[0]!.when(ctx, k * 15 * 60_000);
          expect([TRUE, FALSE, MISSING]).toContain(v);
        }
      }),
      { numRuns: 120 },
    );
  });
});
