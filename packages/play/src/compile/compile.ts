import { MINUTE_MS, tfMinutes } from '@trade/core';
import type { Catalog, FieldInfo, ValueType } from '../catalog';
import { readsMinutePrices } from '../conditions/analyze';
import {
  type CondNode,
  type Expr,
  isRange,
  type Literal,
  type Operand,
  type RangeNode,
  type RefNode,
  type WindowNode,
} from '../conditions/ast';
import { POSITION_FIELDS } from '../conditions/symbols';
import { playHash } from '../hash';
import type { Intent, Play, TakeProfitLeg } from '../model';
import { defaultCatalog } from '../registries';
import type { PlayTimeframe } from '../timeframes';
import {
  type CompiledCondition,
  type CompiledValue,
  type EvalContext,
  FALSE,
  MISSING,
  type PositionField,
  TRUE,
  type Truth,
} from './eval-context';
import type {
  CompiledBlock,
  CompiledIntent,
  CompiledMetadata,
  CompiledPlay,
  CompiledTakeProfitLeg,
  FeatureLayout,
  SidedLevel,
  SlotInfo,
  SlotSource,
  StructureLayout,
  TimeframeLayout,
} from './layout';

interface MutableSlot extends Omit<SlotInfo, 'lookbackBars'> {
  lookbackBars: number;
}

/** Builds the slot table while compiling; one slot per distinct (series, field). */
class SlotTable {
  readonly slots: MutableSlot[] = [];
  private readonly byKey = new Map<string, MutableSlot>();

  constructor(
    private readonly play: Play,
    private readonly execTf: PlayTimeframe,
  ) {}

  slotFor(ref: RefNode, lookbackMinutes: number): MutableSlot {
    const key = `${ref.id}\u0000${ref.field}`;
    let slot = this.byKey.get(key);
    if (slot === undefined) {
      slot = this.create(ref);
      this.byKey.set(key, slot);
      this.slots.push(slot);
    }
    const tfMin = slot.tf === null ? 0 : tfMinutes(slot.tf);
    const lb = ref.offset + (tfMin > 0 ? Math.ceil(lookbackMinutes / tfMin) : 0);
    if (lb > slot.lookbackBars) slot.lookbackBars = lb;
    return slot;
  }

  private create(ref: RefNode): MutableSlot {
    const index = this.slots.length;
    const builtin = (source: SlotSource, tf: PlayTimeframe | null, field: string): MutableSlot => ({
      index,
      source,
      id: ref.id,
      field,
      fieldIndex: 0,
      tf,
      type: 'FLOAT',
      domain: null,
      lookbackBars: 0,
    });
    switch (ref.id) {
      case 'open':
      case 'high':
      case 'low':
      case 'close':
      case 'volume':
        return builtin('bar', this.execTf, ref.id);
      case 'last_price':
      case 'mark_price':
        return builtin(ref.id, '1m', 'value');
      case 'funding_rate':
        return builtin('funding_rate', null, 'value');
      case 'open_interest':
        return builtin('open_interest', this.execTf, 'value');
      default:
        break;
    }
    const feature = this.play.features.find((f) => f.id === ref.id);
    const structure = feature === undefined ? this.play.structures.find((s) => s.key === ref.id) : undefined;
    const fields = this.play.fieldTables[ref.id] ?? [];
    const fieldIndex = fields.findIndex((f) => f.name === ref.field);
    const info = fields[fieldIndex];
    if ((feature === undefined && structure === undefined) || info === undefined || info.type === 'HASH') {
      // A loaded play only holds resolved refs; reaching this means the play object was altered after loading.
      throw new Error(`compilePlay: reference '${ref.id}.${ref.field}' is not part of this play`);
    }
    return {
      index,
      source: feature ? 'feature' : 'structure',
      id: ref.id,
      field: ref.field,
      fieldIndex,
      tf: (feature?.tf ?? structure?.tf)!,
      type: info.type,
      domain: info.domain ?? null,
      lookbackBars: 0,
    };
  }
}

interface CompileState {
  readonly play: Play;
  readonly slots: SlotTable;
  readonly setupCache: Map<string, CompiledCondition>;
  readonly anchorTfs: Set<PlayTimeframe>;
}

