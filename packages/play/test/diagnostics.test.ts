import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPlay, checkPlayFile, formatDiagnostics, PlayLoadError, parsePlay } from '../src/index';
import { describeDiagnostics, diagnosticsOf, play, posOf, type Sections } from './helpers';

interface Case {
  readonly code: string;
  /** Sections overriding the base play, or the full text. */
  readonly over?: Sections;
  readonly text?: string;
  /** Needle whose first (or nth) occurrence is the expected position; 'start' = 1:1. */
  readonly at: string | readonly [string, number] | { readonly line: number; readonly col: number };
  readonly path: string;
  readonly variables?: Record<string, string>;
}

const F = (...lines: string[]) => ['features:', ...lines.map((l) => `  ${l}`)].join('\n');
const A = (...lines: string[]) => ['actions:', ...lines.map((l) => `  ${l}`)].join('\n');
const EMAS = [
  'ema_9: {indicator: ema, params: {length: 9}}',
  'ema_21: {indicator: ema, params: {length: 21}}',
];
const SWING_MS =
  'structures:\n  exec:\n    - {type: swing, key: swing, params: {left: 3, right: 3}}\n    - {type: market_structure, key: ms, uses: swing}';
const cond = (c: string) => A(`entry_long: ${c}`);

const CASES: readonly Case[] = [
  // §1 file and YAML
  { code: 'E_YAML_SYNTAX', text: 'version: "3.0.0"\nname: [a, b\n', at: { line: 3, col: 1 }, path: '' },
  { code: 'E_YAML_EMPTY', text: '# only a comment\n', at: 'start', path: '' },
  { code: 'E_YAML_MULTI_DOC', text: 'version: "3.0.0"\n---\nname: x\n', at: '---', path: '' },
  { code: 'E_YAML_DUPLICATE_KEY', over: { extra: 'name: t2' }, at: ['name', 2], path: 'name' },
  { code: 'E_YAML_TAG', over: { name: 'name: !!str t1' }, at: '!!str', path: 'name' },
  { code: 'E_YAML_TAG', over: { extra: 'x: &a {p: 1}\ny:\n  <<: *a' }, at: '<<', path: 'y.<<' },
  { code: 'E_ROOT_TYPE', text: '- a\n- b\n', at: 'start', path: '' },
  // §2 top level
  { code: 'E_UNKNOWN_KEY', over: { extra: 'featurez: {}' }, at: 'featurez', path: 'featurez' },
  { code: 'E_REMOVED_KEY', over: { extra: 'signal_rules: {}' }, at: 'signal_rules', path: 'signal_rules' },
  { code: 'E_REQUIRED', over: { actions: null }, at: 'start', path: 'actions' },
  {
    code: 'E_CONFLICT',
    over: { extra: 'symbol_universe: [BTCUSDT]' },
    at: 'symbol_universe',
    path: 'symbol_universe',
  },
  {
    code: 'E_UNSUPPORTED',
    over: { symbol: null, extra: 'symbol_universe: [BTCUSDT, ETHUSDT]' },
    at: '[BTCUSDT',
    path: 'symbol_universe',
  },
  { code: 'E_RANGE', over: { version: 'version: "2.1"' }, at: '"2.1"', path: 'version' },
  { code: 'E_RANGE', over: { symbol: 'symbol: btcusdt' }, at: 'btcusdt', path: 'symbol' },
  { code: 'E_ID_SYNTAX', over: { name: 'name: "bad name"' }, at: '"bad name"', path: 'name' },
  // §6 account
  {
    code: 'E_TYPE',
    over: { account: 'account: {starting_equity_usdt: lots}' },
    at: 'lots',
    path: 'account.starting_equity_usdt',
  },
  {
    code: 'E_RANGE',
    over: { account: 'account: {starting_equity_usdt: 9007199254740994}' },
    at: '9007199254740994',
    path: 'account.starting_equity_usdt',
  },
  {
    code: 'E_RANGE',
    over: { account: 'account: {slippage_bps: .nan}' },
    at: '.nan',
    path: 'account.slippage_bps',
  },
  {
    code: 'E_RANGE',
    over: { account: 'account: {max_leverage: 500}' },
    at: '500',
    path: 'account.max_leverage',
  },
  {
    code: 'E_RANGE',
    over: { account: 'account: {max_leverage: 2.005}' },
    at: '2.005',
    path: 'account.max_leverage',
  },
  {
    code: 'E_UNKNOWN_KEY',
    over: { account: 'account: {starting_equity: 5}' },
    at: 'starting_equity',
    path: 'account.starting_equity',
  },
  {
    code: 'E_REMOVED_KEY',
    over: { account: 'account: {margin_mode: isolated}' },
    at: 'isolated',
    path: 'account.margin_mode',
  },
  {
    code: 'E_REMOVED_KEY',
    over: { account: 'account: {maintenance_margin_rate: 0.005}' },
    at: 'maintenance_margin_rate',
    path: 'account.maintenance_margin_rate',
  },
  {
    code: 'W_DRAWDOWN_FRACTION',
    over: { account: 'account: {max_drawdown_pct: 0.2}' },
    at: '0.2',
    path: 'account.max_drawdown_pct',
  },
  {
    code: 'E_CONFLICT',
    over: { extra: 'risk_limits: {max_drawdown_pct: 30}', account: 'account: {max_drawdown_pct: 20}' },
    at: 'risk_limits',
    path: 'risk_limits.max_drawdown_pct',
  },
  {
    code: 'E_UNSUPPORTED',
    over: { extra: 'deploy: {settle_coin: USDC}' },
    at: 'USDC',
    path: 'deploy.settle_coin',
  },
  { code: 'E_INTEGER', over: { extra: 'deploy: {dcp_window: 30.5}' }, at: '30.5', path: 'deploy.dcp_window' },
  // §4 variables
  {
    code: 'E_VAR_SYNTAX',
    over: {
      variables: 'variables: {n: 9}',
      features: F('ema_9: {indicator: ema, params: {length: "{{ n | int }}"}}', EMAS[1]!),
    },
    at: '"{{ n | int }}"',
    path: 'features.ema_9.params.length',
  },
  {
    code: 'E_VAR_UNDEFINED',
    over: {
      variables: 'variables: {len: 9}',
      features: F('ema_9: {indicator: ema, params: {length: "{{ lenn }}"}}', EMAS[1]!),
    },
    at: '"{{ lenn }}"',
    path: 'features.ema_9.params.length',
  },
  { code: 'E_VAR_VALUE', over: { variables: 'variables: {n: {a: 1}}' }, at: '{a: 1}', path: 'variables.n' },
  {
    code: 'E_VAR_IN_KEY',
    over: {
      variables: 'variables: {n: 9}',
      features: F('"ema_{{ n }}": {indicator: ema, params: {length: 9}}', EMAS[1]!),
    },
    at: '"ema_{{ n }}"',
    path: 'features["ema_{{ n }}"]',
  },
  {
    code: 'E_VAR_NOT_SCALAR',
    over: { variables: 'variables: {flag: true}', name: 'name: "t_{{ flag }}"' },
    at: '"t_{{ flag }}"',
    path: 'name',
  },
  {
    code: 'E_VAR_OVERRIDE',
    over: { variables: 'variables: {n: 9}' },
    variables: { m: '3' },
    at: 'variables',
    path: 'variables.m',
  },
  {
    code: 'W_VAR_UNUSED',
    over: { variables: 'variables: {unused_n: 9}' },
    at: 'unused_n',
    path: 'variables.unused_n',
  },
  // §5 timeframes
  {
    code: 'E_TF_INVALID',
    over: { timeframes: 'timeframes: {low_tf: 8h, med_tf: 8h, high_tf: D, exec: low_tf}' },
    at: '8h',
    path: 'timeframes.low_tf',
  },
  {
    code: 'E_TF_UNSUPPORTED',
    over: { timeframes: 'timeframes: {low_tf: 1h, med_tf: 4h, high_tf: 1M, exec: low_tf}' },
    at: '1M',
    path: 'timeframes.high_tf',
  },
  {
    code: 'E_TF_EXEC_POINTER',
    over: { timeframes: 'timeframes: {low_tf: 15m, med_tf: 1h, high_tf: 4h, exec: 15m}' },
    at: '15m}',
    path: 'timeframes.exec',
  },
  {
    code: 'E_TF_HIERARCHY',
    over: { timeframes: 'timeframes: {low_tf: 1h, med_tf: 15m, high_tf: 4h, exec: low_tf}' },
    at: '{low_tf',
    path: 'timeframes',
  },
  {
    code: 'E_REQUIRED',
    over: { timeframes: 'timeframes: {low_tf: 15m, med_tf: 1h, exec: low_tf}' },
    at: 'timeframes',
    path: 'timeframes.high_tf',
  },
  {
    code: 'E_TF_ROLE',
    over: { features: F('ema_9: {indicator: ema, params: {length: 9}, tf: slow_tf}', EMAS[1]!) },
    at: 'slow_tf',
    path: 'features.ema_9.tf',
  },
  // §7 features
  {
    code: 'E_ID_SYNTAX',
    over: { features: F('9ema: {indicator: ema}', ...EMAS) },
    at: '9ema',
    path: 'features.9ema',
  },
  {
    code: 'E_ID_RESERVED',
    over: { features: F('close: {indicator: ema}', ...EMAS) },
    at: 'close:',
    path: 'features.close',
  },
  {
    code: 'E_ID_DUPLICATE',
    over: {
      features: F(...EMAS),
      structures: 'structures:\n  exec:\n    - {type: swing, key: ema_9, params: {left: 2, right: 2}}',
    },
    at: 'ema_9,',
    path: 'structures.exec[0].key',
  },
  {
    code: 'E_INDICATOR_UNKNOWN',
    over: { features: F('ema_9: {indicator: emaa, params: {length: 9}}', EMAS[1]!) },
    at: 'emaa',
    path: 'features.ema_9.indicator',
  },
  {
    code: 'E_PARAM_UNKNOWN',
    over: { features: F('ema_9: {indicator: ema, params: {lenght: 9}}', EMAS[1]!) },
    at: 'lenght',
    path: 'features.ema_9.params.lenght',
  },
  {
    code: 'E_PARAM_INVALID',
    over: { features: F('ema_9: {indicator: ema, params: {length: 9.5}}', EMAS[1]!) },
    at: '9.5',
    path: 'features.ema_9.params.length',
  },
  {
    code: 'E_CONFLICT',
    over: {
      features: F('ema_9: {indicator: ema, params: {length: 9, source: high}, source: low}', EMAS[1]!),
    },
    at: 'low}',
    path: 'features.ema_9.source',
  },
  {
    code: 'E_SOURCE_INVALID',
    over: { features: F('ema_9: {indicator: ema, params: {length: 9}, source: typical}', EMAS[1]!) },
    at: 'typical',
    path: 'features.ema_9.source',
  },
  {
    code: 'E_SOURCE_NOT_APPLICABLE',
    over: { features: F(...EMAS, 'atr_14: {indicator: atr, source: hl2}') },
    at: 'hl2',
    path: 'features.atr_14.source',
  },
  {
    code: 'E_UNKNOWN_KEY',
    over: { features: F('ema_9: {indicator: ema, param: {length: 9}}', EMAS[1]!) },
    at: 'param:',
    path: 'features.ema_9.param',
  },
  {
    code: 'E_REQUIRED',
    over: { features: F('ema_9: {params: {length: 9}}', EMAS[1]!) },
    at: 'ema_9:',
    path: 'features.ema_9.indicator',
  },
  {
    code: 'W_FEATURE_UNUSED',
    over: { features: F(...EMAS, 'rsi_14: {indicator: rsi}') },
    at: 'rsi_14',
    path: 'features.rsi_14',
  },
  // §8 structures
  {
    code: 'E_STRUCT_ROLE',
    over: { structures: 'structures:\n  fast:\n    - {type: swing, key: s, params: {left: 2, right: 2}}' },
    at: 'fast',
    path: 'structures.fast',
  },
  {
    code: 'E_STRUCT_LEGACY_FORM',
    over: {
      structures: 'structures:\n  med_tf:\n    "4h": [{type: swing, key: s, params: {left: 2, right: 2}}]',
    },
    at: '"4h"',
    path: 'structures.med_tf',
  },
  {
    code: 'E_STRUCT_TYPE_UNKNOWN',
    over: { structures: 'structures:\n  exec:\n    - {type: swings, key: s}' },
    at: 'swings',
    path: 'structures.exec[0].type',
  },
  {
    code: 'E_REQUIRED',
    over: { structures: 'structures:\n  exec:\n    - {type: swing, params: {left: 2, right: 2}}' },
    at: '{type',
    path: 'structures.exec[0].key',
  },
  {
    code: 'E_PARAM_REQUIRED',
    over: { structures: 'structures:\n  exec:\n    - {type: swing, key: s}' },
    at: '{type',
    path: 'structures.exec[0].params.left',
  },
  {
    code: 'E_STRUCT_USES_UNKNOWN',
    over: { structures: 'structures:\n  exec:\n    - {type: market_structure, key: ms, uses: swng}' },
    at: 'swng',
    path: 'structures.exec[0].uses',
  },
  {
    code: 'E_STRUCT_USES_ORDER',
    over: {
      structures:
        'structures:\n  exec:\n    - {type: market_structure, key: ms, uses: swing}\n    - {type: swing, key: swing, params: {left: 2, right: 2}}',
    },
    at: 'swing}',
    path: 'structures.exec[0].uses',
  },
  {
    code: 'E_STRUCT_USES_TF',
    over: {
      structures:
        'structures:\n  high_tf:\n    - {type: swing, key: swing, params: {left: 2, right: 2}}\n  exec:\n    - {type: market_structure, key: ms, uses: swing}',
    },
    at: 'swing}',
    path: 'structures.exec[0].uses',
  },
  {
    code: 'E_STRUCT_USES_TYPE',
    over: {
      structures:
        'structures:\n  exec:\n    - {type: rolling_window, key: rw, params: {size: 5, source: low, mode: min}}\n    - {type: market_structure, key: ms, uses: rw}',
    },
    at: 'rw}',
    path: 'structures.exec[1].uses',
  },
  {
    code: 'E_STRUCT_ATR_KEY',
    over: {
      structures:
        'structures:\n  exec:\n    - {type: swing, key: s, params: {mode: atr_zigzag, atr_key: atr_9}}',
    },
    at: 'atr_9',
    path: 'structures.exec[0].params.atr_key',
  },
  {
    code: 'W_PARAM_IGNORED',
    over: {
      features: F(...EMAS, 'atr: {indicator: atr}'),
      structures: 'structures:\n  exec:\n    - {type: swing, key: s, params: {mode: atr_zigzag, left: 2}}',
    },
    at: 'left',
    path: 'structures.exec[0].params.left',
  },
  // §9 references
  {
    code: 'E_REF_UNKNOWN',
    over: { actions: cond('["ema_99", ">", "ema_21"]') },
    at: '"ema_99"',
    path: 'actions.entry_long[0]',
  },
  {
    code: 'E_REF_FIELD',
    over: { features: F(...EMAS, 'macd: {indicator: macd}'), actions: cond('["macd.hist", ">", 0]') },
    at: '"macd.hist"',
    path: 'actions.entry_long[0]',
  },
  {
    code: 'E_REF_BARE_MULTI',
    over: { features: F(...EMAS, 'bb: {indicator: bbands}'), actions: cond('["close", "<", "bb"]') },
    at: '"bb"',
    path: 'actions.entry_long[2]',
  },
  {
    code: 'E_REF_SYNTAX',
    over: {
      structures:
        'structures:\n  exec:\n    - {type: swing, key: s, params: {left: 2, right: 2}}\n    - {type: fibonacci, key: fib, uses: s, params: {levels: [0.618]}}',
      actions: cond('["close", ">", "fib.level[x]"]'),
    },
    at: '"fib.level[x]"',
    path: 'actions.entry_long[2]',
  },
  {
    code: 'E_REF_SYNTAX',
    over: { actions: cond('["ema_9[1]", ">", "ema_21"]') },
    at: '"ema_9[1]"',
    path: 'actions.entry_long[0]',
  },
  {
    code: 'E_REF_OFFSET',
    over: { actions: cond('[{feature_id: ema_9, offset: 501}, ">", "ema_21"]') },
    at: '501',
    path: 'actions.entry_long[0].offset',
  },
  {
    code: 'E_REF_NOT_READABLE',
    over: {
      structures: 'structures:\n  exec:\n    - {type: swing, key: s, params: {left: 2, right: 2}}',
      actions: cond('["s.pair_anchor_hash", "==", 1]'),
    },
    at: '"s.pair_anchor_hash"',
    path: 'actions.entry_long[0]',
  },
  {
    code: 'E_POSITION_HISTORY',
    over: { actions: cond('[{feature_id: position, field: entry_price, offset: 3}, ">", 0]') },
    at: '3}',
    path: 'actions.entry_long[0].offset',
  },
  {
    code: 'E_POSITION_HISTORY',
    over: { actions: A('entry_long: {holds_for: {bars: 3, expr: [["position.bars_in_trade", ">", 1]]}}') },
    at: '["position.bars_in_trade"',
    path: 'actions.entry_long.holds_for.expr[0]',
  },
  // §10 conditions
  {
    code: 'E_EXPR_SHAPE',
    over: { actions: A('entry_long: ["ema_9"]') },
    at: '"ema_9"',
    path: 'actions.entry_long[0]',
  },
  {
    code: 'E_EXPR_AMBIGUOUS',
    over: { actions: A('entry_long: {all: [["ema_9", ">", "ema_21"]], any: [["ema_9", "<", 1]]}') },
    at: '{all',
    path: 'actions.entry_long',
  },
  { code: 'E_EXPR_EMPTY', over: { actions: A('entry_long: []') }, at: '[]', path: 'actions.entry_long' },
  {
    code: 'E_OP_UNKNOWN',
    over: { actions: cond('["ema_9", "=>", "ema_21"]') },
    at: '"=>"',
    path: 'actions.entry_long[1]',
  },
  {
    code: 'E_COND_ARITY',
    over: { actions: cond('["ema_9", ">", "ema_21", 5]') },
    at: '["ema_9"',
    path: 'actions.entry_long',
  },
  {
    code: 'E_COND_ARITY',
    over: { actions: cond('["ema_9", ">"]') },
    at: '["ema_9"',
    path: 'actions.entry_long',
  },
  {
    code: 'E_LHS_LITERAL',
    over: { actions: cond('[50, "<", "ema_9"]') },
    at: '50',
    path: 'actions.entry_long[0]',
  },
  {
    code: 'E_OP_TYPE',
    over: { structures: SWING_MS, actions: cond('["ms.bos_this_bar", ">", 0]') },
    at: '"ms.bos_this_bar"',
    path: 'actions.entry_long[0]',
  },
  {
    code: 'E_FLOAT_EQUALITY',
    over: { actions: cond('["ema_9", "==", 50]') },
    at: '"ema_9", "=="',
    path: 'actions.entry_long[0]',
  },
  {
    code: 'E_FLOAT_EQUALITY',
    over: { structures: SWING_MS, actions: cond('["ms.bias", "==", 1.0]') },
    at: '1.0',
    path: 'actions.entry_long[2]',
  },
  {
    code: 'E_ENUM_LITERAL',
    over: { structures: SWING_MS, actions: cond('["ms.bos_direction", "==", "bullsh"]') },
    at: '"bullsh"',
    path: 'actions.entry_long[2]',
  },
  {
    code: 'E_RHS_TYPE',
    over: { structures: SWING_MS, actions: cond('["ms.bos_this_bar", "==", 2]') },
    at: '2]',
    path: 'actions.entry_long[2]',
  },
  {
    code: 'E_BETWEEN',
    over: { actions: cond('["ema_9", "between", [70, 45]]') },
    at: '[70',
    path: 'actions.entry_long[2]',
  },
  {
    code: 'E_IN_LIST',
    over: { structures: SWING_MS, actions: cond('["ms.bias", "in", []]') },
    at: '[]',
    path: 'actions.entry_long[2]',
  },
  {
    code: 'E_TOLERANCE',
    over: { actions: cond('{lhs: ema_9, op: ">", rhs: ema_21, tolerance: 7}') },
    at: '7}',
    path: 'actions.entry_long.tolerance',
  },
  {
    code: 'E_TOLERANCE',
    over: { actions: cond('["ema_9", "near_abs", "ema_21"]') },
    at: '["ema_9"',
    path: 'actions.entry_long',
  },
  {
    code: 'E_TOLERANCE',
    over: { actions: cond('["ema_9", "near_pct", "ema_21", 150]') },
    at: '150',
    path: 'actions.entry_long[3]',
  },
  {
    code: 'W_NEAR_PCT_SMALL',
    over: { actions: cond('["ema_9", "near_pct", "ema_21", 0.05]') },
    at: '0.05',
    path: 'actions.entry_long[3]',
  },
  {
    code: 'E_ARITH',
    over: { structures: SWING_MS, actions: cond('[["ms.bos_this_bar", "+", 1], ">", 0]') },
    at: '"ms.bos_this_bar"',
    path: 'actions.entry_long[0][0]',
  },
  {
    code: 'E_WINDOW_PARAM',
    over: { actions: A('entry_long: {holds_for: {bars: 0, expr: [["ema_9", ">", "ema_21"]]}}') },
    at: '0,',
    path: 'actions.entry_long.holds_for.bars',
  },
  {
    code: 'E_DURATION',
    over: {
      actions: A('entry_long: {holds_for_duration: {duration: "2d", expr: [["ema_9", ">", "ema_21"]]}}'),
    },
    at: '"2d"',
    path: 'actions.entry_long.holds_for_duration.duration',
  },
  {
    code: 'E_ANCHOR_TF',
    over: {
      actions: A('entry_long: {holds_for: {bars: 2, anchor_tf: 7m, expr: [["ema_9", ">", "ema_21"]]}}'),
    },
    at: '7m',
    path: 'actions.entry_long.holds_for.anchor_tf',
  },
  {
    code: 'E_WINDOW_SPAN',
    over: { actions: A('entry_long: {occurred_within: {bars: 100, expr: [["last_price", ">", "ema_21"]]}}') },
    at: '{occurred_within',
    path: 'actions.entry_long',
  },
  {
    code: 'E_WINDOW_COST',
    over: {
      actions: A(
        'entry_long: {holds_for: {bars: 200, expr: {holds_for: {bars: 200, expr: [["ema_9", ">", "ema_21"]]}}}}',
      ),
    },
    at: ['{holds_for: {bars: 200', 2],
    path: 'actions.entry_long.holds_for.expr',
  },
  // §11 setups
  {
    code: 'E_SETUP_UNKNOWN',
    over: { actions: A('entry_long: {setup: trend_up}') },
    at: 'trend_up',
    path: 'actions.entry_long.setup',
  },
  {
    code: 'E_SETUP_CYCLE',
    over: { setups: 'setups:\n  a: {setup: b}\n  b: {setup: a}', actions: A('entry_long: {setup: a}') },
    at: 'a: {setup',
    path: 'setups.a',
  },
  {
    code: 'W_SETUP_UNUSED',
    over: { setups: 'setups:\n  spare: [["ema_9", ">", "ema_21"]]' },
    at: 'spare',
    path: 'setups.spare',
  },
  // §12 actions
  { code: 'E_ACTIONS_SHAPE', over: { actions: 'actions: entry_long' }, at: 'entry_long', path: 'actions' },
  {
    code: 'E_ACTION_UNKNOWN',
    over: { actions: A('enter_long: [["ema_9", ">", "ema_21"]]') },
    at: 'enter_long',
    path: 'actions.enter_long',
  },
  {
    code: 'E_BLOCK_SHAPE',
    over: { actions: 'actions:\n  - id: b1\n    cases:\n      - emit: [entry_long]' },
    at: 'emit:',
    path: 'actions[0].cases[0].when',
  },
  {
    code: 'E_INTENT',
    over: {
      actions:
        'actions:\n  - id: b1\n    cases:\n      - {when: [["ema_9", ">", "ema_21"]], emit: [{action: entry_long, percent: 50}]}',
    },
    at: '50',
    path: 'actions[0].cases[0].emit[0].percent',
  },
  {
    code: 'E_METADATA',
    over: {
      actions:
        'actions:\n  - id: b1\n    cases:\n      - {when: [["ema_9", ">", "ema_21"]], emit: [{action: entry_long, metadata: {stop_loss: 5}}]}',
    },
    at: 'stop_loss',
    path: 'actions[0].cases[0].emit[0].metadata.stop_loss',
  },
  {
    code: 'E_ID_DUPLICATE',
    over: {
      actions:
        'actions:\n  - {id: b1, cases: [{when: [["ema_9", ">", "ema_21"]], emit: [entry_long]}]}\n  - {id: b1, cases: [{when: [["ema_9", "<", "ema_21"]], emit: [entry_long]}]}',
    },
    at: ['b1', 2],
    path: 'actions[1].id',
  },
  {
    code: 'E_ACTION_MODE',
    over: { actions: A('entry_long: [["ema_9", ">", "ema_21"]]', 'entry_short: [["ema_9", "<", "ema_21"]]') },
    at: '[["ema_9", "<"',
    path: 'actions.entry_short',
  },
  {
    code: 'E_NO_ENTRY',
    over: {
      actions: A('exit_long: [["ema_9", "<", "ema_21"]]'),
      position_policy: 'position_policy: {exit_mode: signal}',
    },
    at: 'actions',
    path: 'actions',
  },
  {
    code: 'E_SCALE_OUT_DISABLED',
    over: {
      actions:
        'actions:\n  - {id: b1, cases: [{when: [["ema_9", ">", "ema_21"]], emit: [entry_long]}, {when: [["ema_9", "<", "ema_21"]], emit: [{action: exit_long, percent: 50}]}]}',
      position_policy: 'position_policy: {exit_mode: first_hit}',
    },
    at: '50',
    path: 'actions[0].cases[1].emit[0].percent',
  },
  // §13 position policy
  {
    code: 'E_UNSUPPORTED',
    over: { position_policy: 'position_policy: {max_positions_per_symbol: 2}' },
    at: '2}',
    path: 'position_policy.max_positions_per_symbol',
  },
  {
    code: 'E_CONFLICT',
    over: { position_policy: 'position_policy: {allow_flip: true}' },
    at: 'true',
    path: 'position_policy.allow_flip',
  },
  {
    code: 'E_ENUM',
    over: { position_policy: 'position_policy: {mode: long_onyl}' },
    at: 'long_onyl',
    path: 'position_policy.mode',
  },
  {
    code: 'W_DEPRECATED',
    over: { position_policy: 'position_policy: {max_positions: 1}' },
    at: 'max_positions',
    path: 'position_policy.max_positions',
  },
  {
    code: 'E_EXIT_MODE_SIGNAL_EXITS',
    over: { actions: A('entry_long: [["ema_9", ">", "ema_21"]]', 'exit_long: [["ema_9", "<", "ema_21"]]') },
    at: '[["ema_9", "<"',
    path: 'actions.exit_long',
  },
  {
    code: 'E_EXIT_MODE_NO_EXIT',
    over: { risk: null, position_policy: 'position_policy: {exit_mode: first_hit}' },
    at: 'first_hit',
    path: 'position_policy.exit_mode',
  },
  {
    code: 'E_EXIT_MODE_NO_SIGNAL',
    over: { position_policy: 'position_policy: {exit_mode: signal}' },
    at: 'signal',
    path: 'position_policy.exit_mode',
  },
  // §14 entry
  {
    code: 'E_STOP_TRIGGER_MET',
    over: { entry: 'entry: {order_type: STOP, stop_offset_pct: 0}' },
    at: '0}',
    path: 'entry.stop_offset_pct',
  },
  {
    code: 'E_STOP_TRIGGER_MET',
    over: { entry: 'entry: {order_type: stop_limit, limit_offset_pct: 0.1}' },
    at: 'stop_limit',
    path: 'entry.order_type',
  },
  {
    code: 'E_CONFLICT',
    over: { entry: 'entry: {order_type: MARKET, time_in_force: IOC}' },
    at: 'IOC',
    path: 'entry.time_in_force',
  },
  { code: 'E_ENUM', over: { entry: 'entry: {order_type: LIMT}' }, at: 'LIMT', path: 'entry.order_type' },
  // §15 risk
  {
    code: 'E_CONFLICT',
    over: { extra: 'risk_model: {sizing: {model: percent_equity, value: 10}}' },
    at: 'stop_loss_pct',
    path: 'risk.stop_loss_pct',
  },
  {
    code: 'E_UNSUPPORTED',
    over: { risk: 'risk: {stop_loss_pct: 2, sl_order_type: Limit}' },
    at: 'Limit',
    path: 'risk.sl_order_type',
  },
  {
    code: 'E_SL_PARAM',
    over: { risk: 'risk: {stop_loss: {type: percent}}' },
    at: '{type',
    path: 'risk.stop_loss.value',
  },
  {
    code: 'E_ATR_FEATURE',
    over: { risk: 'risk: {stop_loss: {type: atr_multiple, value: 2, atr_feature_id: ema_9}}' },
    at: 'ema_9}',
    path: 'risk.stop_loss.atr_feature_id',
  },
  {
    code: 'W_DEPRECATED',
    over: {
      features: F(...EMAS, 'atr_14: {indicator: atr}'),
      risk: 'risk: {stop_loss: {type: atr_multiple, value: 2, atr_key: atr_14}}',
    },
    at: 'atr_key',
    path: 'risk.stop_loss.atr_key',
  },
  {
    code: 'E_STRUCTURE_LEVEL',
    over: { risk: 'risk: {stop_loss: {type: structure}}' },
    at: '{type',
    path: 'risk.stop_loss',
  },
  {
    code: 'E_RR_WITHOUT_SL',
    over: { risk: 'risk: {take_profit: {type: rr_ratio, value: 2}}' },
    at: 'rr_ratio',
    path: 'risk.take_profit.type',
  },
  {
    code: 'E_SIZING_NEEDS_SL',
    over: { risk: 'risk: {take_profit_pct: 4, risk_per_trade_pct: 1}' },
    at: '{take_profit_pct',
    path: 'risk.risk_per_trade_pct',
  },
  {
    code: 'E_TP_LADDER',
    over: {
      risk: 'risk:\n  stop_loss_pct: 2\n  take_profit:\n    - {type: percent, value: 4, size_pct: 50}\n    - {type: percent, value: 3, size_pct: 50}',
      position_policy: 'position_policy: {allow_scale_out: true}',
    },
    at: '{type: percent, value: 3',
    path: 'risk.take_profit[1]',
  },
  {
    code: 'E_SCALE_OUT_DISABLED',
    over: {
      risk: 'risk:\n  stop_loss_pct: 2\n  take_profit:\n    - {type: percent, value: 4, size_pct: 50}\n    - {type: percent, value: 6, size_pct: 50}',
    },
    at: '- {type: percent, value: 4',
    path: 'risk.take_profit',
  },
  {
    code: 'E_TRAILING',
    over: { risk: 'risk: {stop_loss_pct: 2, trailing: {activation_pct: 1}}' },
    at: '{activation_pct',
    path: 'risk.trailing',
  },
  {
    code: 'E_CONFLICT',
    over: {
      account: 'account: {max_leverage: 3}',
      risk: null,
      extra:
        'risk_model: {stop_loss: {type: percent, value: 2}, sizing: {model: percent_equity, value: 10, max_leverage: 5}}',
    },
    at: '5}',
    path: 'risk_model.sizing.max_leverage',
  },
  // §16 synthetic / expected
  {
    code: 'E_PATTERN_UNKNOWN',
    over: { extra: 'synthetic: {pattern: trend_upp}' },
    at: 'trend_upp',
    path: 'synthetic.pattern',
  },
  {
    code: 'E_SYNTHETIC_CONFIG',
    over: { extra: 'synthetic: {pattern: range_wide, config: {triangle_slope: 0.1}}' },
    at: 'triangle_slope',
    path: 'synthetic.config.triangle_slope',
  },
  {
    code: 'E_EXPECTED',
    over: { extra: 'expected: {min_trades: 5, max_trades: 2}' },
    at: ['2}', 2],
    path: 'expected.max_trades',
  },
  {
    code: 'W_DEPRECATED',
    over: { extra: 'risk_limits: {max_drawdown_pct: 30}' },
    at: 'risk_limits',
    path: 'risk_limits',
  },
  {
    code: 'E_EXPECTED',
    over: { extra: 'expected: {min_win_rate_pct: 120}' },
    at: '120',
    path: 'expected.min_win_rate_pct',
  },
  {
    code: 'E_PARAM_INVALID',
    over: {
      features: F(...EMAS, 'avwap: {indicator: anchored_vwap, params: {anchor_structure: swing_x}}'),
      actions: A('entry_long: [["close", ">", "avwap.value"]]'),
    },
    at: 'swing_x',
    path: 'features.avwap.params.anchor_structure',
  },
  {
    code: 'E_CONFLICT',
    over: { extra: 'synthetic: {pattern: range_wide}\nvalidation: {pattern: trend_up_clean}' },
    at: 'trend_up_clean',
    path: 'validation.pattern',
  },
];

