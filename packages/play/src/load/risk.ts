import type { Operand } from '../conditions/ast';
import { type ExprContext, parseNumericSeries } from '../conditions/parse';
import { childPath, indexPath } from '../key-path';
import type {
  BreakEven,
  EntryPolicy,
  FeatureDecl,
  PositionPolicy,
  RiskModel,
  Sizing,
  StopLoss,
  StructureDecl,
  TakeProfitLeg,
  TakeProfitType,
  Trailing,
} from '../model';
import { entrySchema } from '../schema/sections';
import { checkWithZod, SECTION_CODES } from '../schema/zod-check';
import { didYouMeanHint } from '../suggest';
import { describeNodeType, mapEntry, scalarText, type YMap, type YNode } from '../yaml/tree';
import { checkKeys, entry, type LoadContext, reportAt, reportPos } from './context';

interface RiskEnv {
  readonly ctx: LoadContext;
  readonly ectx: ExprContext;
  readonly features: readonly FeatureDecl[];
  readonly structures: readonly StructureDecl[];
  readonly policy: PositionPolicy;
  ok: boolean;
}

function fail(
  env: RiskEnv,
  code: string,
  message: string,
  node: YNode,
  path: string,
  hint?: string,
): undefined {
  env.ok = false;
  reportAt(env.ctx, code, message, node, path, hint);
  return undefined;
}

/** A number at `key` with a range rule; missing → `missingCode` (or undefined when optional). */
function num(
  env: RiskEnv,
  map: YMap,
  path: string,
  key: string,
  rule: { min?: number; minExclusive?: boolean; max?: number; int?: boolean },
  missingCode?: string,
  missingMessage?: string,
): number | undefined {
  const e = mapEntry(map, key);
  const p = childPath(path, key);
  if (e === undefined) {
    if (missingCode !== undefined) {
      env.ok = false;
      reportAt(env.ctx, missingCode, missingMessage ?? `missing required key '${key}'`, map, p);
    }
    return undefined;
  }
  const v = e.value.kind === 'scalar' ? e.value.value : undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    return fail(
      env,
      'E_TYPE',
      `expected number, got ${describeNodeType(e.value)} '${scalarText(e.value)}'`,
      e.value,
      p,
    );
  }
  if (rule.int === true && !Number.isInteger(v))
    return fail(env, 'E_INTEGER', `${key} must be an integer, got ${v}`, e.value, p);
  const lowOk = rule.min === undefined || (rule.minExclusive ? v > rule.min : v >= rule.min);
  const highOk = rule.max === undefined || v <= rule.max;
  if (!lowOk || !highOk) {
    const lo = rule.min === undefined ? '' : `${rule.minExclusive ? '>' : '≥'} ${rule.min}`;
    const hi = rule.max === undefined ? '' : `≤ ${rule.max}`;
    return fail(
      env,
      'E_RANGE',
      `${key} must be ${[lo, hi].filter((s) => s !== '').join(' and ')}, got ${v}`,
      e.value,
      p,
    );
  }
  return v;
}

function str(env: RiskEnv, map: YMap, path: string, key: string): string | undefined {
  const e = mapEntry(map, key);
  if (e === undefined) return undefined;
  if (e.value.kind === 'scalar' && typeof e.value.value === 'string') return e.value.value;
  return fail(
    env,
    'E_TYPE',
    `expected string, got ${describeNodeType(e.value)} '${scalarText(e.value)}'`,
    e.value,
    childPath(path, key),
  );
}

/** The required `type` key of a stop-loss or take-profit map: one of `types` (E_REQUIRED, E_TYPE, E_ENUM). */
function requiredType(env: RiskEnv, map: YMap, path: string, types: readonly string[]): string | undefined {
  const type = str(env, map, path, 'type');
  if (type === undefined) {
    if (mapEntry(map, 'type') === undefined)
      return fail(
        env,
        'E_REQUIRED',
        "missing required key 'type'",
        map,
        childPath(path, 'type'),
        `one of ${types.join(', ')}`,
      );
    return undefined;
  }
  if (!types.includes(type)) {
    return fail(
      env,
      'E_ENUM',
      `'${type}' is not one of ${types.join(', ')}`,
      mapEntry(map, 'type')!.value,
      childPath(path, 'type'),
      didYouMeanHint(type, types, false),
    );
  }
  return type;
}

