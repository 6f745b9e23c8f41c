import type { ImportKind } from './import-types';

/** Accepted header names per logical column (`data.md` §8.2 step 2), matched case-insensitively. */
export const TIME_COLUMNS = [
  'ts',
  'timestamp',
  'start',
  'starttime',
  'open_time',
  'time',
  'date',
  'settlement_ms',
  'settlement_ts_utc',
  'fundingratetimestamp',
];

export interface ColumnRule {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
}

export const KIND_COLUMNS: Readonly<Record<ImportKind, readonly ColumnRule[]>> = {
  candles: [
    { name: 'open', aliases: ['open'], required: true },
    { name: 'high', aliases: ['high'], required: true },
    { name: 'low', aliases: ['low'], required: true },
    { name: 'close', aliases: ['close'], required: true },
    { name: 'volume', aliases: ['volume'], required: true },
    { name: 'turnover', aliases: ['turnover'], required: false },
  ],
  mark: [
    { name: 'open', aliases: ['open'], required: true },
    { name: 'high', aliases: ['high'], required: true },
    { name: 'low', aliases: ['low'], required: true },
    { name: 'close', aliases: ['close'], required: true },
  ],
  funding: [
    { name: 'rate', aliases: ['rate', 'funding_rate', 'fundingrate', 'funding rate'], required: true },
    { name: 'interval_hours', aliases: ['interval_hours'], required: false },
    { name: 'interval_min', aliases: ['interval_min'], required: false },
  ],
  oi: [{ name: 'oi', aliases: ['oi', 'openinterest', 'open_interest'], required: true }],
  risk_tiers: [
    { name: 'tier_id', aliases: ['tier', 'tier_id', 'id'], required: true },
    {
      name: 'risk_limit_value',
      aliases: ['risk_limit_usdt', 'risklimitvalue', 'risk_limit_value'],
      required: true,
    },
    { name: 'mmr', aliases: ['maintenance_margin_rate', 'maintenancemargin', 'mmr'], required: true },
    {
      name: 'mm_deduction',
      aliases: ['maintenance_margin_deduction_usdt', 'mmdeduction', 'mm_deduction'],
      required: true,
    },
    { name: 'max_leverage', aliases: ['max_leverage', 'maxleverage'], required: true },
    { name: 'imr', aliases: ['initial_margin_rate', 'initialmargin', 'imr'], required: false },
  ],
};

/** Maps logical columns to the file's actual header names; lists required ones that are missing. */
export function matchColumns(
  header: readonly string[],
  rules: readonly ColumnRule[],
): { found: Record<string, string>; missing: string[] } {
  const byLower = new Map(header.map((h) => [h.trim().toLowerCase(), h] as const));
  const found: Record<string, string> = {};
  const missing: string[] = [];
  for (const rule of rules) {
    const hit = rule.aliases.map((a) => byLower.get(a)).find((h) => h !== undefined);
    if (hit !== undefined) found[rule.name] = hit;
    else if (rule.required) missing.push(`${rule.name} (${rule.aliases.join('|')})`);
  }
  return { found, missing };
}

export function findTimeColumn(header: readonly string[], explicit?: string): string | undefined {
  if (explicit !== undefined) return header.find((h) => h.toLowerCase() === explicit.toLowerCase());
  const byLower = new Map(header.map((h) => [h.trim().toLowerCase(), h] as const));
  return TIME_COLUMNS.map((c) => byLower.get(c)).find((h) => h !== undefined);
}
