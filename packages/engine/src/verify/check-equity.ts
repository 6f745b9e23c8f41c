import { tfDurationMs } from '@trade/core';
import { cell, field, fmt, near, nearRel, runCheck, text, type VerifyCheck } from './check';
import type { RunArtifacts } from './run-artifacts';

/** Event types that change the account or the book; none may follow the stop instant (`engine.md` §9). */
const ACTIVE_TYPES: ReadonlySet<string> = new Set([
  'fill',
  'funding',
  'order_created',
  'order_triggered',
  'position_opened',
  'signal',
  'sl_moved',
]);

/** INV-14 (equity rows), INV-16 (liquidation), INV-17 (max drawdown) and STOP-01 (nothing after the stop). */
export function equityChecks(a: RunArtifacts): VerifyCheck[] {
  const { equity, events, trades, result } = a;
  const tol = 1e-9 * Math.max(1, result.initialEquity);
  const execMs = tfDurationMs(result.execTf);
  const runEnd = events.find((e) => e.type === 'run_end');

  const inv14 = runCheck('INV-14', 'equity rows', (f) => {
    const first = equity[0];
    if (first === undefined) {
      f.fail('equity.csv has no rows');
      return '';
    }
    f.expect(text(first, 'kind') === 'start', () => `row 0 is '${text(first, 'kind')}', not 'start'`);
    f.expect(
      cell(first, 'ts_ms') === result.simStart,
      () => `row 0 ts ${cell(first, 'ts_ms')} ≠ sim_start ${result.simStart}`,
    );
    f.expect(
      cell(first, 'equity_usdt') === result.initialEquity,
      () => `row 0 equity ${fmt(cell(first, 'equity_usdt'))} ≠ initial ${result.initialEquity}`,
    );
    let bars = 0;
    for (let i = 1; i < equity.length; i++) {
      const row = equity[i]!;
      const kind = text(row, 'kind');
      const ts = cell(row, 'ts_ms');
      f.expect(cell(row, 'row') === i, () => `row ${i} is numbered ${fmt(cell(row, 'row'))}`);
      f.expect(ts > cell(equity[i - 1]!, 'ts_ms'), () => `row ${i}: ts ${ts} not after the previous row`);
      if (kind === 'bar') {
        bars++;
        f.expect(
          ts === result.simStart + bars * execMs,
          () => `row ${i}: bar row at ${ts} is not exec close #${bars}`,
        );
      } else
        f.expect(
          kind === 'partial' && i === equity.length - 1,
          () => `row ${i}: kind '${kind}' (only the last row may be 'partial')`,
        );
    }
    f.expect(bars === result.execBars, () => `${bars} bar rows, run.exec_bars says ${result.execBars}`);
    if (result.stopReason === 'end_of_data') {
      const expected = (result.simEnd - result.simStart) / execMs;
      f.expect(bars === expected, () => `${bars} bar rows, the window has ${expected} exec closes`);
    }
    const last = equity[equity.length - 1]!;
    const final = cell(last, 'equity_usdt');
    f.expect(
      cell(last, 'ts_ms') === result.stopTs,
      () => `last row ts ${cell(last, 'ts_ms')} ≠ stop_ts ${result.stopTs}`,
    );
    f.expect(
      text(last, 'position_side') === 'flat' && cell(last, 'position_qty') === 0,
      () =>
        `a position (${text(last, 'position_side')} ${fmt(cell(last, 'position_qty'))}) is open after the last row`,
    );
    if (runEnd !== undefined)
      f.expect(final === runEnd.final_equity, () => `last row equity ${fmt(final)} ≠ run_end.final_equity`);
    f.expect(
      near(final, result.metrics.finalEquity, tol),
      () => `last row equity ${fmt(final)} ≠ metrics.final_equity ${fmt(result.metrics.finalEquity)}`,
    );
    return `1 start + ${bars} bar${equity.length - 1 > bars ? ' + 1 partial' : ''} rows, final equity ${fmt(final)}`;
  });

  const inv16 = runCheck('INV-16', 'liquidation ends the run', (f) => {
    const liquidated = trades.filter((t) => text(t, 'exit_reason') === 'liquidation');
    const stopLiq = result.stopReason === 'liquidated';
    f.expect(
      liquidated.length === (stopLiq ? 1 : 0),
      () => `${liquidated.length} liquidated trades with stop_reason ${result.stopReason}`,
    );
    const t = liquidated[0];
    if (t === undefined) return stopLiq ? '' : 'no full liquidation';
    const id = text(t, 'trade_id');
    f.expect(t === trades[trades.length - 1], () => `${id} is liquidated but not the last trade`);
    const ev = events.find((e) => e.type === 'liquidation' && e.position_id === id);
    if (ev !== undefined && cell(t, 'exit_fills') === 1)
      f.expect(
        nearRel(cell(t, 'exit_price'), field(ev, 'bankruptcy_price')),
        () =>
          `${id}: exit_price ${fmt(cell(t, 'exit_price'))} ≠ bankruptcy price ${fmt(field(ev, 'bankruptcy_price'))}`,
      );
    if (ev !== undefined)
      for (const e of events)
        if (e.seq > ev.seq && ACTIVE_TYPES.has(e.type) && !(e.type === 'fill' && e.reason === 'Liquidation'))
          f.fail(`${e.type} (seq ${e.seq}) after the liquidation of ${id}`);
    return `${id} liquidated at its bankruptcy price; nothing after it`;
  });

  const inv17 = runCheck('INV-17', 'max drawdown stop', (f) => {
    const stops = events.filter((e) => e.type === 'drawdown_stop');
    const limit = result.maxDrawdownPct;
    if (result.stopReason !== 'max_drawdown_hit') {
      f.expect(stops.length === 0, () => `drawdown_stop event with stop_reason ${result.stopReason}`);
      return `not stopped by drawdown`;
    }
    const ev = stops[0];
    if (!f.expect(stops.length === 1, () => `${stops.length} drawdown_stop events`)) return '';
    f.expect(
      field(ev!, 'drawdown_pct') >= limit,
      () => `drawdown_stop at ${fmt(field(ev!, 'drawdown_pct'))} % < limit ${limit} %`,
    );
    f.expect(ev!.ts === result.stopTs, () => `drawdown_stop at ${ev!.ts}, stop_ts ${result.stopTs}`);
    for (const row of equity.slice(0, -1))
      if (text(row, 'kind') === 'bar' && cell(row, 'drawdown_pct') >= limit)
        f.fail(
          `bar row ${cell(row, 'row')} already breached the limit (${fmt(cell(row, 'drawdown_pct'))} %)`,
        );
    return `drawdown ${fmt(field(ev!, 'drawdown_pct'))} % ≥ ${limit} % first at the stop instant`;
  });

  const stop01 = runCheck('STOP-01', 'nothing after the stop instant', (f) => {
    const lastEvent = events[events.length - 1];
    if (!f.expect(lastEvent?.type === 'run_end', () => 'the last event is not run_end')) return '';
    f.expect(lastEvent!.ts === result.stopTs, () => `run_end at ${lastEvent!.ts}, stop_ts ${result.stopTs}`);
    f.expect(
      lastEvent!.stop_reason === result.stopReason,
      () => `run_end.stop_reason ${String(lastEvent!.stop_reason)} ≠ ${result.stopReason}`,
    );
    for (const e of events) {
      if (!ACTIVE_TYPES.has(e.type)) continue;
      if (e.ts > result.stopTs)
        f.fail(`${e.type} (seq ${e.seq}) at ${e.ts}, after the stop at ${result.stopTs}`);
    }
    for (const t of trades)
      f.expect(
        cell(t, 'exit_ts_ms') <= result.stopTs,
        () => `${text(t, 'trade_id')} exits at ${cell(t, 'exit_ts_ms')}, after the stop at ${result.stopTs}`,
      );
    return `stop ${result.stopReason} at ${result.stopTs}; run_end last`;
  });

  return [inv14, inv16, inv17, stop01];
}
