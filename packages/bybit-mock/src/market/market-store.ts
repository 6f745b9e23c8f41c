import { type InstrumentSpec, TF_MINUTES, type Timeframe, tfCloseTime } from '@trade/core';
import {
  type FundingSeries,
  type KlineSeries,
  loadFundingFile,
  loadKlineFile,
  loadTiersFile,
  mergeFunding,
} from './csv-loaders';
import { type SymbolFiles, scanDataDir } from './data-files';
import { stepDecimals } from './format';
import { baseCoinOf, deriveInstrument, fixtureRules, type MockInstrument } from './instruments';
import { type BarValues, buildServedSeries, formingBar } from './kline-series';
import { type OpenInterestGrid, openInterestWalk } from './open-interest';
import { lowerBound } from './search';

export type PriceKind = 'last' | 'mark';

/** Constant funding rate per settlement when a symbol has no stored funding (`bybit-mock.md` §2.4). */
const DEFAULT_FUNDING_RATE = '0.0001';

export interface MarketStoreOptions {
  readonly dataDir: string;
  readonly seed: number;
  /** Overrides or adds instruments (trading rules and tiers). */
  readonly instruments?: readonly InstrumentSpec[];
}

/**
 * Everything the market routes read. Files are found at construction but parsed on first use of their
 * symbol, and every derived series (served interval, funding, open interest) is built once and cached.
 */
export class MarketStore {
  private readonly files: Map<string, SymbolFiles>;
  private readonly overrides: Map<string, InstrumentSpec>;
  private readonly nativeCache = new Map<string, Map<Timeframe, KlineSeries>>();
  private readonly servedCache = new Map<string, KlineSeries>();
  private readonly instrumentCache = new Map<string, MockInstrument>();
  private readonly fundingCache = new Map<string, FundingSeries>();
  private readonly oiCache = new Map<string, OpenInterestGrid>();
  readonly symbols: readonly string[];

  constructor(private readonly options: MarketStoreOptions) {
    this.files = scanDataDir(options.dataDir);
    this.overrides = new Map((options.instruments ?? []).map((i) => [i.symbol, i]));
    const names = new Set<string>();
    for (const [symbol, f] of this.files) if (f.klines.size > 0) names.add(symbol);
    for (const symbol of this.overrides.keys()) names.add(symbol);
    this.symbols = [...names].sort();
  }

  hasSymbol(symbol: string): boolean {
    return this.symbols.includes(symbol);
  }

  /** Native series of a symbol; mark falls back to last price when no mark file exists (basis 0). */
  natives(symbol: string, kind: PriceKind): ReadonlyMap<Timeframe, KlineSeries> {
    const files = this.files.get(symbol);
    const source = kind === 'mark' && files !== undefined && files.mark.size > 0 ? files.mark : files?.klines;
    const key = `${symbol}\u0000${source === files?.mark ? 'mark' : 'last'}`;
    let natives = this.nativeCache.get(key);
    if (natives === undefined) {
      natives = new Map();
      for (const [tf, path] of source ?? []) natives.set(tf, loadKlineFile(path, tf));
      this.nativeCache.set(key, natives);
    }
    return natives;
  }

  served(symbol: string, tf: Timeframe, kind: PriceKind): KlineSeries {
    const key = `${symbol}\u0000${kind}\u0000${tf}`;
    let s = this.servedCache.get(key);
    if (s === undefined) {
      s = buildServedSeries(this.natives(symbol, kind), tf);
      this.servedCache.set(key, s);
    }
    return s;
  }

  forming(symbol: string, kind: PriceKind, tf: Timeframe, now: number): BarValues | undefined {
    const m1 = this.natives(symbol, kind).get('1m');
    return m1 === undefined ? undefined : formingBar(m1, tf, now);
  }

  /** `[first bar open, last bar close)` over every native last-price series; undefined without data. */
  dataRange(symbol: string): { start: number; end: number } | undefined {
    let start = Number.POSITIVE_INFINITY;
    let end = Number.NEGATIVE_INFINITY;
    for (const [tf, s] of this.natives(symbol, 'last')) {
      const n = s.candles.length;
      if (n === 0) continue;
      start = Math.min(start, s.candles.ts[0]!);
      end = Math.max(end, tfCloseTime(s.candles.ts[n - 1]!, tf));
    }
    return Number.isFinite(start) ? { start, end } : undefined;
  }