function fieldTypeOf(play: Play, ref: RefNode): { type: ValueType; domain: readonly string[] | null } {
  if (ref.id === 'position') {
    const f = POSITION_FIELDS.find((x) => x.name === ref.field)!;
    return { type: f.type as ValueType, domain: f.domain ?? null };
  }
  const f = play.fieldTables[ref.id]?.find((x) => x.name === ref.field);
  return { type: (f?.type as ValueType | undefined) ?? 'FLOAT', domain: f?.domain ?? null };
}

const mod = (a: number, b: number): number => a - b * Math.floor(a / b);

function compileOperand(op: Operand, st: CompileState, lookbackMinutes: number): CompiledValue {
  if (typeof op === 'number') return () => op;
  if (typeof op === 'boolean') {
    const v = op ? 1 : 0;
    return () => v;
  }
  if (typeof op === 'string') return () => Number.NaN;
  if (op.kind === 'ref') {
    if (op.id === 'position') {
      const code = POSITION_FIELDS.findIndex((f) => f.name === op.field) as PositionField;
      return (ctx) => ctx.position(code);
    }
    const slot = st.slots.slotFor(op, lookbackMinutes).index;
    const offset = op.offset;
    return (ctx, t) => ctx.valueAt(slot, t, offset);
  }
  const a = compileOperand(op.a, st, lookbackMinutes);
  const b = compileOperand(op.b, st, lookbackMinutes);
  // §10.5: MISSING operands, division/modulo by 0 and non-finite results are MISSING (NaN).
  const finite = (x: number): number => (Number.isFinite(x) ? x : Number.NaN);
  switch (op.op) {
    case '+':
      return (ctx, t) => finite(a(ctx, t) + b(ctx, t));
    case '-':
      return (ctx, t) => finite(a(ctx, t) - b(ctx, t));
    case '*':
      return (ctx, t) => finite(a(ctx, t) * b(ctx, t));
    case '/':
      return (ctx, t) => {
        const d = b(ctx, t);
        return d === 0 ? Number.NaN : finite(a(ctx, t) / d);
      };
    default:
      return (ctx, t) => {
        const d = b(ctx, t);
        return d === 0 ? Number.NaN : finite(mod(a(ctx, t), d));
      };
  }
}

/** Code of an equality literal against a typed LHS: BOOL → 0/1, ENUM → domain index, INT → itself. */
function literalCode(lit: Literal, domain: readonly string[] | null): number {
  if (typeof lit === 'boolean') return lit ? 1 : 0;
  if (typeof lit === 'number') return lit;
  const i = domain?.indexOf(lit) ?? -1;
  return i < 0 ? Number.NaN : i;
}

function lhsInfo(play: Play, lhs: CondNode['lhs']): { domain: readonly string[] | null } {
  return lhs.kind === 'ref' ? { domain: fieldTypeOf(play, lhs).domain } : { domain: null };
}