/** `atr_feature_id` (alias `atr_key`, W_DEPRECATED) naming a declared `atr` feature (E_ATR_FEATURE). */
function atrFeature(
  env: RiskEnv,
  map: YMap,
  path: string,
  required: boolean,
  fallback?: string,
): string | undefined {
  const primary = mapEntry(map, 'atr_feature_id');
  const alias = mapEntry(map, 'atr_key');
  if (alias !== undefined) {
    reportPos(
      env.ctx,
      'W_DEPRECATED',
      "'atr_key' is deprecated; use 'atr_feature_id'",
      alias.keyPos,
      childPath(path, 'atr_key'),
      'rename the key',
    );
    if (primary !== undefined) {
      return fail(
        env,
        'E_CONFLICT',
        "'atr_key' conflicts with 'atr_feature_id': give one",
        alias.value,
        childPath(path, 'atr_key'),
        'keep atr_feature_id',
      );
    }
  }
  const e = primary ?? alias;
  if (e === undefined) {
    if (fallback !== undefined) return fallback;
    if (required) {
      const atrs = env.features.filter((f) => f.indicator === 'atr').map((f) => f.id);
      env.ok = false;
      reportAt(
        env.ctx,
        'E_SL_PARAM',
        `${scalarText(mapEntry(map, 'type')?.value ?? map)} requires 'atr_feature_id'`,
        map,
        childPath(path, 'atr_feature_id'),
        atrs.length > 0 ? `e.g. atr_feature_id: ${atrs[0]}` : 'declare an atr feature and name it here',
      );
    }
    return undefined;
  }
  const p = childPath(path, primary ? 'atr_feature_id' : 'atr_key');
  const id = e.value.kind === 'scalar' ? String(e.value.value) : '';
  const f = env.features.find((x) => x.id === id);
  if (f === undefined || f.indicator !== 'atr') {
    const atrs = env.features.filter((x) => x.indicator === 'atr').map((x) => x.id);
    return fail(
      env,
      'E_ATR_FEATURE',
      `'${id}' is not an atr feature`,
      e.value,
      p,
      atrs.length > 0
        ? (didYouMeanHint(id, atrs) ?? `atr features: ${atrs.join(', ')}`)
        : `declare it: ${id}: {indicator: atr, params: {length: 14}}`,
    );
  }
  env.ectx.symbols.used.add(id);
  return id;
}

function structureRefs(
  env: RiskEnv,
  map: YMap,
  path: string,
  kind: 'stop_loss' | 'take_profit',
): { key: string | null; refLong: Operand | null; refShort: Operand | null } | undefined {
  const key = str(env, map, path, 'structure_key');
  const rl = mapEntry(map, 'ref_long');
  const rs = mapEntry(map, 'ref_short');
  if (key !== undefined && (rl || rs)) {
    return fail(
      env,
      'E_CONFLICT',
      "'structure_key' conflicts with 'ref_long': give one of them",
      (rl ?? rs)!.value,
      childPath(path, rl ? 'ref_long' : 'ref_short'),
      'keep structure_key or the two refs',
    );
  }
  if (key !== undefined) {
    const s = env.structures.find((x) => x.key === key);
    if (s === undefined || s.type !== 'swing') {
      const swings = env.structures.filter((x) => x.type === 'swing').map((x) => x.key);
      return fail(
        env,
        'E_STRUCTURE_LEVEL',
        'cannot determine the structure level',
        mapEntry(map, 'structure_key')!.value,
        childPath(path, 'structure_key'),
        swings.length > 0
          ? `structure_key must name a swing: ${swings.join(', ')}`
          : 'declare a swing structure',
      );
    }
    env.ectx.symbols.used.add(key);
    return { key, refLong: null, refShort: null };
  }
  if (rl || rs) {
    if (!rl || !rs) {
      return fail(
        env,
        'E_SL_PARAM',
        `${kind} type structure requires '${rl ? 'ref_short' : 'ref_long'}'`,
        map,
        childPath(path, rl ? 'ref_short' : 'ref_long'),
        'give ref_long and ref_short together',
      );
    }
    const a = parseNumericSeries(rl.value, childPath(path, 'ref_long'), env.ectx);
    const b = parseNumericSeries(rs.value, childPath(path, 'ref_short'), env.ectx);
    if (a === undefined || b === undefined) {
      env.ok = false;
      return undefined;
    }
    return { key: null, refLong: a.operand, refShort: b.operand };
  }
  const execSwings = env.structures.filter((x) => x.type === 'swing' && x.tf === env.ectx.timeframes.exec_tf);
  if (execSwings.length !== 1) {
    return fail(
      env,
      'E_STRUCTURE_LEVEL',
      'cannot determine the structure level',
      map,
      path,
      execSwings.length === 0
        ? 'declare a swing on the exec TF or give structure_key'
        : `several exec-TF swings (${execSwings.map((s) => s.key).join(', ')}): give structure_key`,
    );
  }
  env.ectx.symbols.used.add(execSwings[0]!.key);
  return { key: execSwings[0]!.key, refLong: null, refShort: null };
}

const SL_TYPES = [
  'percent',
  'atr_multiple',
  'fixed_points',
  'structure',
  'trailing_atr',
  'trailing_pct',
] as const;
const SL_KEYS: Readonly<Record<string, readonly string[]>> = {
  percent: ['type', 'value'],
  atr_multiple: ['type', 'value', 'atr_feature_id', 'atr_key', 'buffer_pct'],
  fixed_points: ['type', 'value'],
  structure: ['type', 'structure_key', 'ref_long', 'ref_short', 'buffer_pct', 'value'],
  trailing_atr: ['type', 'atr_multiplier', 'value', 'atr_feature_id', 'atr_key', 'activation_pct'],
  trailing_pct: ['type', 'trail_pct', 'value', 'activation_pct'],
};

