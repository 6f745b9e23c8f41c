import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type IndicatorMeta, listIndicators } from '@trade/indicators';
import {
  type CondNode,
  type Expr,
  isArithNode,
  isRange,
  isRefNode,
  loadPlay,
  type Operand,
  type Play,
} from '@trade/play';
import { describe, expect, it } from 'vitest';

/**
 * G12 coverage (validation.md §7.6): the indicator suite must read every registered indicator, every output of a
 * multi-output indicator (INT outputs through `==`), and follow the id rule `IND_<nnn>_<indicator>_<idea>`.
 * The registry is the source of truth, so a new indicator without a play fails here, not silently in G12.
 */

const SUITE_DIR = resolve(import.meta.dirname, '../../../plays/validation/indicators');

/** One `<indicator>.<output>` read by a play's conditions, with the operators it was read through. */
type Reads = Map<string, Set<CondNode['op']>>;

interface SuitePlay {
  readonly stem: string;
  readonly play: Play;
  readonly reads: Reads;
}

function operandRefs(x: Operand | undefined, out: Operand[]): void {
  if (x === undefined || typeof x !== 'object') return;
  if (isRefNode(x)) out.push(x);
  else if (isArithNode(x)) {
    operandRefs(x.a, out);
    operandRefs(x.b, out);
  }
}

function walk(expr: Expr, visit: (c: CondNode) => void): void {
  switch (expr.kind) {
    case 'cond':
      visit(expr);
      return;
    case 'all':
    case 'any':
      for (const child of expr.children) walk(child, visit);
      return;
    case 'not':
      walk(expr.child, visit);
      return;
    case 'window':
      walk(expr.expr, visit);
      return;
    case 'setup':
      return; // setups are walked once each from play.setups
  }
}

/** Every (indicator, output) pair the play's conditions (action cases and setups) read, keyed `indicator.output`. */
function indicatorReads(play: Play): Reads {
  const indicatorOf = new Map(play.features.map((f) => [f.id, f.indicator]));
  const reads: Reads = new Map();
  const visit = (c: CondNode): void => {
    const refs: Operand[] = [];
    operandRefs(c.lhs, refs);
    const rhs = c.rhs;
    if (isRange(rhs)) {
      operandRefs(rhs.low, refs);
      operandRefs(rhs.high, refs);
    } else if (!Array.isArray(rhs)) operandRefs(rhs as Operand, refs); // an `in` list holds literals only
    for (const ref of refs) {
      if (!isRefNode(ref)) continue;
      const indicator = indicatorOf.get(ref.id);
      if (indicator === undefined) continue; // built-in, structure or position ref
      const key = `${indicator}.${ref.field}`;
      const ops = reads.get(key) ?? new Set<CondNode['op']>();
      ops.add(c.op);
      reads.set(key, ops);
    }
  };
  for (const setup of Object.values(play.setups)) walk(setup, visit);
  for (const block of play.actions) for (const c of block.cases) walk(c.when, visit);
  return reads;
}

/** What the suite fails to cover, one line per gap; empty when complete. */
function coverageGaps(registry: readonly IndicatorMeta[], plays: readonly SuitePlay[]): string[] {
  const all: Reads = new Map();
  for (const p of plays)
    for (const [key, ops] of p.reads) all.set(key, new Set([...(all.get(key) ?? []), ...ops]));
  const gaps: string[] = [];
  for (const meta of registry) {
    const read = meta.outputs.filter((o) => all.has(`${meta.name}.${o.key}`));
    if (read.length === 0) {
      gaps.push(`indicator ${meta.name}: no play reads it`);
      continue;
    }
    if (meta.outputs.length === 1) continue;
    for (const o of meta.outputs) {
      const ops = all.get(`${meta.name}.${o.key}`);
      if (ops === undefined) gaps.push(`output ${meta.name}.${o.key}: no play reads it`);
      else if (o.type === 'INT' && !ops.has('=='))
        gaps.push(
          `output ${meta.name}.${o.key} (INT): read only through ${[...ops].join(', ')}, never through ==`,
        );
    }
  }
  return gaps;
}

const ID = /^IND_(\d{3})_([a-z0-9_]+)$/;

/** The registry name the id names: the longest one followed by `_<idea>` (so `anchored_vwap` beats `vwap`). */
function indicatorInId(rest: string, names: readonly string[]): string | undefined {
  return names
    .filter((n) => rest.startsWith(`${n}_`) && rest.length > n.length + 1)
    .sort((a, b) => b.length - a.length)[0];
}

/** Id-rule violations, one line each: pattern, play id = file stem, unique gap-free nnn, indicator used. */
function idProblems(plays: readonly SuitePlay[], names: readonly string[]): string[] {
  const problems: string[] = [];
  const byNumber = new Map<number, string[]>();
  for (const { stem, play, reads } of plays) {
    if (play.id !== stem) problems.push(`${stem}: play id '${play.id}' differs from the file name`);
    const m = ID.exec(stem);
    if (m === null) {
      problems.push(`${stem}: id does not match IND_<nnn>_<indicator>_<idea>`);
      continue;
    }
    const n = Number(m[1]);
    byNumber.set(n, [...(byNumber.get(n) ?? []), stem]);
    const named = indicatorInId(m[2]!, names);
    if (named === undefined) problems.push(`${stem}: no registered indicator named in the id`);
    else if (![...reads.keys()].some((k) => k.startsWith(`${named}.`)))
      problems.push(`${stem}: names ${named} but its conditions never read a ${named} feature`);
  }
  for (const [n, stems] of byNumber)
    if (stems.length > 1) problems.push(`nnn ${String(n).padStart(3, '0')} used by ${stems.join(', ')}`);
  for (let n = 1; n <= Math.max(0, ...byNumber.keys()); n++)
    if (!byNumber.has(n))
      problems.push(`nnn ${String(n).padStart(3, '0')} missing (numbers must be gap-free from 001)`);
  return problems;
}

