import { isoTime } from '../artifacts/format';
import type { RunEvent } from '../runtime/run-recorder';
import { cell, field, fmt, near, nearRel, runCheck, text, type VerifyCheck } from './check';
import { CompensatedSum, compensatedSum } from './compensated-sum';
import type { RunArtifacts } from './run-artifacts';

const byType = (events: readonly RunEvent[], type: string) => events.filter((e) => e.type === type);

/** INV-01, INV-02, INV-03, INV-19 and the arithmetic of each trade row (ROW-01). */
export function moneyChecks(a: RunArtifacts): VerifyCheck[] {
  const { trades, equity, events, result } = a;
  const initial = result.initialEquity;
  const tol = 1e-9 * Math.max(1, initial);
  const fills = byType(events, 'fill');
  const funding = byType(events, 'funding');
  const last = equity[equity.length - 1];
  const finalEquity = last === undefined ? Number.NaN : cell(last, 'equity_usdt');

  const inv01 = runCheck('INV-01', 'equity identity', (f) => {
    const net = compensatedSum(trades.map((t) => cell(t, 'net_pnl_usdt')));
    const fund = compensatedSum(funding.map((e) => field(e, 'amount')));
    const diff = net + fund - (finalEquity - initial);
    f.expect(
      Math.abs(diff) <= tol,
      () =>
        `Σ net_pnl ${fmt(net)} + Σ funding ${fmt(fund)} ≠ final ${fmt(finalEquity)} − initial ${fmt(initial)} (diff ${fmt(diff)})`,
    );
    return `Σ net_pnl ${fmt(net)} + Σ funding ${fmt(fund)} = final − initial within ${tol.toExponential(0)}`;
  });

  const inv02 = runCheck('INV-02', 'fees on trades equal fill fees', (f) => {
    const tradeFees = compensatedSum(trades.map((t) => cell(t, 'fees_usdt')));
    const fillFees = compensatedSum(fills.map((e) => field(e, 'fee')));
    f.expect(
      Math.abs(tradeFees - fillFees) <= tol,
      () => `Σ trades.fees_usdt ${fmt(tradeFees)} ≠ Σ fill.fee ${fmt(fillFees)}`,
    );
    const perPosition = new Map<string, CompensatedSum>();
    for (const e of fills) {
      const id = String(e.position_id);
      perPosition.set(id, (perPosition.get(id) ?? new CompensatedSum()).add(field(e, 'fee')));
    }
    for (const t of trades) {
      const id = text(t, 'trade_id');
      const own = perPosition.get(id)?.value ?? 0;
      f.expect(
        near(cell(t, 'fees_usdt'), own, tol),
        () => `${id}: fees_usdt ${fmt(cell(t, 'fees_usdt'))} ≠ its fills' fees ${fmt(own)}`,
      );
      const split = cell(t, 'entry_fee_usdt') + cell(t, 'exit_fees_usdt');
      f.expect(
        near(cell(t, 'fees_usdt'), split, tol),
        () => `${id}: fees_usdt ≠ entry_fee_usdt + exit_fees_usdt`,
      );
    }
    if (last !== undefined)
      f.expect(
        near(cell(last, 'fees_cum_usdt'), fillFees, tol),
        () =>
          `last equity row fees_cum_usdt ${fmt(cell(last, 'fees_cum_usdt'))} ≠ Σ fill.fee ${fmt(fillFees)}`,
      );
    return `${fills.length} fills, Σ fee ${fmt(fillFees)} = Σ trades.fees_usdt`;
  });

  const inv03 = runCheck('INV-03', 'no loss beyond margin; wallet ledger', (f) => {
    // Wallet identity at every flat row: every booked amount up to that instant is in the wallet.
    const closed = [...trades].sort((x, y) => cell(x, 'exit_ts_ms') - cell(y, 'exit_ts_ms'));
    const fundSorted = [...funding].sort((x, y) => x.ts - y.ts);
    const booked = new CompensatedSum();
    let ti = 0;
    let fi = 0;
    let flatRows = 0;
    for (let r = 0; r < equity.length; r++) {
      const row = equity[r]!;
      // The last row is written at the stop instant, after every close and settlement of the run.
      const ts = r === equity.length - 1 ? Number.POSITIVE_INFINITY : cell(row, 'ts_ms');
      for (; ti < closed.length && cell(closed[ti]!, 'exit_ts_ms') < ts; ti++)
        booked.add(cell(closed[ti]!, 'net_pnl_usdt'));
      for (; fi < fundSorted.length && fundSorted[fi]!.ts < ts; fi++)
        booked.add(field(fundSorted[fi]!, 'amount'));
      const eq = cell(row, 'equity_usdt');
      f.expect(eq >= 0, () => `equity row ${cell(row, 'row')}: equity_usdt ${fmt(eq)} < 0`);
      if (text(row, 'position_side') !== 'flat') continue;
      flatRows++;
      const wallet = cell(row, 'wallet_usdt');
      f.expect(wallet >= 0, () => `equity row ${cell(row, 'row')}: flat wallet_usdt ${fmt(wallet)} < 0`);
      f.expect(
        near(wallet - initial, booked.value, tol),
        () =>
          `equity row ${cell(row, 'row')}: wallet − initial ${fmt(wallet - initial)} ≠ booked ${fmt(booked.value)}`,
      );
    }
    const liquidations = byType(events, 'liquidation');
    for (const t of trades) {
      if (text(t, 'exit_reason') !== 'liquidation') continue;
      const id = text(t, 'trade_id');
      const marginLoss = -(cell(t, 'realized_pnl_usdt') - cell(t, 'exit_fees_usdt'));
      const im = cell(t, 'initial_margin_usdt');
      f.expect(
        !(marginLoss > im + tol),
        () => `${id}: liquidation margin loss ${fmt(marginLoss)} exceeds the initial margin ${fmt(im)}`,
      );
      const ev = liquidations.find((e) => e.position_id === id);
      if (
        f.expect(ev !== undefined, () => `${id}: liquidated but no liquidation event`) &&
        cell(t, 'exit_fills') === 1
      )
        f.expect(
          near(marginLoss, field(ev!, 'loss'), tol),
          () => `${id}: margin loss ${fmt(marginLoss)} ≠ liquidation.loss ${fmt(field(ev!, 'loss'))}`,
        );
    }
    return `${equity.length} equity rows ≥ 0; wallet = initial + booked amounts on ${flatRows} flat rows`;
  });

  const row01 = runCheck('ROW-01', 'trade row arithmetic', (f) => {
    const closedEvents = new Map<string, RunEvent>();
    for (const e of byType(events, 'position_closed')) closedEvents.set(String(e.trade_id), e);
    for (const t of trades) {
      const id = text(t, 'trade_id');
      const net = cell(t, 'net_pnl_usdt');
      f.expect(
        near(net, cell(t, 'realized_pnl_usdt') - cell(t, 'fees_usdt'), tol),
        () =>
          `${id}: net_pnl_usdt ${fmt(net)} ≠ realized_pnl_usdt − fees_usdt ${fmt(cell(t, 'realized_pnl_usdt') - cell(t, 'fees_usdt'))}`,
      );
      f.expect(
        nearRel(cell(t, 'pnl_pct'), (net / cell(t, 'entry_notional_usdt')) * 100),
        () => `${id}: pnl_pct ≠ net / entry notional · 100`,
      );
      const im = cell(t, 'initial_margin_usdt');
      if (Number.isFinite(im) && im !== 0)
        f.expect(
          nearRel(cell(t, 'roi_pct'), (net / im) * 100),
          () => `${id}: roi_pct ≠ net / initial margin · 100`,
        );
      f.expect(
        text(t, 'entry_time') === isoTime(cell(t, 'entry_ts_ms')),
        () => `${id}: entry_time ≠ entry_ts_ms`,
      );
      f.expect(
        text(t, 'exit_time') === isoTime(cell(t, 'exit_ts_ms')),
        () => `${id}: exit_time ≠ exit_ts_ms`,
      );
      f.expect(
        cell(t, 'duration_minutes') === (cell(t, 'exit_ts_ms') - cell(t, 'entry_ts_ms')) / 60_000,
        () => `${id}: duration_minutes ≠ exit − entry`,
      );
      const ev = closedEvents.get(id);
      if (f.expect(ev !== undefined, () => `${id}: no position_closed event`)) {
        f.expect(
          ev!.net_pnl === net,
          () => `${id}: net_pnl_usdt ${fmt(net)} ≠ position_closed.net_pnl ${fmt(field(ev!, 'net_pnl'))}`,
        );
        f.expect(ev!.exit_reason === t.exit_reason, () => `${id}: exit_reason ≠ position_closed.exit_reason`);
      }
    }
    return `${trades.length} trade rows consistent with their fees, PnL, times and position_closed events`;
  });

  const inv19 = runCheck('INV-19', 'trade counts', (f) => {
    const m = result.metrics;
    f.expect(
      m.totalTrades === trades.length,
      () => `metrics.total_trades ${m.totalTrades} ≠ ${trades.length} rows`,
    );
    const sum = m.winCount + m.lossCount + m.breakevenTrades;
    f.expect(
      sum === m.totalTrades,
      () => `win ${m.winCount} + loss ${m.lossCount} + breakeven ${m.breakevenTrades} ≠ ${m.totalTrades}`,
    );
    const end = byType(events, 'run_end')[0];
    if (end !== undefined)
      f.expect(
        end.total_trades === trades.length,
        () => `run_end.total_trades ${String(end.total_trades)} ≠ ${trades.length} rows`,
      );
    return `${trades.length} trades = metrics.total_trades = win + loss + breakeven`;
  });

  return [inv01, inv02, inv03, row01, inv19];
}
