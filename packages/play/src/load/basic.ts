import { tfMinutes } from '@trade/core';
import { childPath } from '../key-path';
import type { ExpectedBlock, PlayAccount, PlayTimeframes, PositionPolicy, SyntheticBlock } from '../model';
import {
  accountSchema,
  backtestSchema,
  deploySchema,
  expectedSchema,
  ID_PATTERN,
  positionPolicySchema,
  REMOVED_TOP_LEVEL,
  riskLimitsSchema,
  syntheticSchema,
  TOP_LEVEL_KEYS,
  validationSchema,
} from '../schema/sections';
import { SYNTHETIC_PATTERNS } from '../schema/synthetic-patterns';
import { checkWithZod, SECTION_CODES } from '../schema/zod-check';
import { didYouMeanHint } from '../suggest';
import { isRoleName, type PlayTimeframe, parsePlayTimeframe } from '../timeframes';
import { describeNodeType, mapEntry, scalarText, type YNode } from '../yaml/tree';
import { checkKeys, entry, type LoadContext, reportAt, reportPos } from './context';

const ROOT_POS = { line: 1, col: 1 };

/** §2: unknown, removed and required top-level keys. */
export function checkTopLevel(ctx: LoadContext): void {
  for (const e of ctx.root.entries) {
    if ((TOP_LEVEL_KEYS as readonly string[]).includes(e.key)) continue;
    const replacement = REMOVED_TOP_LEVEL[e.key];
    if (replacement !== undefined) {
      reportPos(
        ctx,
        'E_REMOVED_KEY',
        `'${e.key}' is no longer supported`,
        e.keyPos,
        e.key,
        `use ${replacement}`,
      );
    } else {
      reportPos(
        ctx,
        'E_UNKNOWN_KEY',
        `unknown key '${e.key}' in play`,
        e.keyPos,
        e.key,
        didYouMeanHint(e.key, TOP_LEVEL_KEYS),
      );
    }
  }
  for (const key of ['version', 'name', 'timeframes', 'account', 'actions']) {
    if (entry(ctx, key) === undefined) {
      const example: Record<string, string> = {
        version: 'version: "3.0.0"',
        name: 'name: my_play',
        timeframes: 'timeframes: {low_tf: 15m, med_tf: 1h, high_tf: 4h, exec: low_tf}',
        account: 'account: {} (all keys have defaults)',
        actions: 'actions: {entry_long: [["ema_9", "cross_above", "ema_21"]]}',
      };
      reportPos(ctx, 'E_REQUIRED', `missing required key '${key}'`, ROOT_POS, key, `e.g. ${example[key]}`);
    }
  }
  const symbol = entry(ctx, 'symbol');
  const universe = entry(ctx, 'symbol_universe');
  if (symbol === undefined && universe === undefined) {
    reportPos(ctx, 'E_REQUIRED', "missing required key 'symbol'", ROOT_POS, 'symbol', 'e.g. symbol: BTCUSDT');
  } else if (symbol !== undefined && universe !== undefined) {
    reportPos(
      ctx,
      'E_CONFLICT',
      "'symbol' conflicts with 'symbol_universe': give exactly one",
      universe.keyPos,
      'symbol_universe',
      'keep one',
    );
  }
  const features = entry(ctx, 'features')?.value;
  const structures = entry(ctx, 'structures')?.value;
  const count = (n: YNode | undefined): number =>
    n === undefined
      ? 0
      : n.kind === 'map'
        ? n.entries.reduce((acc, e) => acc + (e.value.kind === 'seq' ? e.value.items.length : 1), 0)
        : 1;
  if (count(features) + count(structures) === 0) {
    reportPos(
      ctx,
      'E_REQUIRED',
      "missing required key 'features'",
      ROOT_POS,
      'features',
      'declare at least one feature or structure, e.g. features: {ema_9: {indicator: ema, params: {length: 9}}}',
    );
  }
}

export interface Identity {
  readonly version: string;
  readonly name: string;
  readonly id: string;
  readonly description: string;
  readonly symbol: string;
  readonly date_range: { start: string; end: string } | null;
}