function compileCond(
  c: CondNode,
  st: CompileState,
  stepMs: number,
  lookbackMinutes: number,
): CompiledCondition {
  const crossing = c.op === 'cross_above' || c.op === 'cross_below';
  const lbm = lookbackMinutes + (crossing ? stepMs / MINUTE_MS : 0);
  const lhs = compileOperand(c.lhs, st, lbm);
  const rhsNode = c.rhs;
  if (Array.isArray(rhsNode)) {
    const { domain } = lhsInfo(st.play, c.lhs);
    const codes = Float64Array.from((rhsNode as readonly Literal[]).map((l) => literalCode(l, domain)));
    return (ctx, t) => {
      const v = lhs(ctx, t);
      if (Number.isNaN(v)) return MISSING;
      for (let i = 0; i < codes.length; i++) if (codes[i] === v) return TRUE;
      return FALSE;
    };
  }
  if (isRange(rhsNode as CondNode['rhs'])) {
    const r = rhsNode as RangeNode;
    const lo = compileOperand(r.low, st, lbm);
    const hi = compileOperand(r.high, st, lbm);
    return (ctx, t) => {
      const v = lhs(ctx, t);
      const a = lo(ctx, t);
      const b = hi(ctx, t);
      if (Number.isNaN(v) || Number.isNaN(a) || Number.isNaN(b)) return MISSING;
      return a <= v && v <= b ? TRUE : FALSE;
    };
  }
  const rhsOp = rhsNode as Operand;
  const rhs =
    (c.op === '==' || c.op === '!=') && typeof rhsOp !== 'object'
      ? (() => {
          const code = literalCode(rhsOp, lhsInfo(st.play, c.lhs).domain);
          return () => code;
        })()
      : compileOperand(rhsOp, st, lbm);
  const tol = c.tol ?? 0;
  switch (c.op) {
    case '>':
      return (ctx, t) => cmp(lhs(ctx, t), rhs(ctx, t), GT);
    case '>=':
      return (ctx, t) => cmp(lhs(ctx, t), rhs(ctx, t), GE);
    case '<':
      return (ctx, t) => cmp(lhs(ctx, t), rhs(ctx, t), LT);
    case '<=':
      return (ctx, t) => cmp(lhs(ctx, t), rhs(ctx, t), LE);
    case '==':
      return (ctx, t) => cmp(lhs(ctx, t), rhs(ctx, t), EQ);
    case '!=':
      return (ctx, t) => cmp(lhs(ctx, t), rhs(ctx, t), NE);
    case 'near_abs':
      return (ctx, t) => {
        const a = lhs(ctx, t);
        const b = rhs(ctx, t);
        if (Number.isNaN(a) || Number.isNaN(b)) return MISSING;
        return Math.abs(a - b) <= tol ? TRUE : FALSE;
      };
    case 'near_pct':
      return (ctx, t) => {
        const a = lhs(ctx, t);
        const b = rhs(ctx, t);
        if (Number.isNaN(a) || Number.isNaN(b) || b === 0) return MISSING;
        return Math.abs(a - b) <= (Math.abs(b) * tol) / 100 ? TRUE : FALSE;
      };
    case 'cross_above':
    case 'cross_below': {
      const above = c.op === 'cross_above';
      return (ctx, t) => {
        const prev = t - stepMs;
        const l0 = lhs(ctx, prev);
        const r0 = rhs(ctx, prev);
        const l1 = lhs(ctx, t);
        const r1 = rhs(ctx, t);
        if (Number.isNaN(l0) || Number.isNaN(r0) || Number.isNaN(l1) || Number.isNaN(r1)) return MISSING;
        return (above ? l0 <= r0 && l1 > r1 : l0 >= r0 && l1 < r1) ? TRUE : FALSE;
      };
    }
    default:
      return () => MISSING;
  }
}

const GT = (a: number, b: number): boolean => a > b;
const GE = (a: number, b: number): boolean => a >= b;
const LT = (a: number, b: number): boolean => a < b;
const LE = (a: number, b: number): boolean => a <= b;
const EQ = (a: number, b: number): boolean => a === b;
const NE = (a: number, b: number): boolean => a !== b;

function cmp(a: number, b: number, pred: (a: number, b: number) => boolean): Truth {
  if (Number.isNaN(a) || Number.isNaN(b)) return MISSING;
  return pred(a, b) ? TRUE : FALSE;
}

function compileWindow(w: WindowNode, st: CompileState, lookbackMinutes: number): CompiledCondition {
  const stepMs = w.step_minutes * MINUTE_MS;
  if (w.anchor_tf !== null) st.anchorTfs.add(w.anchor_tf);
  const n = w.samples;
  const sub = compileExpr(w.expr, st, stepMs, lookbackMinutes + (n - 1) * w.step_minutes);
  switch (w.op) {
    case 'holds_for':
      return (ctx, t) => {
        let missing = false;
        for (let i = 0; i < n; i++) {
          const r = sub(ctx, t - i * stepMs);
          if (r === FALSE) return FALSE;
          if (r === MISSING) missing = true;
        }
        return missing ? MISSING : TRUE;
      };
    case 'occurred_within':
      return (ctx, t) => {
        let missing = false;
        for (let i = 0; i < n; i++) {
          const r = sub(ctx, t - i * stepMs);
          if (r === TRUE) return TRUE;
          if (r === MISSING) missing = true;
        }
        return missing ? MISSING : FALSE;
      };
    default: {
      const minTrue = w.min_true ?? 1;
      return (ctx, t) => {
        let yes = 0;
        let unknown = 0;
        for (let i = 0; i < n; i++) {
          const r = sub(ctx, t - i * stepMs);
          if (r === TRUE) yes++;
          else if (r === MISSING) unknown++;
        }
        if (yes >= minTrue) return TRUE;
        return yes + unknown < minTrue ? FALSE : MISSING;
      };
    }
  }
}