function parseStopLoss(env: RiskEnv, node: YNode, path: string): StopLoss | undefined {
  if (node.kind !== 'map')
    return fail(
      env,
      'E_TYPE',
      `expected map, got ${describeNodeType(node)} '${scalarText(node)}'`,
      node,
      path,
      'stop_loss: {type: percent, value: 3}',
    );
  const type = requiredType(env, node, path, SL_TYPES);
  if (type === undefined) return undefined;
  if (!checkKeys(env.ctx, node, path, SL_KEYS[type]!, `stop_loss (${type})`)) {
    env.ok = false;
    return undefined;
  }
  const need = (k: string): string => `stop_loss type ${type} requires '${k}'`;
  const buffer = num(env, node, path, 'buffer_pct', { min: 0, max: 100 }) ?? 0;
  switch (type) {
    case 'percent': {
      const value = num(
        env,
        node,
        path,
        'value',
        { min: 0, minExclusive: true, max: 100 },
        'E_SL_PARAM',
        need('value'),
      );
      return value === undefined ? undefined : { type, value };
    }
    case 'fixed_points': {
      const value = num(
        env,
        node,
        path,
        'value',
        { min: 0, minExclusive: true },
        'E_SL_PARAM',
        need('value'),
      );
      return value === undefined ? undefined : { type, value };
    }
    case 'atr_multiple': {
      const value = num(
        env,
        node,
        path,
        'value',
        { min: 0, minExclusive: true, max: 100 },
        'E_SL_PARAM',
        need('value'),
      );
      const atr = atrFeature(env, node, path, true);
      return value === undefined || atr === undefined
        ? undefined
        : { type, value, atr_feature_id: atr, buffer_pct: buffer };
    }
    case 'structure': {
      const refs = structureRefs(env, node, path, 'stop_loss');
      const value = num(env, node, path, 'value', { min: 0, minExclusive: true, max: 100 });
      return refs === undefined
        ? undefined
        : {
            type,
            structure_key: refs.key,
            ref_long: refs.refLong,
            ref_short: refs.refShort,
            buffer_pct: buffer,
            value: value ?? null,
          };
    }
    case 'trailing_atr': {
      const both = mapEntry(node, 'atr_multiplier') && mapEntry(node, 'value');
      if (both)
        return fail(
          env,
          'E_CONFLICT',
          "'atr_multiplier' conflicts with 'value': give one",
          mapEntry(node, 'value')!.value,
          childPath(path, 'value'),
          'keep atr_multiplier',
        );
      const mult =
        num(env, node, path, 'atr_multiplier', { min: 0, minExclusive: true }) ??
        num(
          env,
          node,
          path,
          'value',
          { min: 0, minExclusive: true },
          mapEntry(node, 'atr_multiplier') ? undefined : 'E_SL_PARAM',
          need('atr_multiplier'),
        );
      const atr = atrFeature(env, node, path, true);
      const act = num(env, node, path, 'activation_pct', { min: 0 }) ?? 0;
      return mult === undefined || atr === undefined
        ? undefined
        : { type, atr_multiplier: mult, atr_feature_id: atr, activation_pct: act };
    }
    default: {
      const both = mapEntry(node, 'trail_pct') && mapEntry(node, 'value');
      if (both)
        return fail(
          env,
          'E_CONFLICT',
          "'trail_pct' conflicts with 'value': give one",
          mapEntry(node, 'value')!.value,
          childPath(path, 'value'),
          'keep trail_pct',
        );
      const pct =
        num(env, node, path, 'trail_pct', { min: 0, minExclusive: true, max: 100 }) ??
        num(
          env,
          node,
          path,
          'value',
          { min: 0, minExclusive: true, max: 100 },
          mapEntry(node, 'trail_pct') ? undefined : 'E_SL_PARAM',
          need('trail_pct'),
        );
      const act = num(env, node, path, 'activation_pct', { min: 0 }) ?? 0;
      return pct === undefined ? undefined : { type: 'trailing_pct', trail_pct: pct, activation_pct: act };
    }
  }
}

const TP_TYPES: readonly TakeProfitType[] = [
  'percent',
  'rr_ratio',
  'atr_multiple',
  'fixed_points',
  'structure',
];
const TP_KEYS = [
  'type',
  'value',
  'atr_feature_id',
  'atr_key',
  'size_pct',
  'structure_key',
  'ref_long',
  'ref_short',
  'buffer_pct',
];