function str(ctx: LoadContext, key: string): { node: YNode; value: string } | undefined {
  const e = entry(ctx, key);
  if (e === undefined) return undefined;
  if (e.value.kind === 'scalar' && typeof e.value.value === 'string')
    return { node: e.value, value: e.value.value };
  reportAt(
    ctx,
    'E_TYPE',
    `expected string, got ${describeNodeType(e.value)} '${scalarText(e.value)}'`,
    e.value,
    key,
    'quote the value',
  );
  return undefined;
}

const SYMBOL = /^[A-Z0-9]{2,24}USDT$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z)?$/;

function parseIsoDate(text: string): number | undefined {
  if (!DATE.test(text)) return undefined;
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  return Number.isFinite(ms) ? ms : undefined;
}

/** §3 identity keys and `date_range`. */
export function checkIdentity(ctx: LoadContext): Identity {
  const version = str(ctx, 'version');
  if (version !== undefined && !/^3(\.\d+){0,2}$/.test(version.value)) {
    reportAt(
      ctx,
      'E_RANGE',
      `version must be 3, 3.x or 3.x.y, got ${version.value}`,
      version.node,
      'version',
      'this loader reads Play format v3: version: "3.0.0"',
    );
  }
  const name = str(ctx, 'name');
  if (name !== undefined && !ID_PATTERN.test(name.value)) {
    reportAt(
      ctx,
      'E_ID_SYNTAX',
      `invalid id '${name.value}'`,
      name.node,
      'name',
      'use letters, digits, _ . - (max 80, starting with a letter or digit)',
    );
  }
  const id = str(ctx, 'id');
  if (id !== undefined && !ID_PATTERN.test(id.value)) {
    reportAt(
      ctx,
      'E_ID_SYNTAX',
      `invalid id '${id.value}'`,
      id.node,
      'id',
      'use letters, digits, _ . - (max 80, starting with a letter or digit)',
    );
  }
  const description = str(ctx, 'description');
  let symbol = str(ctx, 'symbol')?.value;
  const symbolNode = entry(ctx, 'symbol')?.value;
  const universe = entry(ctx, 'symbol_universe');
  if (universe !== undefined) {
    const u = universe.value;
    if (u.kind !== 'seq' || u.items.length !== 1) {
      reportAt(
        ctx,
        'E_UNSUPPORTED',
        'a symbol_universe with more than one symbol is not supported',
        u,
        'symbol_universe',
        'one play trades one symbol: symbol_universe: [BTCUSDT]',
      );
    } else {
      const only = u.items[0]!;
      if (only.kind === 'scalar' && typeof only.value === 'string') symbol = only.value;
      else
        reportAt(
          ctx,
          'E_TYPE',
          `expected string, got ${describeNodeType(only)} '${scalarText(only)}'`,
          only,
          'symbol_universe[0]',
        );
    }
  }
  if (symbol !== undefined && !SYMBOL.test(symbol)) {
    const where = universe !== undefined ? universe.value : symbolNode!;
    const upper = symbol.toUpperCase();
    reportAt(
      ctx,
      'E_RANGE',
      `symbol must be a USDT perpetual like BTCUSDT, got ${symbol}`,
      where.kind === 'seq' ? where.items[0]! : where,
      universe !== undefined ? 'symbol_universe[0]' : 'symbol',
      SYMBOL.test(upper) ? `'${upper}'` : `e.g. 'BTCUSDT'`,
    );
  }
  let dateRange: { start: string; end: string } | null = null;
  const dr = entry(ctx, 'date_range');
  if (dr !== undefined) {
    const node = dr.value;
    if (node.kind !== 'map')
      reportAt(
        ctx,
        'E_TYPE',
        `expected map, got ${describeNodeType(node)} '${scalarText(node)}'`,
        node,
        'date_range',
      );
    else if (checkKeys(ctx, node, 'date_range', ['start', 'end'], 'date_range')) {
      const parts: Record<string, number> = {};
      for (const k of ['start', 'end']) {
        const v = mapEntry(node, k);
        if (v === undefined) {
          reportPos(
            ctx,
            'E_REQUIRED',
            `missing required key '${k}'`,
            dr.keyPos,
            `date_range.${k}`,
            'e.g. date_range: {start: 2025-01-01, end: 2025-03-01}',
          );
          continue;
        }
        const text = v.value.kind === 'scalar' ? String(v.value.value) : '';
        const ms = parseIsoDate(text);
        if (ms === undefined) {
          reportAt(
            ctx,
            'E_RANGE',
            `date_range.${k} must be an ISO date or UTC datetime, got ${scalarText(v.value)}`,
            v.value,
            `date_range.${k}`,
            'e.g. 2025-01-01 or 2025-01-01T12:00:00Z',
          );
        } else parts[k] = ms;
      }
      if (parts.start !== undefined && parts.end !== undefined) {
        if (parts.start >= parts.end) {
          reportAt(
            ctx,
            'E_RANGE',
            'date_range.start must be before date_range.end',
            mapEntry(node, 'start')!.value,
            'date_range.start',
          );
        } else
          dateRange = { start: new Date(parts.start).toISOString(), end: new Date(parts.end).toISOString() };
      }
    }
  }
  return {
    version: version?.value ?? '3',
    name: name?.value ?? '',
    id: id?.value ?? name?.value ?? '',
    description: description?.value ?? '',
    symbol: symbol ?? '',
    date_range: dateRange,
  };
}

