import { unitsToNumber, unitsToString } from '../formulas/exact';
import type { LedgerEntry, LedgerKind } from '../types';

/**
 * The wallet: realized cash only, in exact 1e-8 USDT units (§5.2–5.3). Every change is one entry; margin
 * allocation is not a ledger entry.
 */
export class Ledger {
  private readonly entries: LedgerEntry[] = [];
  walletUnits = 0n;

  book(seq: number, time: number, kind: LedgerKind, units: bigint, ref: string | null): void {
    this.walletUnits += units;
    this.entries.push({
      seq,
      time,
      kind,
      amount: unitsToNumber(units),
      amountString: unitsToString(units),
      units,
      balanceAfter: unitsToNumber(this.walletUnits),
      ref,
    });
  }

  all(): readonly LedgerEntry[] {
    return this.entries;
  }

  /** L1: the wallet equals the sum of all entries. */
  sumUnits(): bigint {
    let s = 0n;
    for (const e of this.entries) s += e.units;
    return s;
  }
}