describe('diagnostic catalogue (play-dsl.md §18): one minimal bad play per code', () => {
  it.each(CASES.map((c, i) => [`${c.code} #${i}`, c] as const))('%s', (_name, c) => {
    const text = c.text ?? play(c.over);
    const ds = diagnosticsOf(text, c.variables ? { variables: c.variables } : {});
    const at =
      c.at === 'start'
        ? { line: 1, col: 1 }
        : typeof c.at === 'string'
          ? posOf(text, c.at)
          : Array.isArray(c.at)
            ? posOf(text, c.at[0], c.at[1])
            : (c.at as { line: number; col: number });
    const hit = ds.find(
      (d) => d.code === c.code && d.line === at.line && d.col === at.col && d.path === c.path,
    );
    expect(
      hit,
      `expected ${c.code} at ${at.line}:${at.col} ${c.path}\n${text}\ngot:\n${describeDiagnostics(ds)}`,
    ).toBeDefined();
    expect(hit!.severity).toBe(c.code.startsWith('W_') ? 'warning' : 'error');
    expect(hit!.file).toBe('test.yml');
  });

  it('reports E_FILE_READ for a missing file and for bytes that are not UTF-8', () => {
    const dir = mkdtempSync(join(tmpdir(), 'play-'));
    expect(checkPlayFile(join(dir, 'nope.yml')).diagnostics[0]?.code).toBe('E_FILE_READ');
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    const r = checkPlayFile(bad);
    expect(r.diagnostics[0]?.code).toBe('E_FILE_READ');
    expect(r.diagnostics[0]?.message).toMatch(/UTF-8/);
  });

  it('reports every error of a stage at once, sorted by position', () => {
    const text = play({
      account: 'account: {starting_equity: 5, slippage_bps: -1}',
      position_policy: 'position_policy: {mode: sideways}',
    });
    const ds = diagnosticsOf(text);
    expect(ds.map((d) => d.code)).toEqual(['E_UNKNOWN_KEY', 'E_RANGE', 'E_ENUM']);
    const lines = ds.map((d) => d.line * 1000 + d.col);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
  });

  it('reports every bad param of an indicator and a structure at once', () => {
    const text = play({
      features: F('ema_9: {indicator: macd, params: {fast: 0, slow: 1.5, sig: 3}}', EMAS[1]!),
      structures: 'structures:\n  exec:\n    - {type: swing, key: s, params: {left: 0, right: 200, foo: 1}}',
    });
    const ds = diagnosticsOf(text).filter((d) => d.code.startsWith('E_PARAM'));
    expect(ds.map((d) => [d.code, d.path])).toEqual([
      ['E_PARAM_INVALID', 'features.ema_9.params.fast'],
      ['E_PARAM_INVALID', 'features.ema_9.params.slow'],
      ['E_PARAM_UNKNOWN', 'features.ema_9.params.sig'],
      ['E_PARAM_INVALID', 'structures.exec[0].params.left'],
      ['E_PARAM_INVALID', 'structures.exec[0].params.right'],
      ['E_PARAM_UNKNOWN', 'structures.exec[0].params.foo'],
    ]);
    expect(ds[1]!.message).toBe("param 'slow' must be an integer, got 1.5");
  });

  it('offers did-you-mean candidates from the allowed set', () => {
    const ds = diagnosticsOf(play({ extra: 'positon_policy: {}' }));
    expect(ds[0]!.hint).toBe("did you mean 'position_policy'?");
  });

  it('points a template value at the template site with a related note at the variable', () => {
    const text = play({
      variables: 'variables: {len: 9.5}',
      features: F('ema_9: {indicator: ema, params: {length: "{{ len }}"}}', EMAS[1]!),
    });
    const d = diagnosticsOf(text).find((x) => x.code === 'E_PARAM_INVALID')!;
    expect({ line: d.line, col: d.col }).toEqual(posOf(text, '"{{ len }}"'));
    expect(d.related[0]).toMatchObject({ ...posOf(text, 'len:'), note: "variable 'len' declared here" });
  });

  it('reports errors inside aliased content at the alias site with the anchor as related', () => {
    const text = play({ extra: 'x_anchor: &p {pattern: nope}\nsynthetic: *p' }).replace(
      'x_anchor',
      'expected',
    );
    const fixed = text.replace(
      'expected: &p {pattern: nope}',
      'expected: {}\nvalidation: &p {pattern: nope}',
    );
    const ds = diagnosticsOf(fixed);
    const d = ds.find((x) => x.code === 'E_PATTERN_UNKNOWN')!;
    expect({ line: d.line, col: d.col }).toEqual(posOf(fixed, '*p'));
    expect(d.related[0]!.line).toBe(posOf(fixed, 'nope').line);
  });

  it('formats diagnostics as file:line:col, key path and hint (§1.3)', () => {
    const text = play({ actions: cond('["ema_9", "==", 50]') });
    const out = formatDiagnostics(checkPlay(text, { file: 'plays/ex1.yml' }).diagnostics);
    expect(out).toContain(
      `plays/ex1.yml:${posOf(text, '"ema_9", "==').line}:${posOf(text, '"ema_9", "==').col}: error[E_FLOAT_EQUALITY] exact equality on FLOAT 'ema_9' is not allowed`,
    );
    expect(out).toContain('  at actions.entry_long[0]');
    expect(out).toContain('  hint: use near_abs or near_pct');
  });

  it('caps the text form at 100 diagnostics and says how many more there are', () => {
    const many = Array.from({ length: 120 }, (_, i) => `  k${i}: 1`).join('\n');
    const ds = diagnosticsOf(play({ account: `account:\n${many}` }));
    expect(ds.length).toBe(120);
    expect(formatDiagnostics(ds).trimEnd().split('\n').at(-1)).toBe('… 20 more');
  });

  it('throws PlayLoadError carrying every diagnostic', () => {
    let err: unknown;
    try {
      parsePlay(play({ account: 'account: {a: 1, b: 2}' }), { file: 'x.yml' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PlayLoadError);
    expect((err as PlayLoadError).diagnostics).toHaveLength(2);
    expect((err as PlayLoadError).code).toBe('E_UNKNOWN_KEY');
  });
});