  instrument(symbol: string): MockInstrument {
    let inst = this.instrumentCache.get(symbol);
    if (inst !== undefined) return inst;
    const range = this.dataRange(symbol);
    const override = this.overrides.get(symbol);
    const fixture = fixtureRules(symbol);
    const tiersFile = this.files.get(symbol)?.tiers;
    const rules = override ?? fixture?.rules ?? deriveInstrument(symbol, this.finestSample(symbol));
    const storedTiers =
      override === undefined && tiersFile !== undefined ? loadTiersFile(tiersFile) : undefined;
    inst = {
      ...rules,
      riskTiers: storedTiers ?? rules.riskTiers,
      baseCoin: baseCoinOf(symbol),
      priceScale: Math.max(stepDecimals(rules.tickSize), fixture?.priceScale ?? 0),
      launchTime: range?.start ?? 0,
      // BTCUSDT's core table is Bybit's published one; every other default table is a fixture.
      tiersSynthetic: override === undefined && storedTiers === undefined && symbol !== 'BTCUSDT',
    };
    this.instrumentCache.set(symbol, inst);
    return inst;
  }

  private finestSample(symbol: string): { close: Float64Array; volume: Float64Array } {
    const natives = [...this.natives(symbol, 'last')].sort((a, b) => TF_MINUTES[a[0]] - TF_MINUTES[b[0]]);
    const c = natives[0]?.[1].candles;
    return { close: c?.close ?? new Float64Array(0), volume: c?.volume ?? new Float64Array(0) };
  }

  /**
   * Funding settlements: the stored files when the symbol has any; otherwise the constant default rate on
   * the instrument's funding grid across the symbol's data range.
   */
  funding(symbol: string): FundingSeries {
    let f = this.fundingCache.get(symbol);
    if (f !== undefined) return f;
    const paths = this.files.get(symbol)?.funding ?? [];
    if (paths.length > 0) {
      f = mergeFunding(paths.map((p) => loadFundingFile(p)));
    } else {
      const range = this.dataRange(symbol);
      const step = this.instrument(symbol).fundingIntervalMin * 60_000;
      const ts: number[] = [];
      if (range !== undefined) {
        for (let t = Math.ceil(range.start / step) * step; t < range.end; t += step) ts.push(t);
      }
      f = { ts: Float64Array.from(ts), rate: ts.map(() => DEFAULT_FUNDING_RATE) };
    }
    this.fundingCache.set(symbol, f);
    return f;
  }

  /** The seeded open-interest walk over the symbol's data range. */
  openInterest(symbol: string): OpenInterestGrid {
    let g = this.oiCache.get(symbol);
    if (g === undefined) {
      const range = this.dataRange(symbol) ?? { start: 0, end: 0 };
      g = openInterestWalk(
        symbol,
        this.options.seed,
        range.start,
        range.end,
        stepDecimals(this.instrument(symbol).qtyStep),
      );
      this.oiCache.set(symbol, g);
    }
    return g;
  }

  /**
   * The last price at `now` and the 24 h / 1 h statistics tickers report, from the finest stored last-price
   * series: the forming 1m bar's close when `now` is inside the 1m data, else the close of the newest bar
   * that opened at or before `now` (on the wall clock: the newest stored bar). Undefined before the data.
   */
  priceStats(symbol: string, now: number): PriceStats | undefined {
    const natives = [...this.natives(symbol, 'last')].sort((a, b) => TF_MINUTES[a[0]] - TF_MINUTES[b[0]]);
    const finest = natives[0];
    if (finest === undefined) return undefined;
    const c = finest[1].candles;
    const turnover = finest[1].turnover;
    const last = lowerBound(c.ts, Math.floor(now) + 1) - 1;
    if (last < 0) return undefined;
    const forming = this.forming(symbol, 'last', '1m', now);
    const lastPrice = forming?.close ?? c.close[last]!;
    const ref = c.ts[last]!;
    const from24 = lowerBound(c.ts, ref - 86_400_000 + 1);
    const from1h = lowerBound(c.ts, ref - 3_600_000 + 1);
    let high = Number.NEGATIVE_INFINITY;
    let low = Number.POSITIVE_INFINITY;
    let volume = 0;
    let value = 0;
    for (let i = from24; i <= last; i++) {
      high = Math.max(high, c.high[i]!);
      low = Math.min(low, c.low[i]!);
      volume += c.volume[i]!;
      value += turnover[i]!;
    }
    return {
      lastPrice,
      prevPrice24h: c.open[from24]!,
      prevPrice1h: c.open[from1h]!,
      highPrice24h: Math.max(high, lastPrice),
      lowPrice24h: Math.min(low, lastPrice),
      volume24h: volume,
      turnover24h: value,
    };
  }
}

/** What `priceStats` reports (numbers; routes format them). */
export interface PriceStats {
  readonly lastPrice: number;
  readonly prevPrice24h: number;
  readonly prevPrice1h: number;
  readonly highPrice24h: number;
  readonly lowPrice24h: number;
  readonly volume24h: number;
  readonly turnover24h: number;
}