function parseLeg(
  env: RiskEnv,
  node: YNode,
  path: string,
  inList: boolean,
  hasSl: boolean,
): TakeProfitLeg | undefined {
  if (node.kind !== 'map')
    return fail(
      env,
      'E_TYPE',
      `expected map, got ${describeNodeType(node)} '${scalarText(node)}'`,
      node,
      path,
      'take_profit: {type: rr_ratio, value: 2}',
    );
  if (!checkKeys(env.ctx, node, path, TP_KEYS, 'take_profit')) {
    env.ok = false;
    return undefined;
  }
  const type = requiredType(env, node, path, TP_TYPES);
  if (type === undefined) return undefined;
  const t = type as TakeProfitType;
  const need = `take_profit type ${t} requires 'value'`;
  let value: number | undefined;
  let atr: string | null = null;
  let sk: string | null = null;
  let rl: Operand | null = null;
  let rs: Operand | null = null;
  switch (t) {
    case 'percent':
      value = num(env, node, path, 'value', { min: 0, minExclusive: true, max: 10000 }, 'E_SL_PARAM', need);
      break;
    case 'rr_ratio':
      value = num(env, node, path, 'value', { min: 0, minExclusive: true, max: 100 }, 'E_SL_PARAM', need);
      if (!hasSl)
        return fail(
          env,
          'E_RR_WITHOUT_SL',
          'take_profit rr_ratio needs a stop loss',
          mapEntry(node, 'type')!.value,
          childPath(path, 'type'),
          'add stop_loss',
        );
      break;
    case 'atr_multiple':
      value = num(env, node, path, 'value', { min: 0, minExclusive: true, max: 100 }, 'E_SL_PARAM', need);
      atr = atrFeature(env, node, path, true) ?? null;
      if (atr === null) return undefined;
      break;
    case 'fixed_points':
      value = num(env, node, path, 'value', { min: 0, minExclusive: true }, 'E_SL_PARAM', need);
      break;
    default: {
      const refs = structureRefs(env, node, path, 'take_profit');
      if (refs === undefined) return undefined;
      sk = refs.key;
      rl = refs.refLong;
      rs = refs.refShort;
      value = num(env, node, path, 'value', { min: 0, minExclusive: true, max: 10000 });
    }
  }
  if (value === undefined && t !== 'structure') return undefined;
  let size = 100;
  const sizeEntry = mapEntry(node, 'size_pct');
  if (inList) {
    const s = num(
      env,
      node,
      path,
      'size_pct',
      { min: 0, minExclusive: true, max: 100 },
      'E_TP_LADDER',
      'take_profit ladder: every leg needs size_pct',
    );
    if (s === undefined) return undefined;
    size = s;
  } else if (sizeEntry !== undefined) {
    const s = num(env, node, path, 'size_pct', { min: 0, minExclusive: true, max: 100 });
    if (s === undefined) return undefined;
    if (s !== 100)
      return fail(
        env,
        'E_TP_LADDER',
        'take_profit ladder: a single take_profit map has size_pct 100',
        sizeEntry.value,
        childPath(path, 'size_pct'),
        'write a list of legs for partial take profits',
      );
  }
  const buffer = num(env, node, path, 'buffer_pct', { min: 0, max: 100 }) ?? 0;
  return {
    type: t,
    value: value ?? null,
    size_pct: size,
    atr_feature_id: atr,
    structure_key: sk,
    ref_long: rl,
    ref_short: rs,
    buffer_pct: buffer,
  };
}

function parseTakeProfit(
  env: RiskEnv,
  node: YNode,
  path: string,
  hasSl: boolean,
): TakeProfitLeg[] | undefined {
  if (node.kind !== 'seq') {
    const leg = parseLeg(env, node, path, false, hasSl);
    return leg === undefined ? undefined : [leg];
  }
  if (node.items.length < 1 || node.items.length > 8) {
    return fail(env, 'E_TP_LADDER', `take_profit ladder: 1..8 legs, got ${node.items.length}`, node, path);
  }
  const legs: TakeProfitLeg[] = [];
  for (let i = 0; i < node.items.length; i++) {
    const leg = parseLeg(env, node.items[i]!, indexPath(path, i), true, hasSl);
    if (leg === undefined) return undefined;
    legs.push(leg);
  }
  if (legs.some((l) => l.type !== legs[0]!.type))
    return fail(env, 'E_TP_LADDER', 'take_profit ladder: all legs have the same type', node, path);
  for (let i = 1; i < legs.length; i++) {
    const a = legs[i - 1]!.value;
    const b = legs[i]!.value;
    if (a !== null && b !== null && !(b > a)) {
      return fail(
        env,
        'E_TP_LADDER',
        'take_profit ladder: value strictly increasing',
        node.items[i]!,
        indexPath(path, i),
        `leg ${i + 1} value ${b} must exceed ${a}`,
      );
    }
  }
  const total = legs.reduce((s, l) => s + l.size_pct, 0);
  if (total > 100 + 1e-9)
    return fail(env, 'E_TP_LADDER', `take_profit ladder: Σ size_pct ≤ 100, got ${total}`, node, path);
  if ((legs.length > 1 || total < 100) && !env.policy.allow_scale_out) {
    return fail(
      env,
      'E_SCALE_OUT_DISABLED',
      'partial exits need position_policy.allow_scale_out: true',
      node,
      path,
      'set position_policy.allow_scale_out: true',
    );
  }
  return legs;
}

