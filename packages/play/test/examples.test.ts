import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compilePlay, findPlayFiles, loadPlay, parsePlay, playHash, validatePlayPaths } from '../src/index';

const HERE = dirname(fileURLToPath(import.meta.url));
const EXAMPLES = join(HERE, '..', '..', '..', 'plays', 'examples');
const SPEC = join(HERE, 'fixtures', 'spec');

describe('plays/examples', () => {
  const reports = validatePlayPaths([EXAMPLES]);

  it('holds at least 12 plays and every one validates', () => {
    expect(reports.length).toBeGreaterThanOrEqual(12);
    for (const r of reports)
      expect(r.errors, `${r.file}: ${r.diagnostics.map((d) => d.message).join('; ')}`).toBe(0);
  });

  it('compiles every example and covers every operator family, window and risk feature between them', () => {
    const compiled = reports.map((r) => compilePlay(r.play!));
    const text = findPlayFiles(EXAMPLES)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    for (const token of [
      '"cross_above"',
      '"cross_below"',
      '"between"',
      '"near_abs"',
      '"near_pct"',
      '"in"',
      '"=="',
      '"!="',
      'any:',
      'not:',
      'all:',
      'holds_for:',
      'occurred_within:',
      'count_true:',
      'holds_for_duration:',
      'occurred_within_duration:',
      'count_true_duration:',
      'anchor_tf:',
      'setup:',
      'offset:',
      '"-"',
      '"*"',
      '"/"',
      'order_type: LIMIT',
      'order_type: STOP',
      'order_type: STOP_LIMIT',
      'type: atr_multiple',
      'type: structure',
      'trailing:',
      'break_even:',
      'size_pct:',
      'mode: long_short',
      'type: fair_value_gap',
      'type: order_block',
      'type: liquidity_zones',
      'type: premium_discount',
      'type: fibonacci',
      'type: derived_zone',
      'position.',
    ]) {
      expect(text, token).toContain(token);
    }
    expect(compiled.some((c) => c.evalClock === '1m')).toBe(true);
    expect(compiled.some((c) => c.timeframes.length >= 3)).toBe(true);
  });

  it('gives every example a distinct id', () => {
    const ids = reports.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('the annotated examples of play-dsl.md §20', () => {
  for (const name of ['ex1_ema_cross.yml', 'ex2_mtf_bos_pullback.yml', 'ex3_bb_limit_ladder.yml']) {
    it(`${name} loads without diagnostics and compiles`, () => {
      const play = loadPlay(join(SPEC, name));
      expect(play.warnings).toEqual([]);
      const compiled = compilePlay(play);
      expect(compiled.blocks.length).toBeGreaterThan(0);
      expect(compiled.playHash).toBe(playHash(play));
    });
  }

  it('ex1 normalizes as the spec describes', () => {
    const play = loadPlay(join(SPEC, 'ex1_ema_cross.yml'));
    expect(play.timeframes.exec_tf).toBe('15m');
    expect(play.risk_model.stop_loss).toEqual({ type: 'percent', value: 3 });
    expect(play.risk_model.take_profit[0]).toMatchObject({ type: 'percent', value: 6, size_pct: 100 });
    expect(play.risk_model.sizing).toEqual({ model: 'percent_equity', value: 50 });
    expect(play.actions.map((b) => b.id)).toEqual(['entry_long', 'exit_long']);
    expect(play.account.fee_model).toEqual({ taker_bps: 5.5, maker_bps: 2 });
    const compiled = compilePlay(play);
    expect(compiled.evalClock).toBe('exec');
    expect(compiled.timeframes.map((t) => t.tf)).toEqual(['15m']);
  });

  it('ex2 resolves roles, structure TFs and the flip policy', () => {
    const play = loadPlay(join(SPEC, 'ex2_mtf_bos_pullback.yml'));
    expect(play.features.find((f) => f.id === 'ema_50_4h')!.tf).toBe('4h');
    expect(play.structures.map((s) => [s.key, s.tf])).toEqual([
      ['swing', '15m'],
      ['ms', '15m'],
      ['swing_1h', '1h'],
      ['trend_1h', '1h'],
    ]);
    expect(play.position_policy.allow_flip).toBe(true);
    expect(play.risk_model.stop_loss).toMatchObject({
      type: 'structure',
      structure_key: 'swing',
      buffer_pct: 0.1,
      value: 5,
    });
    expect(play.account.max_leverage).toBe(5);
    const compiled = compilePlay(play);
    expect(compiled.timeframes.map((t) => t.tf)).toEqual(['15m', '1h', '4h']);
    expect(compiled.slots.find((s) => s.id === 'ms' && s.field === 'bos_this_bar')!.lookbackBars).toBe(3);
  });

  it('ex3 applies variables before validation and keeps them out of the hash', () => {
    const text = readFileSync(join(SPEC, 'ex3_bb_limit_ladder.yml'), 'utf8');
    const play = parsePlay(text);
    expect(play.features.find((f) => f.id === 'bb')!.params.length).toBe(20);
    expect(play.entry).toMatchObject({
      order_type: 'LIMIT',
      limit_offset_pct: 0.15,
      time_in_force: 'GTC',
      expire_after_bars: 6,
    });
    expect(play.risk_model.take_profit.map((l) => [l.value, l.size_pct])).toEqual([
      [1, 40],
      [2, 40],
      [3.5, 20],
    ]);
    expect(play.risk_model.break_even).toEqual({ activation_pct: null, after_tp_leg: 1, offset_pct: 0.05 });
    expect(play.risk_model.tp_order_type).toBe('Limit');
    expect(play.synthetic).toMatchObject({ pattern: 'range_wide', seed: 3 });
    expect(play.expected).toEqual({ min_trades: 2, max_drawdown_pct: 20 });
    // The same play with literals instead of templates hashes identically.
    const literal = text
      .replace('"{{ bb_len }}"', '20')
      .replace('"{{ atr_len }}"', '14')
      .replace('"{{ offset_pct }}"', '0.15')
      .replace('"{{ sl_atr }}"', '1.5')
      .replace(/variables:\n( {2}.*\n)+/, '');
    expect(playHash(parsePlay(literal))).toBe(playHash(play));
    // An override changes the resolved value and the hash.
    const overridden = parsePlay(text, { variables: { bb_len: '30' } });
    expect(overridden.features.find((f) => f.id === 'bb')!.params.length).toBe(30);
    expect(playHash(overridden)).not.toBe(playHash(play));
  });

  it('play_hash ignores formatting, comments, key order outside actions/structures and excluded sections', () => {
    const text = readFileSync(join(SPEC, 'ex1_ema_cross.yml'), 'utf8');
    const a = parsePlay(text);
    const reordered = text
      .replace(
        'description: "Long-only EMA 9/21 cross on 15m with an RSI band filter."',
        'description: "changed"  # comment',
      )
      .replace(
        'synthetic: {pattern: trend_up_clean, bars: 2000, seed: 7}',
        'synthetic: {seed: 8, pattern: range_wide}',
      );
    expect(playHash(parsePlay(reordered))).toBe(playHash(a));
    const featuresSwapped = text.replace(
      '  ema_9:  {indicator: ema, params: {length: 9}}\n  ema_21: {indicator: ema, params: {length: 21}}',
      '  ema_21: {indicator: ema, params: {length: 21}}\n  ema_9:  {indicator: ema, params: {length: 9}}',
    );
    expect(featuresSwapped).not.toBe(text);
    expect(playHash(parsePlay(featuresSwapped))).toBe(playHash(a));
    const changed = text.replace('stop_loss_pct: 3', 'stop_loss_pct: 4');
    expect(playHash(parsePlay(changed))).not.toBe(playHash(a));
    const swappedActions = text.replace(/actions:\n([\s\S]*?)position_policy/, (_m, body: string) => {
      const [entry, exit] = body.split(/(?= {2}exit_long:)/);
      return `actions:\n${exit}${entry}position_policy`;
    });
    expect(playHash(parsePlay(swappedActions))).not.toBe(playHash(a));
  });
});