/** §5 timeframes. */
export function checkTimeframes(ctx: LoadContext): PlayTimeframes | undefined {
  const e = entry(ctx, 'timeframes');
  if (e === undefined) return undefined;
  const node = e.value;
  if (node.kind !== 'map') {
    reportAt(
      ctx,
      'E_TYPE',
      `expected map, got ${describeNodeType(node)} '${scalarText(node)}'`,
      node,
      'timeframes',
      'timeframes: {low_tf: 15m, med_tf: 1h, high_tf: 4h, exec: low_tf}',
    );
    return undefined;
  }
  let ok = checkKeys(ctx, node, 'timeframes', ['low_tf', 'med_tf', 'high_tf', 'exec'], 'timeframes');
  const tfs: Partial<Record<'low_tf' | 'med_tf' | 'high_tf', PlayTimeframe>> = {};
  for (const role of ['low_tf', 'med_tf', 'high_tf'] as const) {
    const v = mapEntry(node, role);
    if (v === undefined) {
      reportPos(
        ctx,
        'E_REQUIRED',
        `missing required key '${role}'`,
        e.keyPos,
        `timeframes.${role}`,
        'timeframes: {low_tf: 15m, med_tf: 1h, high_tf: 4h, exec: low_tf}',
      );
      ok = false;
      continue;
    }
    const text = v.value.kind === 'scalar' && v.value.value !== null ? String(v.value.value) : '';
    const parsed = parsePlayTimeframe(text);
    if (!parsed.ok) {
      reportAt(ctx, parsed.code, parsed.message, v.value, `timeframes.${role}`, parsed.hint);
      ok = false;
    } else tfs[role] = parsed.tf;
  }
  const execEntry = mapEntry(node, 'exec');
  let exec: 'low_tf' | 'med_tf' | 'high_tf' | undefined;
  if (execEntry === undefined) {
    reportPos(ctx, 'E_REQUIRED', "missing required key 'exec'", e.keyPos, 'timeframes.exec', 'exec: low_tf');
    ok = false;
  } else {
    const text = execEntry.value.kind === 'scalar' ? String(execEntry.value.value) : '';
    if (isRoleName(text)) exec = text;
    else {
      reportAt(
        ctx,
        'E_TF_EXEC_POINTER',
        `timeframes.exec must name a role, got '${text}'`,
        execEntry.value,
        'timeframes.exec',
        'exec: low_tf',
      );
      ok = false;
    }
  }
  if (!ok || exec === undefined || !tfs.low_tf || !tfs.med_tf || !tfs.high_tf) return undefined;
  if (tfMinutes(tfs.med_tf) < tfMinutes(tfs.low_tf) || tfMinutes(tfs.high_tf) < tfMinutes(tfs.med_tf)) {
    reportAt(
      ctx,
      'E_TF_HIERARCHY',
      `timeframes must satisfy high_tf ≥ med_tf ≥ low_tf (${tfs.high_tf}/${tfs.med_tf}/${tfs.low_tf})`,
      node,
      'timeframes',
      'order the roles from fastest (low_tf) to slowest (high_tf)',
    );
    return undefined;
  }
  return { low_tf: tfs.low_tf, med_tf: tfs.med_tf, high_tf: tfs.high_tf, exec, exec_tf: tfs[exec]! };
}

export interface AccountResult {
  readonly account: PlayAccount;
  readonly leverageGiven: boolean;
  readonly riskPerTradePct: number | null;
}