function parseTrailing(env: RiskEnv, node: YNode, path: string, sl: StopLoss | null): Trailing | undefined {
  if (node.kind !== 'map')
    return fail(
      env,
      'E_TYPE',
      `expected map, got ${describeNodeType(node)} '${scalarText(node)}'`,
      node,
      path,
      'trailing: {trail_pct: 1.0}',
    );
  if (
    !checkKeys(
      env.ctx,
      node,
      path,
      ['atr_multiplier', 'atr_feature_id', 'atr_key', 'trail_pct', 'activation_pct'],
      'trailing',
    )
  ) {
    env.ok = false;
    return undefined;
  }
  const hasAtr = mapEntry(node, 'atr_multiplier') !== undefined;
  const hasPct = mapEntry(node, 'trail_pct') !== undefined;
  if (hasAtr === hasPct)
    return fail(env, 'E_TRAILING', 'trailing needs exactly one of atr_multiplier, trail_pct', node, path);
  const act = num(env, node, path, 'activation_pct', { min: 0 }) ?? 0;
  if (hasAtr) {
    const mult = num(env, node, path, 'atr_multiplier', { min: 0, minExclusive: true });
    const slAtr =
      sl !== null && (sl.type === 'atr_multiple' || sl.type === 'trailing_atr')
        ? sl.atr_feature_id
        : undefined;
    const atr = atrFeature(env, node, path, true, slAtr);
    if (mult === undefined || atr === undefined) return undefined;
    return { mode: 'atr', atr_multiplier: mult, atr_feature_id: atr, activation_pct: act };
  }
  const pct = num(env, node, path, 'trail_pct', { min: 0, minExclusive: true, max: 100 });
  return pct === undefined ? undefined : { mode: 'pct', trail_pct: pct, activation_pct: act };
}

function parseBreakEven(env: RiskEnv, node: YNode, path: string, legs: number): BreakEven | undefined {
  const map =
    node.kind === 'scalar' && node.value === null ? { ...node, kind: 'map' as const, entries: [] } : node;
  if (map.kind !== 'map')
    return fail(
      env,
      'E_TYPE',
      `expected map, got ${describeNodeType(node)} '${scalarText(node)}'`,
      node,
      path,
      'break_even: {activation_pct: 1.0}',
    );
  if (!checkKeys(env.ctx, map, path, ['activation_pct', 'after_tp_leg', 'offset_pct'], 'break_even')) {
    env.ok = false;
    return undefined;
  }
  const act = num(env, map, path, 'activation_pct', { min: 0, minExclusive: true });
  const leg = num(env, map, path, 'after_tp_leg', { min: 1, int: true });
  if (leg !== undefined && leg > legs) {
    return fail(
      env,
      'E_RANGE',
      `after_tp_leg must be ≤ the ladder length ${legs}, got ${leg}`,
      mapEntry(map, 'after_tp_leg')!.value,
      childPath(path, 'after_tp_leg'),
    );
  }
  const offset = num(env, map, path, 'offset_pct', { min: 0 }) ?? 0.1;
  if (map.entries.length === 0) return { activation_pct: 1.0, after_tp_leg: null, offset_pct: 0.1 };
  if (act === undefined && leg === undefined) {
    if (mapEntry(map, 'activation_pct') || mapEntry(map, 'after_tp_leg')) return undefined;
    return fail(
      env,
      'E_REQUIRED',
      "missing required key 'activation_pct'",
      map,
      childPath(path, 'activation_pct'),
      'give activation_pct (price %) and/or after_tp_leg',
    );
  }
  return { activation_pct: act ?? null, after_tp_leg: leg ?? null, offset_pct: offset };
}

function orderType(
  env: RiskEnv,
  map: YMap,
  path: string,
  key: 'tp_order_type' | 'sl_order_type',
): 'Market' | 'Limit' | undefined {
  const e = mapEntry(map, key);
  if (e === undefined) return undefined;
  const text = e.value.kind === 'scalar' ? String(e.value.value) : '';
  const norm =
    text.toLowerCase() === 'market' ? 'Market' : text.toLowerCase() === 'limit' ? 'Limit' : undefined;
  const p = childPath(path, key);
  if (norm === undefined) return fail(env, 'E_ENUM', `'${text}' is not one of Market, Limit`, e.value, p);
  if (key === 'sl_order_type' && norm === 'Limit')
    return fail(
      env,
      'E_UNSUPPORTED',
      'sl_order_type Limit is not supported',
      e.value,
      p,
      'stop losses are market orders: sl_order_type: Market',
    );
  return norm;
}

