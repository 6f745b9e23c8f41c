import { readFileSync } from 'node:fs';
import { bench, describe } from 'vitest';
import { checkPlay, compilePlay, type EvalContext, parsePlay } from '../src/index';

/** Questions: how long does loading/compiling a play take, and what does one tick of evaluation cost? */
const spec = (name: string) =>
  readFileSync(new URL(`../test/fixtures/spec/${name}`, import.meta.url), 'utf8');
const EX2 = spec('ex2_mtf_bos_pullback.yml');
const EX3 = spec('ex3_bb_limit_ladder.yml');
const compiled = compilePlay(parsePlay(EX2));

/** A context with constant series: every slot reads a value derived from slot and time (no allocation). */
const ctx: EvalContext = {
  valueAt: (slot, t, offset) => ((slot * 7 + Math.floor(t / 900_000) - offset) % 5) - 1,
  position: () => Number.NaN,
};
let tick = 1_700_000_100_000;

describe('load and compile', () => {
  bench('checkPlay ex3 (variables, ladder, LIMIT entry)', () => {
    checkPlay(EX3);
  });
  bench('compilePlay ex2 (MTF, structures, setups, windows)', () => {
    compilePlay(compiled.play);
  });
});

describe('evaluate one tick', () => {
  bench('ex2: all blocks, all cases', () => {
    tick += 900_000;
    for (const block of compiled.blocks) for (const c of block.cases) c.when(ctx, tick);
  });
});
