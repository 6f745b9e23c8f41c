import type { MarketStore } from '../store/market-store';

/** `trade data vacuum` (`data.md` §10): CHECKPOINT then VACUUM on the writer. */
export async function vacuumStore(store: MarketStore): Promise<void> {
  await store.checkpoint();
  await store.runStatement('VACUUM');
  await store.checkpoint();
}

/**
 * `trade data cleanup` (`data.md` §10): drops `sync_state` and `gaps` rows whose series has no stored data.
 * Returns how many rows of each table were removed.
 */
export async function cleanupStore(store: MarketStore): Promise<{ sync_state: number; gaps: number }> {
  const orphan = (alias: string) => `NOT EXISTS (SELECT 1 FROM coverage_v c WHERE c.dataset = ${alias}.dataset
      AND c.symbol = ${alias}.symbol AND c.key = ${alias}.key)`;
  const result = await store.transaction(async (c) => {
    const state = await c.run(
      `DELETE FROM sync_state s WHERE s.dataset IN ('candles', 'mark', 'funding', 'oi') AND ${orphan('s')}`,
    );
    const gaps = await c.run(`DELETE FROM gaps g WHERE ${orphan('g')}`);
    return { sync_state: state.rowsChanged, gaps: gaps.rowsChanged };
  });
  await store.checkpoint();
  return result;
}
