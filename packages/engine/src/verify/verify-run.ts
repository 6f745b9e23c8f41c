import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BacktestResult } from '../backtest/run-backtest';
import type { VerifyCheck } from './check';
import { artifactsFromResult, parseEventsJsonl, type RunArtifacts, resultView } from './run-artifacts';
import { checkRunArtifacts } from './run-checks';
import { equityRowsFromCsv, tradeRowsFromCsv } from './typed-rows';
import { VerifyError } from './verify-error';

/** Files a verification reads (report.html and play.yml are not hashed and carry no invariant). */
export const VERIFIED_FILES = [
  'result.json',
  'trades.csv',
  'equity.csv',
  'events.jsonl',
  'play.normalized.json',
] as const;

/** Reads a run folder into the form the checks take; E_VERIFY_MISSING / E_VERIFY_MALFORMED when it cannot. */
export function readRunFolder(folder: string): RunArtifacts {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new VerifyError('E_VERIFY_MISSING', `no run folder at ${folder}`, {
      file: folder,
      hint: 'pass the folder `trade backtest run` printed (artifacts/backtests/<play>/<SYMBOL>/<tag>_<hash>)',
    });
  }
  const read = (name: string) => {
    const path = join(folder, name);
    if (!existsSync(path)) {
      throw new VerifyError('E_VERIFY_MISSING', `${name} is missing from ${folder}`, {
        file: path,
        hint: `a run folder holds ${VERIFIED_FILES.join(', ')} (engine.md §11.1)`,
      });
    }
    return readFileSync(path, 'utf8');
  };
  const resultText = read('result.json');
  let resultDoc: unknown;
  try {
    resultDoc = JSON.parse(resultText);
  } catch (e) {
    throw new VerifyError('E_VERIFY_MALFORMED', `result.json is not JSON (${(e as Error).message})`, {
      file: join(folder, 'result.json'),
      hint: 'result.json must be the unedited file the engine wrote',
    });
  }
  const normalizedPlay = read('play.normalized.json');
  try {
    JSON.parse(normalizedPlay);
  } catch (e) {
    throw new VerifyError(
      'E_VERIFY_MALFORMED',
      `play.normalized.json is not JSON (${(e as Error).message})`,
      {
        file: join(folder, 'play.normalized.json'),
        hint: 'play.normalized.json is the canonical JSON of the normalized play',
      },
    );
  }
  const eventsJsonl = read('events.jsonl');
  return {
    result: resultView(resultDoc),
    trades: tradeRowsFromCsv(read('trades.csv')),
    equity: equityRowsFromCsv(read('equity.csv')),
    events: parseEventsJsonl(eventsJsonl),
    eventsJsonl,
    normalizedPlay,
  };
}

/**
 * Re-checks a finished run from its artifacts alone (`cli.md` §4.1 `trade backtest verify`): the hashes of
 * result.json recomputed from the files, and every invariant of `engine.md` §13 the files allow.
 */
export function verifyRun(folder: string): VerifyCheck[] {
  return checkRunArtifacts(readRunFolder(folder));
}

/** The same checks on an in-memory run (property tests; runs without an artifacts root). */
export function verifyBacktestResult(run: BacktestResult): VerifyCheck[] {
  return checkRunArtifacts(artifactsFromResult(run));
}
