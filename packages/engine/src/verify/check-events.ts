import { canonicalJson, MINUTE_MS, tfDurationMs } from '@trade/core';
import type { RunEvent } from '../runtime/run-recorder';
import { cell, field, fmt, onGrid, runCheck, text, type VerifyCheck } from './check';
import type { RunArtifacts } from './run-artifacts';

/** Fills at a price the exchange derives (trigger mark, bankruptcy price) rather than a tick-rounded order. */
const LIQUIDATION_FILLS: ReadonlySet<string> = new Set(['Liquidation', 'PartialLiquidation']);
/** Events that end an order's life. */
const ORDER_END_TYPES: ReadonlySet<string> = new Set(['order_cancelled', 'order_expired', 'order_rejected']);

const idNumber = (id: string) => Number(/(\d+)$/.exec(id)?.[1] ?? Number.NaN);

/** Checks of the event stream and order/position sequencing: INV-04, 06, 07, 08, 10, 12, 13, 15, 18, 21, EVT-01. */
export function eventChecks(a: RunArtifacts, exitMode: string | null): VerifyCheck[] {
  const { events, trades, result } = a;
  const fills = events.filter((e) => e.type === 'fill');
  const created = events.filter((e) => e.type === 'order_created');
  const entryOrders = new Map<string, RunEvent>();
  for (const e of created) if (e.role === 'entry') entryOrders.set(String(e.order_id), e);
  const step = result.evalClock === '1m' ? MINUTE_MS : tfDurationMs(result.execTf);
  const firstTick = result.simStart + step;
  const { tickSize, qtyStep, minQty, minNotional } = result.instrument;

  const evt01 = runCheck('EVT-01', 'events.jsonl lines', (f) => {
    const lines = a.eventsJsonl.split('\n');
    f.expect(lines.pop() === '', () => 'events.jsonl does not end with a newline');
    f.expect(lines.length === events.length, () => `${lines.length} lines, ${events.length} events`);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      f.expect(canonicalJson(JSON.parse(line)) === line, () => `line ${i + 1} is not canonical JSON`);
    }
    for (let i = 1; i < events.length; i++)
      f.expect(
        events[i]!.ts >= events[i - 1]!.ts,
        () => `seq ${events[i]!.seq}: ts ${events[i]!.ts} before the previous event's`,
      );
    return `${events.length} canonical lines in time order`;
  });

  const inv21 = runCheck('INV-21', 'fill count and seq', (f) => {
    for (let i = 0; i < events.length; i++)
      f.expect(events[i]!.seq === i + 1, () => `event ${i + 1} has seq ${events[i]!.seq}`);
    const implied = trades.reduce((s, t) => s + 1 + cell(t, 'exit_fills'), 0);
    f.expect(
      fills.length === implied,
      () => `${fills.length} fill events, trades.csv implies ${implied} (1 entry + exit_fills each)`,
    );
    const perPosition = new Map<string, number>();
    for (const e of fills)
      perPosition.set(String(e.position_id), (perPosition.get(String(e.position_id)) ?? 0) + 1);
    for (const t of trades) {
      const id = text(t, 'trade_id');
      const n = perPosition.get(id) ?? 0;
      f.expect(
        n === 1 + cell(t, 'exit_fills'),
        () => `${id}: ${n} fills, row says 1 + ${fmt(cell(t, 'exit_fills'))}`,
      );
    }
    return `seq 1..${events.length}; ${fills.length} fills = Σ(1 + exit_fills)`;
  });

  const inv04 = runCheck('INV-04', 'nothing before the first tick', (f) => {
    for (const e of created)
      f.expect(
        e.ts >= firstTick,
        () => `order ${String(e.order_id)} created at ${e.ts}, first tick ${firstTick}`,
      );
    for (const e of fills)
      f.expect(
        e.ts >= firstTick,
        () => `fill ${String(e.fill_id)} at ${e.ts}, earlier than sim_start + one clock step`,
      );
    return `${created.length} orders and ${fills.length} fills at or after the first tick ${firstTick}`;
  });

  const inv06 = runCheck('INV-06', 'market entries fill at their signal tick', (f) => {
    let n = 0;
    for (const e of created) {
      if (e.role !== 'entry' || e.order_type !== 'market') continue;
      const fill = fills.find((x) => x.order_id === e.order_id);
      if (fill === undefined) continue;
      n++;
      f.expect(
        fill.ts === e.ts,
        () => `market entry ${String(e.order_id)} created at ${e.ts} filled at ${fill.ts}`,
      );
    }
    return `${n} market entries filled in the 1m bar that opens at their tick`;
  });

  const inv07 = runCheck('INV-07', 'one position, one pending entry', (f) => {
    for (let i = 1; i < trades.length; i++)
      f.expect(
        cell(trades[i]!, 'entry_ts_ms') >= cell(trades[i - 1]!, 'exit_ts_ms'),
        () => `${text(trades[i]!, 'trade_id')} enters before ${text(trades[i - 1]!, 'trade_id')} exits`,
      );
    let open: string | null = null;
    const pending = new Set<string>();
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.type === 'position_opened') {
        f.expect(open === null, () => `${String(e.position_id)} opened while ${open} is open`);
        open = String(e.position_id);
      } else if (e.type === 'position_closed') open = null;
      else if (e.type === 'order_created' && e.role === 'entry') pending.add(String(e.order_id));
      else if ((e.type === 'fill' || ORDER_END_TYPES.has(e.type)) && e.order_id !== null)
        pending.delete(String(e.order_id));
      // A replaced entry is cancelled in the same instant as its successor is created: count at instant ends.
      if (events[i + 1]?.ts !== e.ts)
        f.expect(
          pending.size <= 1,
          () => `${pending.size} pending entry orders at ${e.ts}: ${[...pending].join(', ')}`,
        );
    }
    return `${trades.length} trades without overlap; at most one open position and one pending entry`;
  });

  const inv08 = runCheck('INV-08', 'trade order and ids', (f) => {
    for (let i = 0; i < trades.length; i++) {
      const t = trades[i]!;
      const id = text(t, 'trade_id');
      f.expect(cell(t, 'entry_ts_ms') <= cell(t, 'exit_ts_ms'), () => `${id}: entry after exit`);
      f.expect(idNumber(id) === i + 1, () => `row ${i + 1} has trade id ${id}`);
      if (i > 0)
        f.expect(
          cell(t, 'entry_ts_ms') >= cell(trades[i - 1]!, 'entry_ts_ms'),
          () => `${id}: not ordered by entry_ts`,
        );
    }
    return `${trades.length} trades ordered by entry, ids sequential`;
  });

  const inv10 = runCheck('INV-10', 'tick and qty grid', (f) => {
    for (const e of created) {
      for (const k of ['price', 'trigger'])
        if (Number.isFinite(field(e, k)))
          f.expect(
            onGrid(field(e, k), tickSize),
            () => `order ${String(e.order_id)}: ${k} ${fmt(field(e, k))} off tick ${tickSize}`,
          );
      f.expect(
        onGrid(field(e, 'qty'), qtyStep),
        () => `order ${String(e.order_id)}: qty ${fmt(field(e, 'qty'))} off step ${qtyStep}`,
      );
    }
    for (const e of fills) {
      const price = field(e, 'price');
      const qty = field(e, 'qty');
      if (!LIQUIDATION_FILLS.has(String(e.reason)))
        f.expect(
          onGrid(price, tickSize),
          () => `fill ${String(e.fill_id)}: price ${fmt(price)} off tick ${tickSize}`,
        );
      f.expect(onGrid(qty, qtyStep), () => `fill ${String(e.fill_id)}: qty ${fmt(qty)} off step ${qtyStep}`);
      if (entryOrders.has(String(e.order_id))) {
        f.expect(qty >= minQty, () => `opening fill ${String(e.fill_id)}: qty ${qty} < min_qty ${minQty}`);
        f.expect(
          qty * price >= minNotional,
          () => `opening fill ${String(e.fill_id)}: notional ${qty * price} < ${minNotional}`,
        );
      }
    }
    for (const e of events) {
      if (e.type === 'sl_moved')
        f.expect(
          onGrid(field(e, 'to'), tickSize),
          () => `sl_moved (seq ${e.seq}): ${fmt(field(e, 'to'))} off tick`,
        );
      if (e.type === 'position_opened' && Number.isFinite(field(e, 'sl')))
        f.expect(
          onGrid(field(e, 'sl'), tickSize),
          () => `${String(e.position_id)}: sl ${fmt(field(e, 'sl'))} off tick`,
        );
    }
    for (const t of trades) {
      const id = text(t, 'trade_id');
      f.expect(
        onGrid(cell(t, 'qty'), qtyStep),
        () => `${id}: qty ${fmt(cell(t, 'qty'))} off step ${qtyStep}`,
      );
      // One opening fill per position (INV-21), so the average entry is that fill's tick-rounded price.
      f.expect(
        onGrid(cell(t, 'entry_price'), tickSize),
        () => `${id}: entry_price ${fmt(cell(t, 'entry_price'))} off tick`,
      );
    }
    return `${created.length} orders, ${fills.length} fills and ${trades.length} trades on tick ${tickSize} / qty step ${qtyStep}`;
  });

  const inv12 = runCheck('INV-12', 'stops never loosen', (f) => {
    const sides = new Map<string, string>();
    let moves = 0;
    for (const e of events) {
      if (e.type === 'position_opened') sides.set(String(e.position_id), String(e.side));
      if (e.type !== 'sl_moved') continue;
      moves++;
      const from = field(e, 'from');
      const to = field(e, 'to');
      if (!Number.isFinite(from)) continue;
      const long = sides.get(String(e.position_id)) === 'long';
      f.expect(
        long ? to > from : to < from,
        () => `${String(e.position_id)}: SL moved from ${from} to ${to} (loosened)`,
      );
    }
    return `${moves} stop moves, each tighter`;
  });

  const inv13 = runCheck('INV-13', 'signal exits fill their own position', (f) => {
    let n = 0;
    for (const e of created) {
      if (e.role !== 'exit') continue;
      for (const fill of fills)
        if (fill.order_id === e.order_id) {
          n++;
          f.expect(
            fill.position_id === e.position_id,
            () =>
              `exit ${String(e.order_id)} issued for ${String(e.position_id)} filled ${String(fill.position_id)}`,
          );
        }
    }
    return `${n} signal-exit fills on the position they were issued for`;
  });

  const inv15 = runCheck('INV-15', 'funding only on an open position', (f) => {
    let open: { id: string; long: boolean; qty: number } | null = null;
    let n = 0;
    for (const e of events) {
      if (e.type === 'position_opened')
        open = { id: String(e.position_id), long: e.side === 'long', qty: field(e, 'qty') };
      else if (e.type === 'position_reduced' && open !== null) open.qty = field(e, 'qty_left');
      else if (e.type === 'position_closed') open = null;
      else if (e.type === 'funding') {
        n++;
        if (
          !f.expect(
            open !== null && open.id === e.position_id,
            () => `funding (seq ${e.seq}) without its open position`,
          )
        )
          continue;
        const amount = field(e, 'amount');
        const expected = (open!.long ? -1 : 1) * open!.qty * field(e, 'mark') * field(e, 'rate');
        f.expect(
          Math.abs(amount - expected) <= 1e-6 * Math.max(1, Math.abs(expected)) + 1e-8,
          () => `funding (seq ${e.seq}): amount ${fmt(amount)} ≠ ∓qty·mark·rate ${fmt(expected)}`,
        );
      }
    }
    return `${n} funding records, each on an open position with the sign rule`;
  });

  const inv18 = runCheck('INV-18', 'no signal exits under sl_tp_only', (f) => {
    if (exitMode !== 'sl_tp_only') return `exit_mode ${exitMode ?? 'unknown'}: nothing to check`;
    for (const t of trades)
      f.expect(
        text(t, 'exit_reason') !== 'signal',
        () => `${text(t, 'trade_id')} exits by signal under sl_tp_only`,
      );
    return 'no signal exit';
  });

  return [evt01, inv21, inv04, inv06, inv07, inv08, inv10, inv12, inv13, inv15, inv18];
}
