import { hashCanonical } from '@trade/core';
import { equityHash, eventsHash, inputHash, runHash, tradesHash } from '../hashes/run-hashes';
import { runCheck, type VerifyCheck } from './check';
import type { RunArtifacts } from './run-artifacts';

/**
 * INV-20: every hash that the artifacts determine, recomputed with the engine's own hash functions and compared
 * with result.json. `data_hash` and `config_hash` need the consumed bars and the run config, which the folder
 * does not hold; `input_hash` is recomputed from them as recorded.
 */
export function hashChecks(a: RunArtifacts): VerifyCheck[] {
  const h = a.result.hashes;
  const trades = tradesHash(a.trades);
  const equity = equityHash(a.equity);
  const events = eventsHash(a.eventsJsonl);
  const compare = (name: string, recomputed: string, recorded: string, source: string) =>
    runCheck('INV-20', name, (f) => {
      f.expect(
        recomputed === recorded,
        () =>
          `${name} recomputed from ${source} is ${recomputed.slice(0, 12)}, result.json says ${recorded.slice(0, 12)}`,
      );
      return `${name} ${recorded.slice(0, 12)} matches ${source}`;
    });
  const checks = [
    compare('trades_hash', trades, h.trades_hash, 'trades.csv'),
    compare('equity_hash', equity, h.equity_hash, 'equity.csv'),
    compare('events_hash', events, h.events_hash, 'events.jsonl'),
    compare(
      'run_hash',
      runHash({
        engine_version: a.result.engineVersion,
        input_hash: h.input_hash,
        trades_hash: trades,
        equity_hash: equity,
        events_hash: events,
        stop_reason: a.result.stopReason,
      }),
      h.run_hash,
      'the recomputed artifact hashes',
    ),
    compare(
      'input_hash',
      inputHash({
        engine_version: a.result.engineVersion,
        play_hash: h.play_hash,
        data_hash: h.data_hash,
        config_hash: h.config_hash,
      }),
      h.input_hash,
      'play/data/config hashes',
    ),
  ];
  if (a.normalizedPlay !== null) {
    const play: unknown = JSON.parse(a.normalizedPlay);
    checks.push(
      compare('play_hash', hashCanonical({ kind: 'play/v1', play }), h.play_hash, 'play.normalized.json'),
    );
  }
  checks.push(
    runCheck('INV-20', 'run_start event', (f) => {
      const start = a.events[0];
      if (start === undefined || start.type !== 'run_start') {
        f.fail('the first event is not run_start');
        return '';
      }
      for (const key of ['play_hash', 'data_hash', 'config_hash'] as const)
        f.expect(start[key] === h[key], () => `run_start.${key} differs from result.json`);
      f.expect(start.engine_version === a.result.engineVersion, () => 'run_start.engine_version differs');
      f.expect(start.sim_start === a.result.simStart, () => 'run_start.sim_start differs from run.sim_start');
      f.expect(start.sim_end === a.result.simEnd, () => 'run_start.sim_end differs from run.sim_end');
      return 'run_start names the same play, data, config, engine and window as result.json';
    }),
  );
  return checks;
}