/** §6 account, backtest, deploy, risk_limits. */
export function checkAccount(ctx: LoadContext): {
  account: AccountResult | undefined;
  backtest: { equity: number | null; slippage_bps: number | null };
  deploy: { capital: number | null; settle_coin: 'USDT'; dcp_window: number };
} {
  const e = entry(ctx, 'account');
  let account: AccountResult | undefined;
  if (e !== undefined) {
    const node = e.value;
    const mmr = node.kind === 'map' ? mapEntry(node, 'maintenance_margin_rate') : undefined;
    if (mmr !== undefined) {
      reportPos(
        ctx,
        'E_REMOVED_KEY',
        "'maintenance_margin_rate' is no longer supported",
        mmr.keyPos,
        'account.maintenance_margin_rate',
        "remove it: the maintenance margin comes from the instrument's risk-limit tiers",
      );
    }
    const filtered =
      node.kind === 'map' && mmr !== undefined
        ? { ...node, entries: node.entries.filter((x) => x !== mmr) }
        : node;
    const emptyNull =
      filtered.kind === 'scalar' && filtered.value === null
        ? { ...filtered, kind: 'map' as const, entries: [] }
        : filtered;
    const parsed = checkWithZod(
      accountSchema,
      emptyNull,
      'account',
      ctx.bag,
      SECTION_CODES('account'),
      e.keyPos,
    );
    if (parsed !== undefined) {
      let maxDd = parsed.max_drawdown_pct;
      const rl = entry(ctx, 'risk_limits');
      if (rl !== undefined) {
        reportPos(
          ctx,
          'W_DEPRECATED',
          "'risk_limits' is deprecated; use 'account.max_drawdown_pct'",
          rl.keyPos,
          'risk_limits',
          'move max_drawdown_pct into account',
        );
        const limits = checkWithZod(
          riskLimitsSchema,
          rl.value,
          'risk_limits',
          ctx.bag,
          SECTION_CODES('risk_limits'),
          rl.keyPos,
        );
        if (limits?.max_drawdown_pct !== undefined) {
          if (maxDd !== undefined && maxDd !== limits.max_drawdown_pct) {
            reportPos(
              ctx,
              'E_CONFLICT',
              "'risk_limits.max_drawdown_pct' conflicts with 'account.max_drawdown_pct': the values differ",
              rl.keyPos,
              'risk_limits.max_drawdown_pct',
              'keep one',
            );
          }
          maxDd ??= limits.max_drawdown_pct;
        }
      }
      const ddNode = node.kind === 'map' ? mapEntry(node, 'max_drawdown_pct')?.value : undefined;
      if (maxDd !== undefined && maxDd < 1) {
        reportAt(
          ctx,
          'W_DRAWDOWN_FRACTION',
          `max_drawdown_pct is a percent: ${maxDd} means ${maxDd} %`,
          ddNode ?? node,
          'account.max_drawdown_pct',
          `write ${maxDd * 100} for ${maxDd * 100} %`,
        );
      }
      account = {
        account: {
          starting_equity_usdt: parsed.starting_equity_usdt,
          max_leverage: parsed.max_leverage ?? 1,
          max_drawdown_pct: maxDd ?? 20,
          margin_mode: 'isolated_usdt',
          fee_model: parsed.fee_model,
          slippage_bps: parsed.slippage_bps,
          min_trade_notional_usdt: parsed.min_trade_notional_usdt,
          max_notional_usdt: parsed.max_notional_usdt ?? null,
          max_margin_usdt: parsed.max_margin_usdt ?? null,
        },
        leverageGiven: parsed.max_leverage !== undefined,
        riskPerTradePct: parsed.risk_per_trade_pct ?? null,
      };
    }
  }
  const bt = entry(ctx, 'backtest');
  const btParsed = bt
    ? checkWithZod(backtestSchema, bt.value, 'backtest', ctx.bag, SECTION_CODES('backtest'), bt.keyPos)
    : undefined;
  const dp = entry(ctx, 'deploy');
  const dpParsed = dp
    ? checkWithZod(deploySchema, dp.value, 'deploy', ctx.bag, SECTION_CODES('deploy'), dp.keyPos)
    : undefined;
  return {
    account,
    backtest: { equity: btParsed?.equity ?? null, slippage_bps: btParsed?.slippage_bps ?? null },
    deploy: {
      capital: dpParsed?.capital ?? null,
      settle_coin: 'USDT',
      dcp_window: dpParsed?.dcp_window ?? 30,
    },
  };
}

