import type { z } from 'zod';

/** One closed bar (indicators.md §1.1): `ts` = bar open, epoch ms UTC. */
export interface Bar {
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** The bar fields an indicator reads (catalogue column "in"). */
export type InputKind = 'src' | 'src+v' | 'hl' | 'hlc' | 'hlcv' | 'ohlc' | 'hlcv+ts' | 'hlcv+swing';

/** Recursion class of §1.4: W finite window, E exponential memory, C cumulative / path-dependent. */
export type RecursionClass = 'W' | 'E' | 'C';

export type OutputType = 'FLOAT' | 'INT';

export type ParamValue = number | boolean | string;
/** Params after validation: every accepted key present with its default applied. */
export type IndicatorParams = Readonly<Record<string, ParamValue>>;

export interface OutputMeta {
  readonly key: string;
  readonly type: OutputType;
  /** First valid index of this output for the given (normalized) params. */
  readonly fvi: (params: IndicatorParams) => number;
  /** When the output may be NaN after its FVI (§1.2 exceptions); undefined = always finite from the FVI. */
  readonly nanWhen: string | undefined;
}

export interface ReferenceMeta {
  readonly kind: 'talib' | 'pine' | 'definition';
  /** TA-Lib function(s), Pine function or TradingView script, or the spec section of our definition. */
  readonly function: string;
}

/** Declarative description of one param, the single source for the zod schema, errors and docs. */
export type ParamSpec =
  | {
      readonly key: string;
      readonly type: 'int';
      readonly default: number;
      readonly min: number;
      readonly max: number;
      readonly doc: string;
    }
  | {
      readonly key: string;
      readonly type: 'float';
      readonly default: number;
      /** Lower bound; exclusive when `minExclusive`. */
      readonly min: number;
      readonly minExclusive: boolean;
      readonly max: number;
      readonly doc: string;
    }
  | { readonly key: string; readonly type: 'bool'; readonly default: boolean; readonly doc: string }
  | {
      readonly key: string;
      readonly type: 'enum';
      readonly default: string;
      readonly values: readonly string[];
      readonly doc: string;
    }
  | { readonly key: string; readonly type: 'string'; readonly optional: true; readonly doc: string }
  | {
      readonly key: string;
      readonly type: 'alias';
      /** The param this one stands for (psar `af` → `af0`). */
      readonly of: string;
      readonly doc: string;
    };

/** A relation between params checked at load (§1.5), e.g. fast < slow. */
export interface ParamRelation {
  readonly params: readonly [string, string];
  readonly rule: string;
  readonly holds: (params: IndicatorParams) => boolean;
}

/** Registry entry (indicators.md §5.1). */
export interface IndicatorMeta {
  readonly name: string;
  readonly category: 'trend' | 'momentum' | 'volatility' | 'volume' | 'price';
  readonly title: string;
  readonly inputs: InputKind;
  /** True when `source` applies (single-series input "src"). */
  readonly usesSource: boolean;
  /** Anchored kinds take `update(bar, anchor)`. */
  readonly anchored: boolean;
  readonly params: readonly ParamSpec[];
  readonly relations: readonly ParamRelation[];
  /** Strict zod schema with defaults applied (aliases and `source` included where accepted). */
  readonly paramSchema: z.ZodType<Record<string, ParamValue>>;
  readonly defaults: IndicatorParams;
  readonly outputs: readonly OutputMeta[];
  readonly outputKeys: readonly string[];
  readonly primary: string;
  /** Pairs of outputs of which exactly one is finite per bar (psar/supertrend long/short). */
  readonly exclusive: readonly (readonly [string, string])[];
  readonly cls: RecursionClass;
  /** Λ of §1.4 (0 for W and C). */
  readonly lambda: (params: IndicatorParams) => number;
  /** Indicator FVI = max over outputs. */
  readonly fvi: (params: IndicatorParams) => number;
  /** Catalogue warmup (§2): FVI + 1, plus ⌈3Λ⌉ for class E. */
  readonly warmupBars: (params: IndicatorParams) => number;
  /** Same as warmupBars (the name the issue uses). */
  readonly warmup: (params: IndicatorParams) => number;
  /** FVI + 1 + ⌈23.1Λ⌉: values independent of the start bar within 1e-10 (§7). */
  readonly stableBars: (params: IndicatorParams) => number;
  readonly reference: ReferenceMeta;
  /** Where our values differ from the predecessor's (§3 "Δ pred"), for the user docs. */
  readonly notes: string;
}

/** JSON-safe snapshot of one instance (§5.2). NaN is `null`; -0 and ±Infinity are strings. */
export interface IndicatorSnapshot {
  readonly schema: 'trade.indicator/1';
  readonly name: string;
  readonly params: IndicatorParams;
  readonly barsSeen: number;
  readonly lastTs: number | null;
  readonly state: unknown;
}

/** The incremental instance (§5.2). */
export interface Indicator {
  readonly name: string;
  readonly params: IndicatorParams;
  readonly outputKeys: readonly string[];
  /** Overwritten by every update, in `outputKeys` order; NaN before each output's FVI. */
  readonly values: Float64Array;
  readonly value: number;
  readonly ready: boolean;
  readonly barsSeen: number;
  /** ts of the last bar fed, NaN before the first. */
  readonly lastTs: number;
  /** Indicator FVI. */
  readonly fvi: number;
  /** Consumes one closed bar; `anchor` is only read by anchored kinds (anchored_vwap). */
  update(bar: Bar, anchor?: boolean): void;
  /** Same as update with the fields passed separately (no object needed; the batch path uses it). */
  push(
    ts: number,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
    anchor?: boolean,
  ): void;
  reset(): void;
  snapshot(): IndicatorSnapshot;
  restore(snapshot: IndicatorSnapshot): void;
}
