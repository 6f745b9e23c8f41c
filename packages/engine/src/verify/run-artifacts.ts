import { canonicalJson, isTimeframe, type Timeframe } from '@trade/core';
import type { BacktestResult } from '../backtest/run-backtest';
import type { RunEvent } from '../runtime/run-recorder';
import { type TypedRow, typedRowsFromMemory } from './typed-rows';
import { VerifyError } from './verify-error';

/** The part of result.json the checks read (`engine.md` §11.2). */
export interface ResultView {
  readonly engineVersion: string;
  readonly simStart: number;
  readonly simEnd: number;
  readonly execTf: Timeframe;
  readonly evalClock: 'exec' | '1m';
  readonly execBars: number;
  readonly instrument: {
    readonly tickSize: number;
    readonly qtyStep: number;
    readonly minQty: number;
    readonly minNotional: number;
  };
  readonly initialEquity: number;
  readonly maxDrawdownPct: number;
  readonly stopReason: string;
  readonly stopTs: number;
  readonly metrics: {
    readonly totalTrades: number;
    readonly winCount: number;
    readonly lossCount: number;
    readonly breakevenTrades: number;
    readonly finalEquity: number;
  };
  readonly hashes: Readonly<Record<HashName, string>>;
}

export const HASH_NAMES = [
  'play_hash',
  'data_hash',
  'config_hash',
  'input_hash',
  'trades_hash',
  'equity_hash',
  'events_hash',
  'run_hash',
] as const;
export type HashName = (typeof HASH_NAMES)[number];

/** Everything a verification reads: from a run folder or from an in-memory `BacktestResult`. */
export interface RunArtifacts {
  readonly result: ResultView;
  readonly trades: readonly TypedRow[];
  readonly equity: readonly TypedRow[];
  readonly events: readonly RunEvent[];
  /** events.jsonl exactly as written (its SHA-256 is `events_hash`). */
  readonly eventsJsonl: string;
  /** play.normalized.json as written; null when not available. */
  readonly normalizedPlay: string | null;
}

function malformed(path: string, what: string): VerifyError {
  return new VerifyError('E_VERIFY_MALFORMED', `result.json: ${path} ${what}`, {
    file: 'result.json',
    path,
    hint: 'result.json must be the unedited file the engine wrote (engine.md §11.2)',
  });
}

function at(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') throw malformed(path, 'is missing');
    v = (v as Record<string, unknown>)[key];
  }
  if (v === undefined) throw malformed(path, 'is missing');
  return v;
}

function num(doc: unknown, path: string): number {
  const v = at(doc, path);
  if (typeof v !== 'number' || !Number.isFinite(v)) throw malformed(path, `is not a number (${String(v)})`);
  return v;
}

function str(doc: unknown, path: string): string {
  const v = at(doc, path);
  if (typeof v !== 'string') throw malformed(path, `is not a string (${String(v)})`);
  return v;
}

/** Reads and shape-checks the fields of result.json the checks use; throws E_VERIFY_MALFORMED naming the key. */
export function resultView(doc: unknown): ResultView {
  const execTf = str(doc, 'run.exec_tf');
  if (!isTimeframe(execTf)) throw malformed('run.exec_tf', `is not a timeframe ('${execTf}')`);
  const evalClock = str(doc, 'run.eval_clock');
  if (evalClock !== 'exec' && evalClock !== '1m') throw malformed('run.eval_clock', `is '${evalClock}'`);
  const hashes = {} as Record<HashName, string>;
  for (const h of HASH_NAMES) hashes[h] = str(doc, `hashes.${h}`);
  return {
    engineVersion: str(doc, 'run.engine_version'),
    simStart: num(doc, 'run.sim_start'),
    simEnd: num(doc, 'run.sim_end'),
    execTf,
    evalClock,
    execBars: num(doc, 'run.exec_bars'),
    instrument: {
      tickSize: num(doc, 'market.instrument.tick_size'),
      qtyStep: num(doc, 'market.instrument.qty_step'),
      minQty: num(doc, 'market.instrument.min_qty'),
      minNotional: num(doc, 'market.instrument.min_notional'),
    },
    initialEquity: num(doc, 'account.initial_equity_usdt'),
    maxDrawdownPct: num(doc, 'account.max_drawdown_pct'),
    stopReason: str(doc, 'stop.stop_reason'),
    stopTs: num(doc, 'stop.stop_ts'),
    metrics: {
      totalTrades: num(doc, 'metrics.total_trades'),
      winCount: num(doc, 'metrics.win_count'),
      lossCount: num(doc, 'metrics.loss_count'),
      breakevenTrades: num(doc, 'metrics.breakeven_trades'),
      finalEquity: num(doc, 'metrics.final_equity'),
    },
    hashes,
  };
}

/** Parses events.jsonl; every line must be a JSON object with numeric `seq`, `ts` and a string `type`. */
export function parseEventsJsonl(text: string, file = 'events.jsonl'): RunEvent[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line, i) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new VerifyError(
        'E_VERIFY_MALFORMED',
        `${file}: line ${i + 1} is not JSON (${(e as Error).message})`,
        {
          file,
          line: i + 1,
          hint: 'one canonical JSON object per line (engine.md §11.6)',
        },
      );
    }
    const ev = value as Partial<RunEvent> | null;
    if (
      ev === null ||
      typeof ev !== 'object' ||
      typeof ev.seq !== 'number' ||
      typeof ev.ts !== 'number' ||
      typeof ev.type !== 'string'
    ) {
      throw new VerifyError('E_VERIFY_MALFORMED', `${file}: line ${i + 1} lacks a numeric seq/ts or a type`, {
        file,
        line: i + 1,
        hint: 'every event is {seq, ts, type, ...} (engine.md §11.6)',
      });
    }
    return ev as RunEvent;
  });
}

/** The artifacts of an in-memory run, exactly as they would be written (no disk round trip). */
export function artifactsFromResult(run: BacktestResult): RunArtifacts {
  const eventsJsonl = run.files['events.jsonl'] ?? run.events.map((e) => `${canonicalJson(e)}\n`).join('');
  return {
    result: resultView({ ...run.result }),
    trades: typedRowsFromMemory(run.trades),
    equity: typedRowsFromMemory(run.equity),
    events: run.events,
    eventsJsonl,
    normalizedPlay: run.files['play.normalized.json'] ?? null,
  };
}