/** §13 position_policy (shape only; the action contract is checked with the actions). */
export function checkPositionPolicy(ctx: LoadContext): PositionPolicy | undefined {
  const e = entry(ctx, 'position_policy');
  if (e === undefined) {
    return {
      mode: 'long_only',
      exit_mode: 'sl_tp_only',
      max_positions_per_symbol: 1,
      pyramid_mode: 'none',
      allow_flip: false,
      allow_scale_in: false,
      allow_scale_out: false,
    };
  }
  const parsed = checkWithZod(
    positionPolicySchema,
    e.value,
    'position_policy',
    ctx.bag,
    SECTION_CODES('position_policy'),
    e.keyPos,
  );
  if (parsed === undefined) return undefined;
  if (parsed.max_positions !== undefined && e.value.kind === 'map') {
    reportPos(
      ctx,
      'W_DEPRECATED',
      "'max_positions' is deprecated; use 'max_positions_per_symbol'",
      mapEntry(e.value, 'max_positions')!.keyPos,
      'position_policy.max_positions',
      'rename the key',
    );
  }
  if (parsed.allow_flip && parsed.mode !== 'long_short') {
    const node = e.value.kind === 'map' ? mapEntry(e.value, 'allow_flip')!.value : e.value;
    reportAt(
      ctx,
      'E_CONFLICT',
      `'allow_flip' conflicts with 'mode': flips need mode long_short, got ${parsed.mode}`,
      node,
      'position_policy.allow_flip',
      'set mode: long_short or remove allow_flip',
    );
    return undefined;
  }
  return {
    mode: parsed.mode,
    exit_mode: parsed.exit_mode,
    max_positions_per_symbol: 1,
    pyramid_mode: 'none',
    allow_flip: parsed.allow_flip,
    allow_scale_in: false,
    allow_scale_out: parsed.allow_scale_out,
  };
}

