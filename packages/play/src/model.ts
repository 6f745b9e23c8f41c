import type { TimeframeRole } from '@trade/core';
import type { FieldInfo } from './catalog';
import type { Expr, Operand } from './conditions/ast';
import type { Diagnostic } from './diagnostics';
import type { PlayTimeframe } from './timeframes';
import type { VariableValue } from './variables';

/**
 * The normalized play (§17): defaults filled, aliases mapped, TFs canonical, roles resolved, conditions as AST.
 * Keys follow the YAML vocabulary (snake_case) so `trade play show` reads like the file.
 */

export interface PlayTimeframes {
  readonly low_tf: PlayTimeframe;
  readonly med_tf: PlayTimeframe;
  readonly high_tf: PlayTimeframe;
  readonly exec: TimeframeRole;
  /** The exec TF the role points at. */
  readonly exec_tf: PlayTimeframe;
}

export interface PlayAccount {
  readonly starting_equity_usdt: number;
  readonly max_leverage: number;
  readonly max_drawdown_pct: number;
  readonly margin_mode: 'isolated_usdt';
  readonly fee_model: { readonly taker_bps: number; readonly maker_bps: number };
  readonly slippage_bps: number;
  readonly min_trade_notional_usdt: number;
  readonly max_notional_usdt: number | null;
  readonly max_margin_usdt: number | null;
}

export type PriceSource = 'close' | 'open' | 'high' | 'low' | 'volume' | 'hl2' | 'hlc3' | 'ohlc4';

export interface FeatureDecl {
  readonly id: string;
  readonly indicator: string;
  /** Normalized params (catalogue defaults applied). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly tf: PlayTimeframe;
  readonly source: PriceSource;
}

export interface StructureDecl {
  readonly key: string;
  readonly type: string;
  readonly tf: PlayTimeframe;
  readonly params: Readonly<Record<string, unknown>>;
  /** Dependency keys in the order written. */
  readonly uses: readonly string[];
}

export type ActionName = 'entry_long' | 'entry_short' | 'exit_long' | 'exit_short' | 'exit_all' | 'no_action';
export const ACTION_NAMES: readonly ActionName[] = [
  'entry_long',
  'entry_short',
  'exit_long',
  'exit_short',
  'exit_all',
  'no_action',
];

/** Metadata value: a literal, or a verbose ref resolved at the tick (MISSING → null). */
export type MetadataValue = string | number | boolean | null | { readonly ref: Operand };

export interface Intent {
  readonly action: ActionName;
  /** Exits: percent of the position's quantity (0, 100]; entries: 100. */
  readonly percent: number;
  readonly metadata: Readonly<Record<string, MetadataValue>>;
}

export interface ActionCase {
  readonly when: Expr;
  readonly emit: readonly Intent[];
}

export interface ActionBlock {
  readonly id: string;
  readonly cases: readonly ActionCase[];
  readonly else: readonly Intent[] | null;
}

export interface PositionPolicy {
  readonly mode: 'long_only' | 'short_only' | 'long_short';
  readonly exit_mode: 'sl_tp_only' | 'signal' | 'first_hit';
  readonly max_positions_per_symbol: 1;
  readonly pyramid_mode: 'none';
  readonly allow_flip: boolean;
  readonly allow_scale_in: false;
  readonly allow_scale_out: boolean;
}

export type EntryOrderType = 'MARKET' | 'LIMIT' | 'STOP' | 'STOP_LIMIT';

export interface EntryPolicy {
  readonly order_type: EntryOrderType;
  /** FLOAT ref/arith; default the `last_price` ref. */
  readonly price_ref: Operand;
  readonly limit_offset_pct: number;
  readonly stop_offset_pct: number;
  readonly time_in_force: 'GTC' | 'IOC' | 'FOK' | 'PostOnly';
  readonly expire_after_bars: number;
}