const SHORTHAND_KEYS = [
  'stop_loss_pct',
  'stop_loss',
  'take_profit_pct',
  'take_profit',
  'max_position_pct',
  'risk_per_trade_pct',
  'trailing',
  'break_even',
  'tp_order_type',
  'sl_order_type',
];
const FULL_KEYS = [
  'stop_loss',
  'take_profit',
  'sizing',
  'trailing',
  'break_even',
  'tp_order_type',
  'sl_order_type',
];

export interface RiskResult {
  readonly risk: RiskModel;
  /** Leverage supplied by `risk_model.sizing.max_leverage` when the account gives none (§6.2). */
  readonly leverage: number | undefined;
}

/** §15: `risk` shorthand and `risk_model`, mapped to the risk_model shape. */
export function checkRisk(
  ctx: LoadContext,
  ectx: ExprContext,
  features: readonly FeatureDecl[],
  structures: readonly StructureDecl[],
  policy: PositionPolicy,
  account: { leverageGiven: boolean; leverage: number; riskPerTradePct: number | null },
): RiskResult | undefined {
  const env: RiskEnv = { ctx, ectx, features, structures, policy, ok: true };
  const re = entry(ctx, 'risk');
  const rme = entry(ctx, 'risk_model');
  const short = re?.value;
  const full = rme?.value;
  if (short !== undefined && short.kind !== 'map')
    return fail(
      env,
      'E_TYPE',
      `expected map, got ${describeNodeType(short)} '${scalarText(short)}'`,
      short,
      'risk',
    );
  if (full !== undefined && full.kind !== 'map')
    return fail(
      env,
      'E_TYPE',
      `expected map, got ${describeNodeType(full)} '${scalarText(full)}'`,
      full,
      'risk_model',
    );
  if (short !== undefined && full !== undefined) {
    for (const e of short.entries) {
      if (e.key === 'tp_order_type' || e.key === 'sl_order_type') continue;
      reportPos(
        ctx,
        'E_CONFLICT',
        `'risk.${e.key}' conflicts with 'risk_model': use one risk section`,
        e.keyPos,
        childPath('risk', e.key),
        'move it into risk_model (risk may only carry tp_order_type/sl_order_type next to risk_model)',
      );
      env.ok = false;
    }
    if (!env.ok) return undefined;
  }
  let sl: StopLoss | null = null;
  let tp: TakeProfitLeg[] = [];
  let sizing: Sizing | undefined;
  let trailing: Trailing | null = null;
  let breakEven: BreakEven | null = null;
  let leverage: number | undefined;
  const sizingSources: string[] = [];
  if (account.riskPerTradePct !== null) sizingSources.push('account.risk_per_trade_pct');

  const section = full ?? short;
  const sPath = full !== undefined ? 'risk_model' : 'risk';
  if (section !== undefined) {
    if (!checkKeys(ctx, section, sPath, full !== undefined ? FULL_KEYS : SHORTHAND_KEYS, sPath))
      return undefined;
    if (full === undefined) {
      const slPct = mapEntry(section, 'stop_loss_pct');
      const slMap = mapEntry(section, 'stop_loss');
      if (slPct && slMap)
        return fail(
          env,
          'E_CONFLICT',
          "'stop_loss_pct' conflicts with 'stop_loss': give one",
          slMap.value,
          'risk.stop_loss',
          'keep one',
        );
      const tpPct = mapEntry(section, 'take_profit_pct');
      const tpMap = mapEntry(section, 'take_profit');
      if (tpPct && tpMap)
        return fail(
          env,
          'E_CONFLICT',
          "'take_profit_pct' conflicts with 'take_profit': give one",
          tpMap.value,
          'risk.take_profit',
          'keep one',
        );
      const slv = num(env, section, sPath, 'stop_loss_pct', { min: 0, minExclusive: true, max: 100 });
      if (slv !== undefined) sl = { type: 'percent', value: slv };
      const tpv = num(env, section, sPath, 'take_profit_pct', { min: 0, minExclusive: true, max: 10000 });
      if (tpv !== undefined)
        tp = [
          {
            type: 'percent',
            value: tpv,
            size_pct: 100,
            atr_feature_id: null,
            structure_key: null,
            ref_long: null,
            ref_short: null,
            buffer_pct: 0,
          },
        ];
      const mpp = num(env, section, sPath, 'max_position_pct', { min: 0, minExclusive: true, max: 100 });
      const rpt = num(env, section, sPath, 'risk_per_trade_pct', { min: 0, minExclusive: true, max: 100 });
      if (mpp !== undefined && rpt !== undefined)
        return fail(
          env,
          'E_CONFLICT',
          "'risk_per_trade_pct' conflicts with 'max_position_pct': they pick different sizing models",
          mapEntry(section, 'risk_per_trade_pct')!.value,
          'risk.risk_per_trade_pct',
          'keep one',
        );
      if (mpp !== undefined) {
        sizing = { model: 'percent_equity', value: mpp };
        sizingSources.push('risk.max_position_pct');
      }
      if (rpt !== undefined) {
        sizing = { model: 'risk_based', value: rpt };
        sizingSources.push('risk.risk_per_trade_pct');
      }
    } else {
      const sz = mapEntry(section, 'sizing');
      if (sz === undefined) {
        reportPos(
          ctx,
          'E_REQUIRED',
          "missing required key 'sizing'",
          rme!.keyPos,
          'risk_model.sizing',
          'sizing: {model: percent_equity, value: 10}',
        );
        return undefined;
      }
      sizingSources.push('risk_model.sizing');
      const zp = 'risk_model.sizing';
      if (sz.value.kind !== 'map')
        return fail(
          env,
          'E_TYPE',
          `expected map, got ${describeNodeType(sz.value)} '${scalarText(sz.value)}'`,
          sz.value,
          zp,
        );
      if (!checkKeys(ctx, sz.value, zp, ['model', 'value', 'max_leverage'], 'sizing')) return undefined;
      const model = str(env, sz.value, zp, 'model') ?? 'percent_equity';
      const models = ['percent_equity', 'risk_based', 'fixed_usdt'];
      if (!models.includes(model))
        return fail(
          env,
          'E_ENUM',
          `'${model}' is not one of ${models.join(', ')}`,
          mapEntry(sz.value, 'model')!.value,
          `${zp}.model`,
          didYouMeanHint(model, models, false),
        );
      const value = num(
        env,
        sz.value,
        zp,
        'value',
        model === 'fixed_usdt' ? { min: 0, minExclusive: true } : { min: 0, minExclusive: true, max: 100 },
        'E_REQUIRED',
      );
      leverage = num(env, sz.value, zp, 'max_leverage', { min: 1, max: 200 });
      if (leverage !== undefined && account.leverageGiven && leverage !== account.leverage) {
        return fail(
          env,
          'E_CONFLICT',
          `'risk_model.sizing.max_leverage' conflicts with 'account.max_leverage': ${leverage} vs ${account.leverage}`,
          mapEntry(sz.value, 'max_leverage')!.value,
          `${zp}.max_leverage`,
          'keep account.max_leverage (the one leverage source)',
        );
      }
      if (value !== undefined) sizing = { model: model as Sizing['model'], value };
    }
    const slNode = mapEntry(section, 'stop_loss');
    if (slNode !== undefined) sl = parseStopLoss(env, slNode.value, childPath(sPath, 'stop_loss')) ?? null;
    const tpNode = mapEntry(section, 'take_profit');
    if (tpNode !== undefined && env.ok)
      tp = parseTakeProfit(env, tpNode.value, childPath(sPath, 'take_profit'), sl !== null) ?? [];
    const trNode = mapEntry(section, 'trailing');
    if (trNode !== undefined && env.ok)
      trailing = parseTrailing(env, trNode.value, childPath(sPath, 'trailing'), sl) ?? null;
    if (sl !== null && trailing !== null && (sl.type === 'trailing_atr' || sl.type === 'trailing_pct')) {
      const same =
        (sl.type === 'trailing_atr' &&
          trailing.mode === 'atr' &&
          trailing.atr_multiplier === sl.atr_multiplier &&
          trailing.atr_feature_id === sl.atr_feature_id &&
          trailing.activation_pct === sl.activation_pct) ||
        (sl.type === 'trailing_pct' &&
          trailing.mode === 'pct' &&
          trailing.trail_pct === sl.trail_pct &&
          trailing.activation_pct === sl.activation_pct);
      if (!same)
        return fail(
          env,
          'E_CONFLICT',
          `'trailing' conflicts with 'stop_loss': type ${sl.type} already defines the trailing stop`,
          trNode!.value,
          childPath(sPath, 'trailing'),
          'keep one of them',
        );
    }
    if (sl !== null && trailing === null) {
      if (sl.type === 'trailing_atr')
        trailing = {
          mode: 'atr',
          atr_multiplier: sl.atr_multiplier,
          atr_feature_id: sl.atr_feature_id,
          activation_pct: sl.activation_pct,
        };
      if (sl.type === 'trailing_pct')
        trailing = { mode: 'pct', trail_pct: sl.trail_pct, activation_pct: sl.activation_pct };
    }
    const beNode = mapEntry(section, 'break_even');
    if (beNode !== undefined && env.ok)
      breakEven = parseBreakEven(env, beNode.value, childPath(sPath, 'break_even'), tp.length) ?? null;
  }
  let tpOrder: 'Market' | 'Limit' = 'Market';
  for (const [sec, p] of [
    [short, 'risk'],
    [full, 'risk_model'],
  ] as const) {
    if (sec === undefined) continue;
    const t = orderType(env, sec, p, 'tp_order_type');
    if (t !== undefined) tpOrder = t;
    orderType(env, sec, p, 'sl_order_type');
  }
  if (sizingSources.length > 1) {
    const node = full ?? short ?? ctx.root;
    return fail(
      env,
      'E_CONFLICT',
      `'${sizingSources[0]}' conflicts with '${sizingSources[1]}': both set the sizing value`,
      node,
      sizingSources[1]!,
      'keep one sizing value',
    );
  }
  if (sizing === undefined) {
    sizing =
      account.riskPerTradePct !== null
        ? { model: 'percent_equity', value: account.riskPerTradePct }
        : { model: 'percent_equity', value: 10 };
  }
  if (sizing.model === 'risk_based' && sl === null) {
    return fail(
      env,
      'E_SIZING_NEEDS_SL',
      'sizing risk_based needs a stop loss',
      (full ?? short)!,
      full ? 'risk_model.sizing.model' : 'risk.risk_per_trade_pct',
      'add stop_loss',
    );
  }
  if (!env.ok) return undefined;
  return {
    risk: {
      stop_loss: sl,
      take_profit: tp,
      sizing,
      trailing,
      break_even: breakEven,
      tp_order_type: tpOrder,
      sl_order_type: 'Market',
    },
    leverage: account.leverageGiven ? undefined : leverage,
  };
}

