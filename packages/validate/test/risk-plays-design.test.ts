/**
 * Design check of the G4b risk-stop plays (`validation.md` §10): on each play's own synthetic data, the event the
 * play expects (`max_drawdown_hit` or `liquidated`) must come first by at least 45 minutes, and the pattern must
 * move against the position by at least 1.5 × the move that event needs. This is a first-order model of one
 * position held from the first tick to the end of data; the gate G4b runs the real engine. When a pattern,
 * a generator default or a margin formula changes and a play stops being a clear case, this test fails and names
 * the play to retune.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BTCUSDT_INSTRUMENT, type Candles, MINUTE_MS, tfDurationMs } from '@trade/core';
import { generateSynthetic } from '@trade/data';
import { syntheticRunPlan } from '@trade/engine';
import { computeSeries } from '@trade/indicators';
import { compilePlay, loadPlay, type Play } from '@trade/play';
import { floorQty, liquidationPrice, orderCost } from '@trade/sim-exchange';
import { describe, expect, it } from 'vitest';

const RISK_DIR = resolve(import.meta.dirname, '../../../plays/validation/risk');
/** Minimum lead of the expected event over the other one (`validation.md` §10). */
const MIN_LEAD_MS = 45 * MINUTE_MS;
/** Required ratio of the pattern's total adverse excursion to the move the expected event needs. */
const MIN_EXCURSION_RATIO = 1.5;

type Side = 'long' | 'short';

interface DesignOutcome {
  readonly side: Side;
  readonly entryPrice: number;
  readonly qty: number;
  readonly liqPrice: number | null;
  /** Close time of the first exec bar whose close equity breaches `max_drawdown_pct` (engine.md §9). */
  readonly drawdownAt: number | null;
  /** Open time of the first 1m bar whose adverse extreme reaches the liquidation price (sim-exchange.md §7.3). */
  readonly liquidationAt: number | null;
  /** Largest adverse price move after the entry, as a fraction of the entry price. */
  readonly adverseExcursion: number;
}

/** The same synthetic data the engine runs the play on (`runPlayBacktest`, `synthetic-data.md` §7.2–7.3). */
function playData(play: Play): { candles1m: Candles; exec: Candles; startMs: number; execMs: number } {
  const compiled = compilePlay(play);
  const execMs = tfDurationMs(compiled.execTf);
  if (play.synthetic === null) throw new Error(`${play.id}: a risk play needs a synthetic: block`);
  const plan = syntheticRunPlan(play, compiled);
  const ds = generateSynthetic(plan.options);
  const exec = ds.tfs.get(compiled.execTf);
  if (exec === undefined) throw new Error(`${play.id}: generator returned no ${compiled.execTf} series`);
  return { candles1m: ds.candles1m, exec, startMs: plan.window.start, execMs };
}

function indexOfTs(c: Candles, ts: number): number {
  for (let i = 0; i < c.length; i++) if (c.ts[i] === ts) return i;
  throw new Error(`no bar at ${new Date(ts).toISOString()}`);
}

/**
 * Side taken at the first tick: the mode's only side, or for the long/short plays the rule of §10 (long when the
 * close is below EMA 20, short when above), read from the exec bar that closes at the first tick.
 */
function firstSide(play: Play, exec: Candles, tickBar: number): Side {
  if (play.position_policy.mode === 'long_only') return 'long';
  if (play.position_policy.mode === 'short_only') return 'short';
  const ema = computeSeries('ema', { length: 20 }, exec).value;
  const close = exec.close[tickBar]!;
  const level = ema?.[tickBar];
  if (level === undefined || Number.isNaN(level))
    throw new Error(`${play.id}: EMA 20 missing at the first tick`);
  return close < level ? 'long' : 'short';
}