function compileExpr(e: Expr, st: CompileState, stepMs: number, lookbackMinutes: number): CompiledCondition {
  switch (e.kind) {
    case 'cond':
      return compileCond(e, st, stepMs, lookbackMinutes);
    case 'all': {
      const kids = e.children.map((c) => compileExpr(c, st, stepMs, lookbackMinutes));
      return (ctx, t) => {
        let missing = false;
        for (let i = 0; i < kids.length; i++) {
          const r = kids[i]!(ctx, t);
          if (r === FALSE) return FALSE;
          if (r === MISSING) missing = true;
        }
        return missing ? MISSING : TRUE;
      };
    }
    case 'any': {
      const kids = e.children.map((c) => compileExpr(c, st, stepMs, lookbackMinutes));
      return (ctx, t) => {
        let missing = false;
        for (let i = 0; i < kids.length; i++) {
          const r = kids[i]!(ctx, t);
          if (r === TRUE) return TRUE;
          if (r === MISSING) missing = true;
        }
        return missing ? MISSING : FALSE;
      };
    }
    case 'not': {
      const child = compileExpr(e.child, st, stepMs, lookbackMinutes);
      return (ctx, t) => {
        const r = child(ctx, t);
        return r === MISSING ? MISSING : r === TRUE ? FALSE : TRUE;
      };
    }
    case 'setup': {
      // A setup is evaluated in place: same sample time and clock as its reference (§11).
      const key = `${e.id}@${stepMs}@${lookbackMinutes}`;
      const cached = st.setupCache.get(key);
      if (cached !== undefined) return cached;
      const body = st.play.setups[e.id];
      const compiled: CompiledCondition =
        body === undefined ? () => MISSING : compileExpr(body, st, stepMs, lookbackMinutes);
      st.setupCache.set(key, compiled);
      return compiled;
    }
    case 'window':
      return compileWindow(e, st, lookbackMinutes);
  }
}

function compileIntent(i: Intent, st: CompileState): CompiledIntent {
  const metadata: CompiledMetadata[] = Object.entries(i.metadata).map(([key, v]) => {
    if (v !== null && typeof v === 'object') {
      const ref = v.ref as RefNode;
      const info = fieldTypeOf(st.play, ref);
      return { key, kind: 'ref', read: compileOperand(ref, st, 0), type: info.type, domain: info.domain };
    }
    return { key, kind: 'literal', value: v };
  });
  return { action: i.action, percent: i.percent, metadata };
}

function refValue(id: string, field: string, st: CompileState): CompiledValue {
  return compileOperand({ kind: 'ref', id, field, offset: 0 }, st, 0);
}

function swingLevels(key: string, st: CompileState, forStop: boolean): SidedLevel {
  const low = refValue(key, 'low_level', st);
  const high = refValue(key, 'high_level', st);
  return forStop ? { long: low, short: high } : { long: high, short: low };
}

function compileTpLeg(leg: TakeProfitLeg, st: CompileState): CompiledTakeProfitLeg {
  const atr = leg.atr_feature_id !== null ? refValue(leg.atr_feature_id, 'value', st) : null;
  let level: SidedLevel | null = null;
  if (leg.type === 'structure') {
    level =
      leg.structure_key !== null
        ? swingLevels(leg.structure_key, st, false)
        : { long: compileOperand(leg.ref_long!, st, 0), short: compileOperand(leg.ref_short!, st, 0) };
  }
  return { atr, level };
}

function distinctTimeframes(play: Play, anchors: ReadonlySet<PlayTimeframe>): PlayTimeframe[] {
  const set = new Set<PlayTimeframe>([
    play.timeframes.low_tf,
    play.timeframes.med_tf,
    play.timeframes.high_tf,
  ]);
  for (const f of play.features) set.add(f.tf);
  for (const s of play.structures) set.add(s.tf);
  for (const a of anchors) set.add(a);
  return [...set].sort((a, b) => tfMinutes(a) - tfMinutes(b));
}

