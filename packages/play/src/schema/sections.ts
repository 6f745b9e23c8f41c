import { z } from 'zod';

/**
 * zod schemas of the plain sections (§2, §3, §6, §13, §14, §16). Conditions, features, structures and risk
 * are checked by hand because their diagnostics depend on the catalogue and on other sections.
 */

const finite = () => z.number().refine(Number.isFinite, { message: 'must be a finite number' });
const issue = (code: string, message: string, hint?: string) => ({
  message,
  params: { code, ...(hint ? { hint } : {}) },
});

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/;

export const TOP_LEVEL_KEYS = [
  'version',
  'name',
  'id',
  'description',
  'symbol',
  'symbol_universe',
  'date_range',
  'variables',
  'timeframes',
  'account',
  'backtest',
  'deploy',
  'risk_limits',
  'features',
  'structures',
  'setups',
  'actions',
  'position_policy',
  'entry',
  'risk',
  'risk_model',
  'synthetic',
  'validation',
  'expected',
] as const;

/** Removed top-level keys and what replaces them (§2). */
export const REMOVED_TOP_LEVEL: Readonly<Record<string, string>> = {
  blocks: 'actions',
  signal_rules: 'actions',
  exec_tf: 'timeframes (exec: low_tf|med_tf|high_tf)',
  tf_mapping: 'timeframes',
};

export const accountSchema = z.strictObject({
  starting_equity_usdt: finite().gt(0).default(10000),
  max_leverage: finite()
    .min(1)
    .max(200)
    .refine(
      (v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-9,
      issue('E_RANGE', 'max_leverage must be a multiple of 0.01'),
    )
    .optional(),
  max_drawdown_pct: finite().gt(0).max(100).optional(),
  margin_mode: z
    .string()
    .refine(
      (v) => v !== 'isolated',
      issue('E_REMOVED_KEY', "'isolated' is no longer supported", "use 'isolated_usdt'"),
    )
    .pipe(z.literal('isolated_usdt'))
    .default('isolated_usdt'),
  fee_model: z
    .strictObject({
      taker_bps: finite().min(0).max(100).default(5.5),
      maker_bps: finite().min(0).max(100).default(2.0),
    })
    .default({ taker_bps: 5.5, maker_bps: 2.0 }),
  slippage_bps: finite().min(0).max(500).default(2.0),
  min_trade_notional_usdt: finite().min(0).default(10),
  max_notional_usdt: finite().gt(0).optional(),
  max_margin_usdt: finite().gt(0).optional(),
  risk_per_trade_pct: finite().gt(0).max(100).optional(),
});

export const backtestSchema = z.strictObject({
  equity: finite().gt(0).optional(),
  slippage_bps: finite().min(0).optional(),
});

export const deploySchema = z.strictObject({
  capital: finite().gt(0).optional(),
  settle_coin: z
    .string()
    .refine((v) => v !== 'USDC', issue('E_UNSUPPORTED', 'settle_coin USDC is not supported', 'use USDT'))
    .pipe(z.literal('USDT'))
    .default('USDT'),
  dcp_window: z.number().int().min(3).max(300).default(30),
});

export const riskLimitsSchema = z.strictObject({ max_drawdown_pct: finite().gt(0).max(100).optional() });

export const positionPolicySchema = z.strictObject({
  mode: z.enum(['long_only', 'short_only', 'long_short']).default('long_only'),
  exit_mode: z.enum(['sl_tp_only', 'signal', 'first_hit']).default('sl_tp_only'),
  max_positions_per_symbol: z
    .number()
    .int()
    .refine(
      (v) => v === 1,
      issue('E_UNSUPPORTED', 'more than one position per symbol is not supported', 'use 1'),
    )
    .optional(),
  max_positions: z
    .number()
    .int()
    .refine(
      (v) => v === 1,
      issue('E_UNSUPPORTED', 'more than one position per symbol is not supported', 'use 1'),
    )
    .optional(),
  pyramid_mode: z
    .string()
    .refine(
      (v) => v === 'none',
      issue('E_UNSUPPORTED', 'pyramiding is not supported', 'use pyramid_mode: none'),
    )
    .optional(),
  allow_flip: z.boolean().default(false),
  allow_scale_in: z
    .boolean()
    .refine((v) => v === false, issue('E_UNSUPPORTED', 'allow_scale_in is not supported', 'remove it'))
    .default(false),
  allow_scale_out: z.boolean().default(false),
});

const ORDER_TYPES = ['MARKET', 'LIMIT', 'STOP', 'STOP_LIMIT'] as const;
const TIFS = ['GTC', 'IOC', 'FOK', 'PostOnly'] as const;

export const entrySchema = z.strictObject({
  order_type: z
    .string()
    .transform((v) => v.toUpperCase())
    .pipe(z.enum(ORDER_TYPES))
    .default('MARKET'),
  price_ref: z.unknown().optional(),
  limit_offset_pct: finite().min(0).max(50).default(0),
  stop_offset_pct: finite().min(0).max(50).default(0),
  time_in_force: z
    .string()
    .transform((v) => TIFS.find((t) => t.toLowerCase() === v.toLowerCase()) ?? v)
    .pipe(z.enum(TIFS))
    .optional(),
  expire_after_bars: z.number().int().min(0).default(0),
});

export const syntheticSchema = z.strictObject({
  pattern: z.string(),
  bars: z.number().int().min(10).max(2_000_000).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(42),
  start: z.string().optional(),
  config: z.record(z.string(), z.unknown()).default({}),
});

export const validationSchema = z.strictObject({
  pattern: z.string().optional(),
  bars: z.number().int().min(10).max(2_000_000).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  expect_entries: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
  expect_direction: z.enum(['long', 'short', 'both']).optional(),
  min_win_rate: finite().min(0).max(1).optional(),
  max_drawdown_pct: finite().min(0).max(100).optional(),
});

export const expectedSchema = z.strictObject({
  min_trades: z.number().int().min(0).optional(),
  max_trades: z.number().int().min(0).optional(),
  direction: z.enum(['long', 'short', 'both']).optional(),
  pnl_direction: z.enum(['positive', 'negative', 'any']).optional(),
  min_win_rate_pct: finite().min(0).max(100).optional(),
  max_drawdown_pct: finite().min(0).max(100).optional(),
  min_net_return_pct: finite().optional(),
  stop_reason: z.enum(['end_of_data', 'liquidated', 'max_drawdown_hit']).optional(),
});

export type AccountInput = z.infer<typeof accountSchema>;
export type PositionPolicyInput = z.infer<typeof positionPolicySchema>;
export type EntryInput = z.infer<typeof entrySchema>;
export type SyntheticInput = z.infer<typeof syntheticSchema>;
export type ValidationInput = z.infer<typeof validationSchema>;
export type ExpectedInput = z.infer<typeof expectedSchema>;