/** One position opened at the first tick and held: when would the drawdown rule and liquidation fire? */
function designOutcome(play: Play): DesignOutcome {
  const { candles1m: m, exec, startMs, execMs } = playData(play);
  const acct = play.account;
  const leverage = acct.max_leverage;
  const taker = acct.fee_model.taker_bps / 10_000;
  const slip = acct.slippage_bps / 10_000;
  const equity0 = acct.starting_equity_usdt;
  const firstTick = startMs + execMs;
  const tickBar = indexOfTs(exec, startMs);
  const side = firstSide(play, exec, tickBar);
  const dir = side === 'long' ? 1 : -1;

  // Sizing (play-dsl.md §15.6): percent_equity at the reference price (the exec close), then the affordability
  // cap (the largest qty whose order cost fits the equity), floored to the qty step.
  const ref = exec.close[tickBar]!;
  expect(play.risk_model.sizing.model, `${play.id}: sizing model`).toBe('percent_equity');
  const wanted = (equity0 * (play.risk_model.sizing.value / 100) * leverage) / ref;
  const unitCost = orderCost({ side, qty: 1, price: ref, leverage, takerFeeRate: taker }).orderCost;
  const qty = floorQty(Math.min(wanted, equity0 / unitCost), BTCUSDT_INSTRUMENT.qtyStep);

  // Market entry at the open of the 1m bar that starts at the first tick, taker slippage against us.
  const fillBar = indexOfTs(m, firstTick);
  const entryPrice = m.open[fillBar]! * (1 + dir * slip);
  const feeOpen = qty * entryPrice * taker;
  const liq = liquidationPrice({
    side,
    qty,
    entryPrice,
    leverage,
    marginExFeeToClose: (qty * entryPrice) / leverage,
    tiers: BTCUSDT_INSTRUMENT.riskTiers,
    tickSize: BTCUSDT_INSTRUMENT.tickSize,
  }).liqPrice;

  let liquidationAt: number | null = null;
  let drawdownAt: number | null = null;
  let worst = entryPrice;
  let peak = equity0;
  for (let i = fillBar; i < m.length; i++) {
    const adverse = side === 'long' ? m.low[i]! : m.high[i]!;
    worst = side === 'long' ? Math.min(worst, adverse) : Math.max(worst, adverse);
    if (liquidationAt === null && liq !== null && (side === 'long' ? adverse <= liq : adverse >= liq))
      liquidationAt = m.ts[i]!;
    const closeTime = m.ts[i]! + MINUTE_MS;
    if (drawdownAt === null && (closeTime - startMs) % execMs === 0) {
      const equity = equity0 - feeOpen + dir * qty * (m.close[i]! - entryPrice);
      peak = Math.max(peak, equity);
      if (((peak - equity) / peak) * 100 >= acct.max_drawdown_pct) drawdownAt = closeTime;
    }
  }
  return {
    side,
    entryPrice,
    qty,
    liqPrice: liq,
    drawdownAt,
    liquidationAt,
    adverseExcursion: Math.abs(worst - entryPrice) / entryPrice,
  };
}

const iso = (t: number | null) => (t === null ? 'never' : new Date(t).toISOString());

const riskPlays = readdirSync(RISK_DIR)
  .filter((f) => f.endsWith('.yml'))
  .sort();

describe('G4b risk plays: design check (validation.md §10)', () => {
  it('finds the nine risk plays', () => {
    expect(riskPlays.map((f) => f.slice(0, 10))).toEqual(
      Array.from({ length: 9 }, (_, i) => `V_RISK_00${i + 1}`),
    );
  });

  it.each(riskPlays)(
    '%s: expected event first by ≥ 45 min, adverse excursion ≥ 1.5 × needed move',
    (file) => {
      const play = loadPlay(join(RISK_DIR, file));
      const want = play.expected?.stop_reason;
      expect(want, `${play.id}: expected.stop_reason`).toMatch(/^(max_drawdown_hit|liquidated)$/);
      const o = designOutcome(play);
      const retune = `${play.id}: retune the play (pattern, leverage or max_drawdown_pct)`;
      const timeline = `${o.side} ${o.qty} @ ${o.entryPrice.toFixed(1)}, liq ${o.liqPrice}, drawdown at ${iso(o.drawdownAt)}, liquidation at ${iso(o.liquidationAt)}`;

      if (want === 'max_drawdown_hit') {
        expect(o.drawdownAt, `${retune}: the drawdown rule never fires (${timeline})`).not.toBeNull();
        if (o.liquidationAt !== null)
          expect(
            o.liquidationAt - (o.drawdownAt as number),
            `${retune}: drawdown does not lead liquidation by 45 min (${timeline})`,
          ).toBeGreaterThanOrEqual(MIN_LEAD_MS);
        // Price move that costs max_drawdown_pct of the equity at this notional (fees ignored, first order).
        const needed =
          ((play.account.max_drawdown_pct / 100) * play.account.starting_equity_usdt) /
          (o.qty * o.entryPrice);
        expect(
          o.adverseExcursion,
          `${retune}: adverse excursion ${(o.adverseExcursion * 100).toFixed(2)} % < 1.5 × ${(needed * 100).toFixed(2)} % (${timeline})`,
        ).toBeGreaterThanOrEqual(MIN_EXCURSION_RATIO * needed);
      } else {
        expect(o.liquidationAt, `${retune}: liquidation never fires (${timeline})`).not.toBeNull();
        if (o.drawdownAt !== null)
          expect(
            o.drawdownAt - (o.liquidationAt as number),
            `${retune}: liquidation does not lead the drawdown rule by 45 min (${timeline})`,
          ).toBeGreaterThanOrEqual(MIN_LEAD_MS);
        const needed = Math.abs((o.liqPrice as number) - o.entryPrice) / o.entryPrice;
        expect(
          o.adverseExcursion,
          `${retune}: adverse excursion ${(o.adverseExcursion * 100).toFixed(2)} % < 1.5 × ${(needed * 100).toFixed(2)} % (${timeline})`,
        ).toBeGreaterThanOrEqual(MIN_EXCURSION_RATIO * needed);
      }
    },
  );

  it('the long/short plays fade the first tick: V_RISK_008 opens long in its downtrend', () => {
    const o = designOutcome(loadPlay(join(RISK_DIR, 'V_RISK_008_longshort_drawdown.yml')));
    expect(o.side).toBe('long');
  });
});