export type StopLoss =
  | { readonly type: 'percent'; readonly value: number }
  | {
      readonly type: 'atr_multiple';
      readonly value: number;
      readonly atr_feature_id: string;
      readonly buffer_pct: number;
    }
  | { readonly type: 'fixed_points'; readonly value: number }
  | {
      readonly type: 'structure';
      readonly structure_key: string | null;
      readonly ref_long: Operand | null;
      readonly ref_short: Operand | null;
      readonly buffer_pct: number;
      /** Fallback ROI % when the level is unusable; null = reject the intent. */
      readonly value: number | null;
    }
  | {
      readonly type: 'trailing_atr';
      readonly atr_multiplier: number;
      readonly atr_feature_id: string;
      readonly activation_pct: number;
    }
  | { readonly type: 'trailing_pct'; readonly trail_pct: number; readonly activation_pct: number };

export type TakeProfitType = 'percent' | 'rr_ratio' | 'atr_multiple' | 'fixed_points' | 'structure';

export interface TakeProfitLeg {
  readonly type: TakeProfitType;
  readonly value: number | null;
  readonly size_pct: number;
  readonly atr_feature_id: string | null;
  readonly structure_key: string | null;
  readonly ref_long: Operand | null;
  readonly ref_short: Operand | null;
  readonly buffer_pct: number;
}

export type Trailing =
  | {
      readonly mode: 'atr';
      readonly atr_multiplier: number;
      readonly atr_feature_id: string;
      readonly activation_pct: number;
    }
  | { readonly mode: 'pct'; readonly trail_pct: number; readonly activation_pct: number };

export interface BreakEven {
  readonly activation_pct: number | null;
  readonly after_tp_leg: number | null;
  readonly offset_pct: number;
}

export interface Sizing {
  readonly model: 'percent_equity' | 'risk_based' | 'fixed_usdt';
  readonly value: number;
}

export interface RiskModel {
  readonly stop_loss: StopLoss | null;
  /** Legs in price order; empty = no TP. */
  readonly take_profit: readonly TakeProfitLeg[];
  readonly sizing: Sizing;
  readonly trailing: Trailing | null;
  readonly break_even: BreakEven | null;
  readonly tp_order_type: 'Market' | 'Limit';
  readonly sl_order_type: 'Market';
}

export interface SyntheticBlock {
  readonly pattern: string;
  /** null = the bar-count rule of `synthetic-data.md` §7.3. */
  readonly bars: number | null;
  readonly seed: number;
  readonly start: string;
  readonly config: Readonly<Record<string, unknown>>;
}

export interface ExpectedBlock {
  readonly min_trades?: number;
  readonly max_trades?: number;
  readonly direction?: 'long' | 'short' | 'both';
  readonly pnl_direction?: 'positive' | 'negative' | 'any';
  readonly min_win_rate_pct?: number;
  readonly max_drawdown_pct?: number;
  readonly min_net_return_pct?: number;
  readonly stop_reason?: 'end_of_data' | 'liquidated' | 'max_drawdown_hit';
}

/** A loaded, validated and normalized play. */
export interface Play {
  readonly version: string;
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly symbol: string;
  /** ISO strings as written (normalized to UTC `…Z`), or null. Not hashed. */
  readonly date_range: { readonly start: string; readonly end: string } | null;
  readonly timeframes: PlayTimeframes;
  readonly account: PlayAccount;
  readonly backtest: { readonly equity: number | null; readonly slippage_bps: number | null };
  readonly deploy: {
    readonly capital: number | null;
    readonly settle_coin: 'USDT';
    readonly dcp_window: number;
  };
  readonly features: readonly FeatureDecl[];
  readonly structures: readonly StructureDecl[];
  readonly setups: Readonly<Record<string, Expr>>;
  readonly actions: readonly ActionBlock[];
  readonly position_policy: PositionPolicy;
  readonly entry: EntryPolicy;
  readonly risk_model: RiskModel;
  readonly synthetic: SyntheticBlock | null;
  readonly expected: ExpectedBlock | null;
  /** Effective variable values (after caller overrides). Not hashed: already applied. */
  readonly variables: Readonly<Record<string, VariableValue>>;
  /** Resolved field tables of every feature and structure key (for the compiler and the engine). */
  readonly fieldTables: Readonly<Record<string, readonly FieldInfo[]>>;
  /** Catalogue warmup (bars of its TF) of every structure key, with its dependencies resolved. */
  readonly structureWarmups: Readonly<Record<string, number>>;
  /** Warnings found while loading. */
  readonly warnings: readonly Diagnostic[];
  /** The file name given by the caller, if any. */
  readonly file: string | null;
}