/**
 * Compiles a loaded play once into closures over numeric slots (the engine implements `EvalContext`).
 * Deterministic: the same play gives the same slot table and layout.
 */
export function compilePlay(play: Play, catalog: Catalog = defaultCatalog()): CompiledPlay {
  const execTf = play.timeframes.exec_tf;
  const actionRoots = play.actions.flatMap((b) => b.cases.map((c) => c.when));
  const minuteClock = actionRoots.some((e) => readsMinutePrices(e, play.setups));
  const clockStepMs = minuteClock ? MINUTE_MS : tfMinutes(execTf) * MINUTE_MS;
  const st: CompileState = {
    play,
    slots: new SlotTable(play, execTf),
    setupCache: new Map(),
    anchorTfs: new Set(),
  };

  const blocks: CompiledBlock[] = play.actions.map((b) => ({
    id: b.id,
    cases: b.cases.map((c) => ({
      when: compileExpr(c.when, st, clockStepMs, 0),
      intents: c.emit.map((i) => compileIntent(i, st)),
    })),
    else: b.else === null ? null : b.else.map((i) => compileIntent(i, st)),
  }));
  const { price_ref, ...entryRest } = play.entry;
  const entry = { ...entryRest, priceRef: compileOperand(price_ref, st, 0) };
  const model = play.risk_model;
  const sl = model.stop_loss;
  const stopLoss =
    sl === null
      ? null
      : {
          atr:
            sl.type === 'atr_multiple' || sl.type === 'trailing_atr'
              ? refValue(sl.atr_feature_id, 'value', st)
              : null,
          level:
            sl.type === 'structure'
              ? sl.structure_key !== null
                ? swingLevels(sl.structure_key, st, true)
                : { long: compileOperand(sl.ref_long!, st, 0), short: compileOperand(sl.ref_short!, st, 0) }
              : null,
        };
  const risk = {
    model,
    stopLoss,
    takeProfit: model.take_profit.map((leg) => compileTpLeg(leg, st)),
    trailingAtr: model.trailing?.mode === 'atr' ? refValue(model.trailing.atr_feature_id, 'value', st) : null,
  };

  const slots: SlotInfo[] = st.slots.slots.map((s) => ({ ...s }));
  const timeframes: TimeframeLayout[] = distinctTimeframes(play, st.anchorTfs).map((tf) => {
    const features: FeatureLayout[] = play.features
      .filter((f) => f.tf === tf)
      .map((f) => ({
        id: f.id,
        indicator: f.indicator,
        params: f.params,
        source: f.source,
        tf,
        outputs: play.fieldTables[f.id] ?? [],
        warmupBars: catalog.indicators.get(f.indicator)?.warmupBars(f.params) ?? 0,
      }));
    const structures: StructureLayout[] = play.structures
      .filter((s) => s.tf === tf)
      .map((s) => {
        return {
          key: s.key,
          type: s.type,
          params: s.params,
          uses: s.uses,
          tf,
          fields: (play.fieldTables[s.key] ?? []) as readonly FieldInfo[],
          warmupBars: play.structureWarmups[s.key] ?? 0,
        };
      });
    const lookbackBars = slots
      .filter((s) => s.tf === tf && s.source !== 'last_price' && s.source !== 'mark_price')
      .reduce((m, s) => Math.max(m, s.lookbackBars), 0);
    const catalogWarmup = Math.max(
      0,
      ...features.map((f) => f.warmupBars),
      ...structures.map((s) => s.warmupBars),
    );
    return { tf, features, structures, lookbackBars, warmupBars: catalogWarmup + lookbackBars };
  });
  const minuteLookback = slots
    .filter((s) => s.source === 'last_price' || s.source === 'mark_price')
    .reduce((m, s) => Math.max(m, s.lookbackBars), 0);
  return {
    play,
    playHash: playHash(play),
    evalClock: minuteClock ? '1m' : 'exec',
    clockStepMs,
    execTf,
    slots,
    timeframes,
    minuteLookback,
    blocks,
    entry,
    risk,
  };
}

export type { EvalContext };