function loadSuite(): SuitePlay[] {
  const files = readdirSync(SUITE_DIR)
    .filter((f) => f.endsWith('.yml'))
    .sort();
  return files.map((file) => {
    const play = loadPlay(join(SUITE_DIR, file));
    return { stem: file.slice(0, -'.yml'.length), play, reads: indicatorReads(play) };
  });
}

describe('indicator suite (G12) coverage', () => {
  const registry = listIndicators();
  const names = registry.map((m) => m.name);
  const suite = loadSuite();

  it('has plays and every one loads strictly', () => {
    expect(suite.length).toBeGreaterThan(0);
    for (const p of suite) expect(p.play.features.length, p.stem).toBeGreaterThan(0);
  });

  it('reads every registered indicator and every output of a multi-output indicator', () => {
    expect(registry.length).toBeGreaterThanOrEqual(44);
    expect(coverageGaps(registry, suite), 'uncovered indicators/outputs').toEqual([]);
  });

  it('names each play IND_<nnn>_<indicator>_<idea> with unique gap-free nnn and an indicator the play reads', () => {
    expect(idProblems(suite, names), 'id rule violations').toEqual([]);
  });

  it('follows the common validation-play rules of validation.md §7.1', () => {
    const problems: string[] = [];
    for (const { stem, play } of suite) {
      const tf = play.timeframes;
      const a = play.account;
      if (play.symbol !== 'BTCUSDT') problems.push(`${stem}: symbol ${play.symbol}`);
      if (`${tf.low_tf}/${tf.med_tf}/${tf.high_tf}/${tf.exec}` !== '15m/1h/D/low_tf')
        problems.push(`${stem}: timeframes ${tf.low_tf}/${tf.med_tf}/${tf.high_tf} exec ${tf.exec}`);
      if (a.starting_equity_usdt !== 10000 || a.fee_model.taker_bps !== 5.5 || a.fee_model.maker_bps !== 2)
        problems.push(`${stem}: account equity/fees differ from 10000 / 5.5 / 2.0`);
      if (a.slippage_bps !== 2) problems.push(`${stem}: slippage ${a.slippage_bps} bps`);
      if (play.synthetic === null) problems.push(`${stem}: no synthetic block`);
      if ((play.expected?.min_trades ?? 0) < 1) problems.push(`${stem}: expected.min_trades < 1`);
      if (play.description.trim() === '') problems.push(`${stem}: empty description`);
    }
    expect(problems).toEqual([]);
  });

  // The checks above pass on the committed suite; these prove they can fail, and name what is missing.
  describe('the checks report what is missing', () => {
    it('an indicator no play reads', () => {
      const withoutRsi = suite.filter((p) => ![...p.reads.keys()].some((k) => k.startsWith('rsi.')));
      expect(coverageGaps(registry, withoutRsi)).toEqual(['indicator rsi: no play reads it']);
    });

    it('one output of a multi-output indicator no play reads', () => {
      const withoutHistogram = suite.filter((p) => !p.reads.has('macd.histogram'));
      expect(coverageGaps(registry, withoutHistogram)).toEqual(['output macd.histogram: no play reads it']);
    });

    it('an INT output read only through a threshold', () => {
      const thresholdOnly = suite.map((p) => {
        const ops = p.reads.get('supertrend.direction');
        if (ops === undefined) return p;
        const reads: Reads = new Map(p.reads);
        reads.set('supertrend.direction', new Set(['>=']));
        return { ...p, reads };
      });
      expect(coverageGaps(registry, thresholdOnly)).toEqual([
        'output supertrend.direction (INT): read only through >=, never through ==',
      ]);
    });

    it('a gap in the numbering, a duplicate number and an id naming an unused indicator', () => {
      const reading = (pair: string): SuitePlay => {
        const p = suite.find((q) => q.reads.has(pair) && q.reads.size === 1);
        if (p === undefined) throw new Error(`no play reads only ${pair}`);
        return p;
      };
      const renamed = (p: SuitePlay, stem: string): SuitePlay => ({
        ...p,
        stem,
        play: { ...p.play, id: stem },
      });
      const problems = idProblems(
        [
          renamed(reading('ema.value'), 'IND_001_ema_x'),
          renamed(reading('sma.value'), 'IND_001_ema_y'),
          renamed(reading('wma.value'), 'IND_004_rsi_z'),
        ],
        names,
      );
      expect(problems).toContain('nnn 001 used by IND_001_ema_x, IND_001_ema_y');
      expect(problems).toContain('nnn 002 missing (numbers must be gap-free from 001)');
      expect(problems).toContain('IND_001_ema_y: names ema but its conditions never read a ema feature');
      expect(problems).toContain('IND_004_rsi_z: names rsi but its conditions never read a rsi feature');
    });
  });
});
