import type { MockAccount } from '../account/accounts';

/** Receives the order objects (REST `order/realtime` rows) of one state change, and its virtual time. */
export type OrderListener = (rows: readonly object[], creationTime: number) => void;

/**
 * Who listens to an account's order changes: the authenticated private connections of that account. Keyed by the
 * account object, which belongs to exactly one mock, so two mocks in one process never see each other's orders.
 */
const listeners = new WeakMap<MockAccount, Set<OrderListener>>();

/** Registers `listener` for `account`'s order changes; returns the unregister function. */
export function listenToOrders(account: MockAccount, listener: OrderListener): () => void {
  let set = listeners.get(account);
  if (set === undefined) {
    set = new Set();
    listeners.set(account, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

/**
 * Called by the order routes after orders were created or cancelled, with the rows REST would list for them; the
 * private connections turn them into one `order` push (`bybit-mock.md` §7.3). A no-op without listeners.
 */
export function publishOrders(account: MockAccount, rows: readonly object[], creationTime: number): void {
  if (rows.length === 0) return;
  for (const listener of listeners.get(account) ?? []) listener(rows, creationTime);
}
