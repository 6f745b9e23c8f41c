import type { FundingInput } from './input';

/** Funding totals in USDT (metrics.md §4 #44–46). */
export interface FundingStats {
  readonly total_funding_paid_usdt: number;
  readonly total_funding_received_usdt: number;
  readonly net_funding_usdt: number;
}

/** Splits signed funding cash flows into paid (reported positive) and received; net is their signed sum. */
export function fundingStats(funding: FundingInput): FundingStats {
  let paid = 0;
  let received = 0;
  let net = 0;
  for (let i = 0; i < funding.length; i++) {
    const entry = funding[i]!;
    const flow = typeof entry === 'number' ? entry : entry.cashFlow;
    net += flow;
    if (flow < 0) paid -= flow;
    else if (flow > 0) received += flow;
  }
  return { total_funding_paid_usdt: paid, total_funding_received_usdt: received, net_funding_usdt: net };
}