/** §16 synthetic / validation / expected, with the legacy `validation` keys merged. */
export function checkSyntheticExpected(ctx: LoadContext): {
  synthetic: SyntheticBlock | null;
  expected: ExpectedBlock | null;
} {
  const se = entry(ctx, 'synthetic');
  const ve = entry(ctx, 'validation');
  const ee = entry(ctx, 'expected');
  const syn = se
    ? checkWithZod(syntheticSchema, se.value, 'synthetic', ctx.bag, SECTION_CODES('synthetic'), se.keyPos)
    : undefined;
  const val = ve
    ? checkWithZod(validationSchema, ve.value, 'validation', ctx.bag, SECTION_CODES('validation'), ve.keyPos)
    : undefined;
  const exp = ee
    ? checkWithZod(
        expectedSchema,
        ee.value,
        'expected',
        ctx.bag,
        { ...SECTION_CODES('expected'), range: 'E_EXPECTED' },
        ee.keyPos,
      )
    : undefined;
  let synthetic: SyntheticBlock | null = null;
  if (syn !== undefined || val?.pattern !== undefined || val?.bars !== undefined || val?.seed !== undefined) {
    const conflict = (k: 'pattern' | 'bars' | 'seed'): void => {
      const a = syn?.[k];
      const b = val?.[k];
      const written = se?.value.kind === 'map' && mapEntry(se.value, k) !== undefined;
      if (written && b !== undefined && a !== b) {
        const node = ve!.value.kind === 'map' ? mapEntry(ve!.value, k)!.value : ve!.value;
        reportAt(
          ctx,
          'E_CONFLICT',
          `'validation.${k}' conflicts with 'synthetic.${k}': the values differ`,
          node,
          `validation.${k}`,
          'keep one (synthetic is the current location)',
        );
      }
    };
    conflict('pattern');
    conflict('bars');
    conflict('seed');
    const pattern = syn?.pattern ?? val?.pattern ?? 'trend_up_clean';
    const patternNode =
      se?.value.kind === 'map'
        ? mapEntry(se.value, 'pattern')?.value
        : ve?.value.kind === 'map'
          ? mapEntry(ve.value, 'pattern')?.value
          : undefined;
    const patternPath = syn?.pattern !== undefined ? 'synthetic.pattern' : 'validation.pattern';
    const keys = SYNTHETIC_PATTERNS[pattern];
    if (keys === undefined) {
      if (patternNode)
        reportAt(
          ctx,
          'E_PATTERN_UNKNOWN',
          `unknown pattern '${pattern}'`,
          patternNode,
          patternPath,
          didYouMeanHint(pattern, Object.keys(SYNTHETIC_PATTERNS)),
        );
    } else {
      const configNode = se?.value.kind === 'map' ? mapEntry(se.value, 'config')?.value : undefined;
      for (const k of Object.keys(syn?.config ?? {})) {
        if (keys.includes(k)) continue;
        const ce = configNode?.kind === 'map' ? configNode.entries.find((x) => x.key === k) : undefined;
        reportPos(
          ctx,
          'E_SYNTHETIC_CONFIG',
          `pattern '${pattern}' has no parameter '${k}'`,
          ce?.keyPos ?? se!.keyPos,
          childPath('synthetic.config', k),
          keys.length > 0 ? didYouMeanHint(k, keys) : `pattern '${pattern}' takes no config keys`,
        );
      }
      for (const [k, v] of Object.entries(syn?.config ?? {})) {
        if (
          keys.includes(k) &&
          (typeof v !== 'number' ||
            !Number.isFinite(v) ||
            v < 0 ||
            (k === 'stairs_steps' && (!Number.isInteger(v) || v < 1)))
        ) {
          const ce = configNode?.kind === 'map' ? configNode.entries.find((x) => x.key === k) : undefined;
          reportAt(
            ctx,
            'E_SYNTHETIC_CONFIG',
            `pattern '${pattern}': ${k} must be a ${k === 'stairs_steps' ? 'integer ≥ 1' : 'number ≥ 0'}, got ${String(v)}`,
            ce?.value ?? se!.value,
            childPath('synthetic.config', k),
          );
        }
      }
    }
    let start = '2025-01-01T00:00:00.000Z';
    if (syn?.start !== undefined) {
      const ms = parseIsoDate(syn.start);
      const node = se?.value.kind === 'map' ? mapEntry(se.value, 'start')!.value : se!.value;
      if (ms === undefined)
        reportAt(
          ctx,
          'E_RANGE',
          `synthetic.start must be an ISO date or UTC datetime, got ${syn.start}`,
          node,
          'synthetic.start',
          'e.g. 2025-01-01T00:00:00Z',
        );
      else start = new Date(ms).toISOString();
    }
    synthetic = {
      pattern,
      bars: syn?.bars ?? val?.bars ?? null,
      seed: syn?.seed ?? val?.seed ?? 42,
      start,
      config: syn?.config ?? {},
    };
  }
  let expected: ExpectedBlock | null = null;
  if (exp !== undefined || val !== undefined) {
    const merged: Record<string, unknown> = {};
    if (val?.expect_entries) {
      merged.min_trades = val.expect_entries[0];
      merged.max_trades = val.expect_entries[1];
    }
    if (val?.expect_direction) merged.direction = val.expect_direction;
    if (val?.min_win_rate !== undefined) merged.min_win_rate_pct = val.min_win_rate * 100;
    if (val?.max_drawdown_pct !== undefined) merged.max_drawdown_pct = val.max_drawdown_pct;
    for (const [k, v] of Object.entries(exp ?? {})) {
      if (v === undefined) continue;
      if (merged[k] !== undefined && merged[k] !== v && ee?.value.kind === 'map') {
        reportPos(
          ctx,
          'E_CONFLICT',
          `'expected.${k}' conflicts with the legacy validation block: the values differ`,
          mapEntry(ee.value, k)!.keyPos,
          `expected.${k}`,
          'keep one',
        );
      }
      merged[k] = v;
    }
    const e2 = merged as ExpectedBlock;
    if (e2.min_trades !== undefined && e2.max_trades !== undefined && e2.max_trades < e2.min_trades) {
      const node =
        ee?.value.kind === 'map'
          ? (mapEntry(ee.value, 'max_trades')?.value ?? ee.value)
          : (ve?.value ?? ctx.root);
      reportAt(
        ctx,
        'E_EXPECTED',
        'expected.max_trades must be ≥ min_trades',
        node,
        ee ? 'expected.max_trades' : 'validation.expect_entries',
      );
    }
    expected = e2;
  }
  return { synthetic, expected };
}
