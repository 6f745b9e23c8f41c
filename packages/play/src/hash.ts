import { hashCanonical } from '@trade/core';
import type { Play } from './model';

/**
 * The hashed part of a normalized play (§17): every section after variables, aliases and defaults, minus
 * `description`, `date_range`, `deploy`, `synthetic`, `expected` and `variables` (already applied). Loader
 * bookkeeping (field tables, warnings, file name) is not part of the play either.
 */
export function playHashInput(play: Play): Record<string, unknown> {
  return {
    version: play.version,
    id: play.id,
    name: play.name,
    symbol: play.symbol,
    timeframes: play.timeframes,
    account: play.account,
    backtest: play.backtest,
    // `features` is a map in the file: its key order is not meaningful (§1.1), so the hash sorts by id.
    features: [...play.features].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    structures: play.structures,
    setups: play.setups,
    actions: play.actions,
    position_policy: play.position_policy,
    entry: play.entry,
    risk_model: play.risk_model,
  };
}

/** `play_hash` of `engine.md` §10.3: H({kind: "play/v1", play: <normalized play>}). */
export function playHash(play: Play): string {
  return hashCanonical({ kind: 'play/v1', play: playHashInput(play) });
}
