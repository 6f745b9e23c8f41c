import { TradeError } from './errors';

/**
 * One row of an instrument's risk-limit table; field meanings follow Bybit `GET /v5/market/risk-limit`
 * (`sim-exchange.md` §3.1, §4).
 */
export interface RiskTier {
  /** Upper bound of position value (USDT, inclusive) for this tier. */
  readonly riskLimitValue: number;
  readonly maintenanceMarginRate: number;
  /** MM deduction (USDT) that makes the tiered maintenance margin continuous. */
  readonly mmDeduction: number;
  readonly maxLeverage: number;
}

/** Trading rules of one USDT perpetual (`sim-exchange.md` §3.1). */
export interface InstrumentSpec {
  readonly symbol: string;
  readonly tickSize: number;
  readonly minPrice: number;
  readonly maxPrice: number;
  readonly qtyStep: number;
  readonly minOrderQty: number;
  /** Limit / PostOnly orders. */
  readonly maxOrderQty: number;
  /** Market and conditional-market orders. */
  readonly maxMktOrderQty: number;
  /** USDT. */
  readonly minNotionalValue: number;
  readonly minLeverage: number;
  readonly maxLeverage: number;
  readonly leverageStep: number;
  /** Minutes; funding times are multiples of it since 00:00 UTC. */
  readonly fundingIntervalMin: number;
  readonly lowerFundingRate: number;
  readonly upperFundingRate: number;
  readonly riskTiers: readonly RiskTier[];
}

/** BTCUSDT risk tiers of `sim-exchange.md` §4.2 (Bybit "Margin Parameters"). */
export const BTCUSDT_RISK_TIERS: readonly RiskTier[] = Object.freeze(
  (
    [
      [2_000_000, 100, 0.005, 0],
      [2_600_000, 90, 0.0056, 1_200],
      [3_200_000, 80, 0.0063, 3_020],
      [3_800_000, 75, 0.0067, 4_300],
      [4_400_000, 70, 0.0071, 5_820],
      [5_000_000, 65, 0.0077, 8_460],
      [5_600_000, 55, 0.0091, 15_460],
      [8_500_000, 50, 0.01, 20_500],
      [10_000_000, 45, 0.013, 46_000],
      [14_000_000, 40, 0.015, 66_000],
      [20_000_000, 35, 0.016, 80_000],
      [28_000_000, 30, 0.02, 160_000],
      [38_000_000, 25, 0.025, 300_000],
      [50_000_000, 20, 0.029, 452_000],
      [55_000_000, 19, 0.03, 502_000],
      [60_000_000, 18, 0.035, 777_000],
      [65_000_000, 17, 0.036, 837_000],
      [70_000_000, 16, 0.038, 967_000],
      [75_000_000, 15, 0.04, 1_107_000],
      [80_000_000, 14, 0.045, 1_482_000],
    ] as const
  ).map(([riskLimitValue, maxLeverage, maintenanceMarginRate, mmDeduction]) =>
    Object.freeze({ riskLimitValue, maxLeverage, maintenanceMarginRate, mmDeduction }),
  ),
);

/** The default instrument when nothing was synced: the BTCUSDT fixture of `sim-exchange.md` §3.1 and §4.2. */
export const BTCUSDT_INSTRUMENT: InstrumentSpec = Object.freeze({
  symbol: 'BTCUSDT',
  tickSize: 0.1,
  minPrice: 0.1,
  maxPrice: 1_999_999.8,
  qtyStep: 0.001,
  minOrderQty: 0.001,
  maxOrderQty: 1190,
  maxMktOrderQty: 500,
  minNotionalValue: 5,
  minLeverage: 1,
  maxLeverage: 100,
  leverageStep: 0.01,
  fundingIntervalMin: 480,
  lowerFundingRate: -0.00375,
  upperFundingRate: 0.00375,
  riskTiers: BTCUSDT_RISK_TIERS,
});

const TIER_COLUMNS = ['risk_limit_value', 'max_leverage', 'mmr', 'mm_deduction'] as const;

/**
 * Parses the risk-tier CSV format of the shared data
 * (`tier,risk_limit_value,max_leverage,mmr,mm_deduction,imr`; `tier` and `imr` are informational).
 * Rows are returned in file order; errors name the file, line and column.
 */
export function parseRiskTiersCsv(text: string, source: { file?: string } = {}): RiskTier[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const at = TIER_COLUMNS.map((c) => header.indexOf(c));
  const fileDetail = source.file === undefined ? {} : { file: source.file };
  const missing = TIER_COLUMNS.filter((_, k) => at[k]! < 0);
  if (missing.length > 0) {
    throw new TradeError('E_TIERS_COLUMNS', `risk-tier CSV is missing column(s) ${missing.join(', ')}`, {
      ...fileDetail,
      line: 1,
      hint: `expected header tier,${TIER_COLUMNS.join(',')},imr`,
    });
  }
  const tiers: RiskTier[] = [];
  for (let l = 1; l < lines.length; l++) {
    const line = lines[l]!;
    if (line.trim() === '') continue;
    const cells = line.split(',');
    const values = at.map((k, j) => {
      const v = Number(cells[k]);
      if (cells[k] === undefined || cells[k]!.trim() === '' || !Number.isFinite(v)) {
        throw new TradeError('E_TIERS_VALUE', `line ${l + 1}: '${TIER_COLUMNS[j]}' is not a number`, {
          ...fileDetail,
          line: l + 1,
          path: TIER_COLUMNS[j]!,
          hint: 'every tier cell must be a decimal number',
        });
      }
      return v;
    });
    tiers.push({
      riskLimitValue: values[0]!,
      maxLeverage: values[1]!,
      maintenanceMarginRate: values[2]!,
      mmDeduction: values[3]!,
    });
  }
  return tiers;
}