const LAST_PRICE: Operand = { kind: 'ref', id: 'last_price', field: 'value', offset: 0 };

/** §14 entry. */
export function checkEntry(ctx: LoadContext, ectx: ExprContext): EntryPolicy | undefined {
  const e = entry(ctx, 'entry');
  if (e === undefined) {
    return {
      order_type: 'MARKET',
      price_ref: LAST_PRICE,
      limit_offset_pct: 0,
      stop_offset_pct: 0,
      time_in_force: 'GTC',
      expire_after_bars: 0,
    };
  }
  const parsed = checkWithZod(entrySchema, e.value, 'entry', ctx.bag, SECTION_CODES('entry'), e.keyPos);
  if (parsed === undefined || e.value.kind !== 'map') return undefined;
  const map = e.value;
  let priceRef: Operand = LAST_PRICE;
  const prNode = mapEntry(map, 'price_ref')?.value;
  let refIsLastPrice = true;
  if (prNode !== undefined) {
    const r = parseNumericSeries(prNode, 'entry.price_ref', ectx);
    if (r === undefined) return undefined;
    priceRef = r.operand;
    refIsLastPrice = r.operand.kind === 'ref' && r.operand.id === 'last_price' && r.operand.offset === 0;
  }
  const type = parsed.order_type;
  const tif = parsed.time_in_force ?? 'GTC';
  const conflict = (key: string, why: string, hint: string): undefined => {
    const node = mapEntry(map, key)!;
    reportAt(
      ctx,
      'E_CONFLICT',
      `'${key}' conflicts with 'order_type': ${why}`,
      node.value,
      `entry.${key}`,
      hint,
    );
    return undefined;
  };
  let ok = true;
  if (parsed.time_in_force !== undefined && tif !== 'GTC' && type !== 'LIMIT') {
    conflict(
      'time_in_force',
      `${tif} needs a LIMIT entry`,
      type === 'MARKET' ? 'remove time_in_force' : 'STOP/STOP_LIMIT entries rest as GTC',
    );
    ok = false;
  }
  if (type === 'MARKET' && parsed.expire_after_bars !== 0) {
    conflict('expire_after_bars', 'a MARKET entry fills at once', 'remove expire_after_bars or use LIMIT');
    ok = false;
  }
  if ((type === 'MARKET' || type === 'STOP') && parsed.limit_offset_pct !== 0) {
    conflict(
      'limit_offset_pct',
      `${type} entries have no limit price`,
      'remove limit_offset_pct or use LIMIT/STOP_LIMIT',
    );
    ok = false;
  }
  if ((type === 'MARKET' || type === 'LIMIT') && parsed.stop_offset_pct !== 0) {
    conflict(
      'stop_offset_pct',
      `${type} entries have no trigger`,
      'remove stop_offset_pct or use STOP/STOP_LIMIT',
    );
    ok = false;
  }
  if ((type === 'STOP' || type === 'STOP_LIMIT') && parsed.stop_offset_pct === 0 && refIsLastPrice) {
    const node = mapEntry(map, 'stop_offset_pct')?.value ?? mapEntry(map, 'order_type')!.value;
    reportAt(
      ctx,
      'E_STOP_TRIGGER_MET',
      `${type} entry with stop_offset_pct 0 triggers at the reference price and would be rejected on every signal`,
      node,
      mapEntry(map, 'stop_offset_pct') ? 'entry.stop_offset_pct' : 'entry.order_type',
      'set stop_offset_pct > 0, or use order_type: MARKET',
    );
    ok = false;
  }
  if (!ok) return undefined;
  return {
    order_type: type,
    price_ref: priceRef,
    limit_offset_pct: parsed.limit_offset_pct,
    stop_offset_pct: parsed.stop_offset_pct,
    time_in_force: tif,
    expire_after_bars: parsed.expire_after_bars,
  };
}
