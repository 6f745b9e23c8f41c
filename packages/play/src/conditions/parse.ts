import { tfMinutes } from '@trade/core';
import type { DiagnosticBag } from '../diagnostics';
import { childPath, indexPath } from '../key-path';
import type { PlayTimeframes } from '../model';
import { didYouMeanHint } from '../suggest';
import { isRoleName, type PlayTimeframe, parsePlayTimeframe } from '../timeframes';
import { locate } from '../yaml/locate';
import { describeNodeType, mapEntry, scalarText, type YMap, type YNode, type YScalar } from '../yaml/tree';
import {
  ARITH_OPS,
  type ArithNode,
  type ArithOp,
  COND_OPS,
  type CondNode,
  type CondOp,
  type Expr,
  type Literal,
  type Operand,
  type RangeNode,
  type RefNode,
  type WindowNode,
  type WindowOp,
} from './ast';
import type { SymbolTable, ValueTypeInfo } from './symbols';

export interface ExprContext {
  readonly bag: DiagnosticBag;
  readonly symbols: SymbolTable;
  readonly setupIds: ReadonlySet<string>;
  readonly usedSetups: Set<string>;
  readonly timeframes: PlayTimeframes;
  /** Where each parsed Expr was written (for diagnostics of later passes: window cost/span, history). */
  readonly sites: WeakMap<Expr, ExprSite>;
}

export interface ExprSite {
  readonly node: YNode;
  readonly path: string;
}

const EXPR_KEYS = ['all', 'any', 'not', 'setup', 'lhs'] as const;
const WINDOW_KEYS = [
  'holds_for',
  'occurred_within',
  'count_true',
  'holds_for_duration',
  'occurred_within_duration',
  'count_true_duration',
] as const;
const ALL_EXPR_KEYS: readonly string[] = [...EXPR_KEYS, ...WINDOW_KEYS];
const MAX_ARITH_DEPTH = 8;
const OP_SYNONYMS: Readonly<Record<string, string>> = {
  eq: '==',
  '=': '==',
  ne: '!=',
  neq: '!=',
  '<>': '!=',
  gt: '>',
  gte: '>=',
  ge: '>=',
  '=>': '>=',
  lt: '<',
  lte: '<=',
  le: '<=',
  '=<': '<=',
  crosses_above: 'cross_above',
  crosses_below: 'cross_below',
  near: 'near_abs',
};

/** A parsed operand with its static type; literals carry what was written. */
interface Typed {
  readonly value: Operand;
  /** null for a string literal whose meaning depends on the other side (ENUM literal or ref). */
  readonly type: ValueTypeInfo | null;
  readonly literal: 'number' | 'bool' | 'string' | null;
  readonly isInt: boolean;
  readonly node: YNode;
  readonly readsPosition: boolean;
}

function isStringScalar(node: YNode | undefined): node is YScalar & { value: string } {
  return node !== undefined && node.kind === 'scalar' && typeof node.value === 'string';
}

function isCondOp(s: string): s is CondOp {
  return (COND_OPS as readonly string[]).includes(s);
}

function isArithOp(s: string): s is ArithOp {
  return (ARITH_OPS as readonly string[]).includes(s);
}

function report(
  ctx: ExprContext,
  code: string,
  message: string,
  node: YNode,
  path: string,
  hint?: string,
): void {
  const where = locate(node);
  ctx.bag.add({ code, message, pos: where.pos, path, hint, related: where.related });
}

function isNumeric(t: ValueTypeInfo | null): boolean {
  return t !== null && (t.type === 'FLOAT' || t.type === 'INT');
}

function sameDomain(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a !== undefined && b !== undefined && a.length === b.length && a.every((v, i) => v === b[i]);
}

function refLabel(t: Typed): string {
  const v = t.value;
  if (typeof v === 'object' && v.kind === 'ref') return v.field === 'value' ? v.id : `${v.id}.${v.field}`;
  if (typeof v === 'object') return 'arithmetic';
  return String(v);
}

/** Parses any Expr (§10.1). */
export function parseExpr(node: YNode, path: string, ctx: ExprContext): Expr | undefined {
  const out =
    node.kind === 'seq'
      ? parseList(node.items, node, path, ctx)
      : node.kind === 'map'
        ? parseMapExpr(node, path, ctx)
        : undefined;
  if (out !== undefined) {
    if (!ctx.sites.has(out)) ctx.sites.set(out, { node, path });
    return out;
  }
  if (node.kind !== 'scalar') return undefined;
  report(
    ctx,
    'E_EXPR_SHAPE',
    'cannot read this as a condition',
    node,
    path,
    'write ["lhs", "op", rhs] or {all: [...]}',
  );
  return undefined;
}

function parseList(items: readonly YNode[], node: YNode, path: string, ctx: ExprContext): Expr | undefined {
  if (items.length === 0) {
    report(ctx, 'E_EXPR_EMPTY', 'empty condition list', node, path, 'add a condition or remove the key');
    return undefined;
  }
  const second = items[1];
  if (items.length === 3 && isStringScalar(second) && isArithOp(second.value)) {
    report(
      ctx,
      'E_EXPR_SHAPE',
      'cannot read this as a condition',
      node,
      path,
      'arithmetic is an operand: compare it, e.g. [["a", "-", "b"], ">", 0]',
    );
    return undefined;
  }
  const first = items[0]!;
  const firstIsOperand =
    first.kind === 'scalar' ||
    (first.kind === 'map' &&
      (mapEntry(first, 'feature_id') !== undefined ||
        (first.entries.length === 1 && isArithOp(first.entries[0]!.key))));
  if (
    isStringScalar(second) &&
    (isCondOp(second.value) || (firstIsOperand && items.length >= 3 && items.length <= 4))
  ) {
    return parseCondList(items, node, path, ctx);
  }
  const children: Expr[] = [];
  let ok = true;
  items.forEach((item, i) => {
    const p = indexPath(path, i);
    if (item.kind === 'scalar') {
      report(
        ctx,
        'E_EXPR_SHAPE',
        'cannot read this as a condition',
        item,
        p,
        'each item of a condition list is a condition list or a map; wrap a single condition in its own list',
      );
      ok = false;
      return;
    }
    const e = parseExpr(item, p, ctx);
    if (e === undefined) ok = false;
    else children.push(e);
  });
  if (!ok) return undefined;
  return children.length === 1 ? children[0] : { kind: 'all', children };
}

function parseCondList(
  items: readonly YNode[],
  node: YNode,
  path: string,
  ctx: ExprContext,
): Expr | undefined {
  const opNode = items[1] as YScalar & { value: string };
  const opText = opNode.value;
  if (!isCondOp(opText)) {
    const synonym = OP_SYNONYMS[opText.toLowerCase()];
    report(
      ctx,
      'E_OP_UNKNOWN',
      `unknown operator '${opText}'`,
      opNode,
      indexPath(path, 1),
      synonym !== undefined ? `use '${synonym}'` : `valid operators: ${COND_OPS.join(' ')}`,
    );
    return undefined;
  }
  const near = opText === 'near_abs' || opText === 'near_pct';
  if (items.length === 3 && near) {
    report(
      ctx,
      'E_TOLERANCE',
      `${opText} tolerance is required`,
      node,
      path,
      `e.g. ["close", "${opText}", "ema_21", 0.5]`,
    );
    return undefined;
  }
  if (items.length !== 3 && !(items.length === 4 && near)) {
    report(
      ctx,
      items.length === 4 ? 'E_COND_ARITY' : 'E_COND_ARITY',
      `condition needs 3 items (4 for near_*), got ${items.length}`,
      node,
      path,
      items.length === 4 ? `only near_abs and near_pct take a 4th item (tolerance)` : undefined,
    );
    return undefined;
  }
  return buildCond(
    { node: items[0]!, path: indexPath(path, 0) },
    opText,
    { node: items[2]!, path: indexPath(path, 2) },
    items[3] === undefined ? undefined : { node: items[3], path: indexPath(path, 3) },
    ctx,
  );
}

function parseMapExpr(map: YMap, path: string, ctx: ExprContext): Expr | undefined {
  const exprKeys = map.entries.filter((e) => ALL_EXPR_KEYS.includes(e.key));
  if (exprKeys.length > 1) {
    report(
      ctx,
      'E_EXPR_AMBIGUOUS',
      `several expression keys: ${exprKeys.map((e) => e.key).join(', ')}`,
      map,
      path,
      'split into all/any: {all: [{any: [...]}, ...]}',
    );
    return undefined;
  }
  if (exprKeys.length === 0) {
    if (map.entries.length === 0) {
      report(ctx, 'E_EXPR_SHAPE', 'cannot read this as a condition', map, path);
      return undefined;
    }
    for (const e of map.entries) {
      ctx.bag.add({
        code: 'E_UNKNOWN_KEY',
        message: `unknown key '${e.key}' in condition`,
        pos: e.value.via ?? e.keyPos,
        path: childPath(path, e.key),
        hint: didYouMeanHint(e.key, ALL_EXPR_KEYS),
      });
    }
    return undefined;
  }
  const main = exprKeys[0]!;
  const allowedExtra = main.key === 'lhs' ? ['op', 'rhs', 'tolerance'] : [];
  let extraOk = true;
  for (const e of map.entries) {
    if (e === main || allowedExtra.includes(e.key)) continue;
    extraOk = false;
    ctx.bag.add({
      code: 'E_UNKNOWN_KEY',
      message: `unknown key '${e.key}' in condition`,
      pos: e.value.via ?? e.keyPos,
      path: childPath(path, e.key),
      hint: didYouMeanHint(e.key, [...ALL_EXPR_KEYS, ...allowedExtra]),
    });
  }
  const p = childPath(path, main.key);
  const v = main.value;
  switch (main.key) {
    case 'all':
    case 'any': {
      if (v.kind !== 'seq') {
        report(
          ctx,
          'E_EXPR_SHAPE',
          'cannot read this as a condition',
          v,
          p,
          `${main.key} takes a list of conditions`,
        );
        return undefined;
      }
      if (v.items.length === 0) {
        report(ctx, 'E_EXPR_EMPTY', 'empty condition list', v, p);
        return undefined;
      }
      const children: Expr[] = [];
      let ok = extraOk;
      v.items.forEach((item, i) => {
        const ip = indexPath(p, i);
        if (item.kind === 'scalar') {
          report(
            ctx,
            'E_EXPR_SHAPE',
            'cannot read this as a condition',
            item,
            ip,
            'each item is a condition list or a map; wrap a single condition in its own list',
          );
          ok = false;
          return;
        }
        const e = parseExpr(item, ip, ctx);
        if (e === undefined) ok = false;
        else children.push(e);
      });
      return ok ? { kind: main.key, children } : undefined;
    }
    case 'not': {
      const child = parseExpr(v, p, ctx);
      return child === undefined || !extraOk ? undefined : { kind: 'not', child };
    }
    case 'setup': {
      if (!isStringScalar(v)) {
        report(
          ctx,
          'E_TYPE',
          `expected string, got ${describeNodeType(v)} '${scalarText(v)}'`,
          v,
          p,
          'write {setup: <setup id>}',
        );
        return undefined;
      }
      if (!ctx.setupIds.has(v.value)) {
        report(
          ctx,
          'E_SETUP_UNKNOWN',
          `unknown setup '${v.value}'`,
          v,
          p,
          didYouMeanHint(v.value, [...ctx.setupIds]) ?? 'declare it under setups:',
        );
        return undefined;
      }
      ctx.usedSetups.add(v.value);
      return extraOk ? { kind: 'setup', id: v.value } : undefined;
    }
    case 'lhs': {
      const opEntry = mapEntry(map, 'op');
      const rhsEntry = mapEntry(map, 'rhs');
      if (opEntry === undefined || rhsEntry === undefined) {
        const missing = opEntry === undefined ? 'op' : 'rhs';
        ctx.bag.add({
          code: 'E_REQUIRED',
          message: `missing required key '${missing}'`,
          pos: locate(map).pos,
          path: childPath(path, missing),
        });
        return undefined;
      }
      if (!isStringScalar(opEntry.value)) {
        report(
          ctx,
          'E_OP_UNKNOWN',
          `unknown operator '${scalarText(opEntry.value)}'`,
          opEntry.value,
          childPath(path, 'op'),
          `valid operators: ${COND_OPS.join(' ')}`,
        );
        return undefined;
      }
      const opText = opEntry.value.value;
      if (!isCondOp(opText)) {
        const synonym = OP_SYNONYMS[opText.toLowerCase()];
        report(
          ctx,
          'E_OP_UNKNOWN',
          `unknown operator '${opText}'`,
          opEntry.value,
          childPath(path, 'op'),
          synonym !== undefined ? `use '${synonym}'` : `valid operators: ${COND_OPS.join(' ')}`,
        );
        return undefined;
      }
      const tolEntry = mapEntry(map, 'tolerance');
      const near = opText === 'near_abs' || opText === 'near_pct';
      if (near && tolEntry === undefined) {
        report(ctx, 'E_TOLERANCE', `${opText} tolerance is required`, map, path, 'add tolerance: <number>');
        return undefined;
      }
      if (!extraOk) return undefined;
      return buildCond(
        { node: v, path: p },
        opText,
        { node: rhsEntry.value, path: childPath(path, 'rhs') },
        tolEntry === undefined ? undefined : { node: tolEntry.value, path: childPath(path, 'tolerance') },
        ctx,
      );
    }
    default: {
      const w = parseWindow(main.key, v, p, ctx);
      return extraOk ? w : undefined;
    }
  }
}

interface At {
  readonly node: YNode;
  readonly path: string;
}

function parseOperand(at: At, ctx: ExprContext, depth: number): Typed | undefined {
  const { node, path } = at;
  if (depth > MAX_ARITH_DEPTH) {
    report(ctx, 'E_ARITH', `arithmetic nesting deeper than ${MAX_ARITH_DEPTH} levels`, node, path);
    return undefined;
  }
  if (node.kind === 'scalar') {
    const v = node.value;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) {
        report(ctx, 'E_RANGE', `number must be finite, got ${String(v)}`, node, path);
        return undefined;
      }
      return {
        value: v,
        type: { type: node.isInt ? 'INT' : 'FLOAT' },
        literal: 'number',
        isInt: node.isInt,
        node,
        readsPosition: false,
      };
    }
    if (typeof v === 'boolean')
      return { value: v, type: { type: 'BOOL' }, literal: 'bool', isInt: false, node, readsPosition: false };
    if (typeof v === 'string')
      return { value: v, type: null, literal: 'string', isInt: false, node, readsPosition: false };
    report(ctx, 'E_TYPE', 'expected a reference, number or arithmetic, got null', node, path);
    return undefined;
  }
  if (node.kind === 'seq') {
    const op = node.items[1];
    if (node.items.length === 3 && isStringScalar(op) && isArithOp(op.value)) {
      return parseArith(
        op.value,
        { node: node.items[0]!, path: indexPath(path, 0) },
        { node: node.items[2]!, path: indexPath(path, 2) },
        node,
        ctx,
        depth,
      );
    }
    report(
      ctx,
      'E_ARITH',
      'arithmetic needs two numeric operands and one of + - * / %',
      node,
      path,
      'e.g. ["ema_9", "-", "ema_21"]',
    );
    return undefined;
  }
  // Map: verbose ref or {op: [a, b]} arithmetic.
  if (mapEntry(node, 'feature_id') !== undefined) return parseVerboseRef(node, path, ctx);
  if (node.entries.length === 1 && isArithOp(node.entries[0]!.key)) {
    const e = node.entries[0]!;
    const ap = childPath(path, e.key);
    if (e.value.kind !== 'seq' || e.value.items.length !== 2) {
      report(
        ctx,
        'E_ARITH',
        'arithmetic needs two numeric operands and one of + - * / %',
        e.value,
        ap,
        `e.g. {"${e.key}": ["a", "b"]}`,
      );
      return undefined;
    }
    return parseArith(
      e.key as ArithOp,
      { node: e.value.items[0]!, path: indexPath(ap, 0) },
      { node: e.value.items[1]!, path: indexPath(ap, 1) },
      node,
      ctx,
      depth,
    );
  }
  report(
    ctx,
    'E_EXPR_SHAPE',
    'cannot read this as a condition',
    node,
    path,
    'an operand is a reference, a number, {feature_id: …} or arithmetic',
  );
  return undefined;
}

function parseVerboseRef(map: YMap, path: string, ctx: ExprContext): Typed | undefined {
  let ok = true;
  for (const e of map.entries) {
    if (e.key === 'feature_id' || e.key === 'field' || e.key === 'offset') continue;
    ok = false;
    ctx.bag.add({
      code: 'E_UNKNOWN_KEY',
      message: `unknown key '${e.key}' in reference`,
      pos: e.value.via ?? e.keyPos,
      path: childPath(path, e.key),
      hint: didYouMeanHint(e.key, ['feature_id', 'field', 'offset']),
    });
  }
  const idNode = mapEntry(map, 'feature_id')!.value;
  const fieldNode = mapEntry(map, 'field')?.value;
  const offsetNode = mapEntry(map, 'offset')?.value;
  if (!isStringScalar(idNode)) {
    report(
      ctx,
      'E_TYPE',
      `expected string, got ${describeNodeType(idNode)} '${scalarText(idNode)}'`,
      idNode,
      childPath(path, 'feature_id'),
    );
    return undefined;
  }
  if (fieldNode !== undefined && !isStringScalar(fieldNode)) {
    report(
      ctx,
      'E_TYPE',
      `expected string, got ${describeNodeType(fieldNode)} '${scalarText(fieldNode)}'`,
      fieldNode,
      childPath(path, 'field'),
    );
    return undefined;
  }
  let offset = 0;
  if (offsetNode !== undefined) {
    const v = offsetNode.kind === 'scalar' ? offsetNode.value : null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 500) {
      report(
        ctx,
        'E_REF_OFFSET',
        'offset must be 0..500',
        offsetNode,
        childPath(path, 'offset'),
        'an integer number of bars back, e.g. offset: 1',
      );
      return undefined;
    }
    offset = v;
  }
  if (!ok) return undefined;
  if (idNode.value === 'position' && offset !== 0) {
    report(
      ctx,
      'E_POSITION_HISTORY',
      'position state has no history',
      offsetNode ?? map,
      childPath(path, 'offset'),
      'remove the offset',
    );
    return undefined;
  }
  const r = ctx.symbols.resolve(idNode.value, fieldNode?.value, offset);
  if (!r.ok) {
    report(
      ctx,
      r.code,
      r.message,
      fieldNode !== undefined && r.code === 'E_REF_FIELD' ? fieldNode : idNode,
      path,
      r.hint,
    );
    return undefined;
  }
  return {
    value: r.ref,
    type: r.type,
    literal: null,
    isInt: false,
    node: map,
    readsPosition: r.entry.kind === 'position',
  };
}

function parseArith(
  op: ArithOp,
  a: At,
  b: At,
  node: YNode,
  ctx: ExprContext,
  depth: number,
): Typed | undefined {
  const ta = resolveNumericOperand(a, ctx, depth + 1);
  const tb = resolveNumericOperand(b, ctx, depth + 1);
  if (ta === undefined || tb === undefined) return undefined;
  for (const t of [ta, tb]) {
    if (!isNumeric(t.type)) {
      report(
        ctx,
        'E_ARITH',
        'arithmetic needs two numeric operands and one of + - * / %',
        t.node,
        t === ta ? a.path : b.path,
        `'${refLabel(t)}' is ${t.type?.type ?? 'text'}`,
      );
      return undefined;
    }
  }
  const intResult = ta.type!.type === 'INT' && tb.type!.type === 'INT' && op !== '/';
  const value: ArithNode = { kind: 'arith', op, a: ta.value, b: tb.value };
  return {
    value,
    type: { type: intResult ? 'INT' : 'FLOAT' },
    literal: null,
    isInt: false,
    node,
    readsPosition: ta.readsPosition || tb.readsPosition,
  };
}

/** An operand that must be numeric: a string is always a reference here (§10.3). */
function resolveNumericOperand(at: At, ctx: ExprContext, depth: number): Typed | undefined {
  const t = parseOperand(at, ctx, depth);
  if (t === undefined) return undefined;
  if (t.literal === 'string') return resolveStringRef(t, at.path, ctx);
  return t;
}

function resolveStringRef(t: Typed, path: string, ctx: ExprContext): Typed | undefined {
  const text = t.value as string;
  if (text === 'position' || text.startsWith('position.')) {
    // position refs are fine at top level; history checks happen where history is used.
  }
  const r = ctx.symbols.resolveText(text);
  if (!r.ok) {
    report(ctx, r.code, r.message, t.node, path, r.hint);
    return undefined;
  }
  return {
    value: r.ref,
    type: r.type,
    literal: null,
    isInt: false,
    node: t.node,
    readsPosition: r.entry.kind === 'position',
  };
}

function buildCond(
  lhsAt: At,
  op: CondOp,
  rhsAt: At,
  tolAt: At | undefined,
  ctx: ExprContext,
): Expr | undefined {
  // LHS: a literal is refused, a string is a reference (§10.1).
  const rawLhs = parseOperand(lhsAt, ctx, 0);
  if (rawLhs === undefined) return undefined;
  if (rawLhs.literal === 'number' || rawLhs.literal === 'bool') {
    report(
      ctx,
      'E_LHS_LITERAL',
      'left side must be a reference or arithmetic',
      rawLhs.node,
      lhsAt.path,
      'swap sides and mirror the operator',
    );
    return undefined;
  }
  const lhs = rawLhs.literal === 'string' ? resolveStringRef(rawLhs, lhsAt.path, ctx) : rawLhs;
  if (lhs === undefined || lhs.type === null) return undefined;
  const lt = lhs.type;
  const lhsValue = lhs.value as RefNode | ArithNode;
  const label = refLabel(lhs);

  if (tolAt !== undefined && op !== 'near_abs' && op !== 'near_pct') {
    report(
      ctx,
      'E_TOLERANCE',
      `${op} takes no tolerance`,
      tolAt.node,
      tolAt.path,
      'only near_abs and near_pct take a tolerance',
    );
    return undefined;
  }
  const opAllowed = (): boolean => {
    if (lt.type === 'FLOAT' && (op === '==' || op === '!=' || op === 'in')) {
      report(
        ctx,
        'E_FLOAT_EQUALITY',
        `exact equality on FLOAT '${label}' is not allowed`,
        lhs.node,
        lhsAt.path,
        `use near_abs or near_pct, e.g. ["${label}", "near_abs", ${scalarText(rhsAt.node)}, 0.5]`,
      );
      return false;
    }
    const numericOnly = op !== '==' && op !== '!=' && op !== 'in';
    if ((lt.type === 'BOOL' || lt.type === 'ENUM') && numericOnly) {
      report(
        ctx,
        'E_OP_TYPE',
        `operator '${op}' cannot be used with ${lt.type} '${label}'`,
        lhs.node,
        lhsAt.path,
        'allowed operators: == != in',
      );
      return false;
    }
    return true;
  };
  if (!opAllowed()) return undefined;

  if ((op === 'cross_above' || op === 'cross_below') && lhs.readsPosition) {
    report(
      ctx,
      'E_POSITION_HISTORY',
      'position state has no history',
      lhs.node,
      lhsAt.path,
      'cross_* compares two ticks; compare position fields with > or <',
    );
    return undefined;
  }

  if (op === 'in') {
    const r = rhsAt.node;
    if (r.kind !== 'seq' || r.items.length < 1 || r.items.length > 64) {
      report(
        ctx,
        'E_IN_LIST',
        'in needs 1..64 literals',
        r,
        rhsAt.path,
        'e.g. ["ms.bos_direction", "in", ["bullish", "bearish"]]',
      );
      return undefined;
    }
    const out: Literal[] = [];
    for (let i = 0; i < r.items.length; i++) {
      const item = r.items[i]!;
      const ip = indexPath(rhsAt.path, i);
      if (item.kind !== 'scalar' || item.value === null) {
        report(ctx, 'E_IN_LIST', 'in needs 1..64 literals', item, ip);
        return undefined;
      }
      const lit = equalityLiteral(lt, label, item, ip, ctx);
      if (lit === undefined) return undefined;
      out.push(lit);
    }
    return { kind: 'cond', op, lhs: lhsValue, rhs: out };
  }

  if (op === 'between') {
    const r = rhsAt.node;
    let lowAt: At | undefined;
    let highAt: At | undefined;
    if (
      r.kind === 'seq' &&
      r.items.length === 2 &&
      !(isStringScalar(r.items[1]) && isArithOp(r.items[1].value))
    ) {
      lowAt = { node: r.items[0]!, path: indexPath(rhsAt.path, 0) };
      highAt = { node: r.items[1]!, path: indexPath(rhsAt.path, 1) };
    } else if (r.kind === 'map' && r.entries.length === 2 && mapEntry(r, 'low') && mapEntry(r, 'high')) {
      lowAt = { node: mapEntry(r, 'low')!.value, path: childPath(rhsAt.path, 'low') };
      highAt = { node: mapEntry(r, 'high')!.value, path: childPath(rhsAt.path, 'high') };
    }
    if (lowAt === undefined || highAt === undefined) {
      report(
        ctx,
        'E_BETWEEN',
        'between needs [low, high] with low ≤ high',
        r,
        rhsAt.path,
        'e.g. ["rsi_14", "between", [45, 70]]',
      );
      return undefined;
    }
    const lo = numericRhs(lowAt, lt, label, ctx);
    const hi = numericRhs(highAt, lt, label, ctx);
    if (lo === undefined || hi === undefined) return undefined;
    if (typeof lo.value === 'number' && typeof hi.value === 'number' && lo.value > hi.value) {
      report(
        ctx,
        'E_BETWEEN',
        'between needs [low, high] with low ≤ high',
        r,
        rhsAt.path,
        `write [${hi.value}, ${lo.value}]`,
      );
      return undefined;
    }
    const range: RangeNode = { low: lo.value, high: hi.value };
    return { kind: 'cond', op, lhs: lhsValue, rhs: range };
  }

  if (op === '==' || op === '!=') {
    const r = rhsAt.node;
    if (r.kind === 'scalar' && r.value !== null && typeof r.value !== 'string') {
      const lit = equalityLiteral(lt, label, r, rhsAt.path, ctx);
      if (lit === undefined) return undefined;
      return { kind: 'cond', op, lhs: lhsValue, rhs: lit };
    }
    if (lt.type === 'ENUM' && isStringScalar(r)) {
      // Type-directed (§10.3): a domain value first, else a ref of the same ENUM domain, else E_ENUM_LITERAL.
      const domain = lt.domain ?? [];
      const text = r.value;
      const hit = domain.find((d) => d.toLowerCase() === text.toLowerCase());
      if (hit !== undefined) return { kind: 'cond', op, lhs: lhsValue, rhs: hit };
      if (!ctx.symbols.resolveText(text).ok) {
        report(
          ctx,
          'E_ENUM_LITERAL',
          `'${text}' is not a value of ${label} (${domain.join(', ')})`,
          r,
          rhsAt.path,
          didYouMeanHint(text, domain) ?? `one of ${domain.join(', ')}`,
        );
        return undefined;
      }
    }
    const rhs = parseOperand(rhsAt, ctx, 0);
    if (rhs === undefined) return undefined;
    const resolved = rhs.literal === 'string' ? resolveStringRef(rhs, rhsAt.path, ctx) : rhs;
    if (resolved === undefined || resolved.type === null) return undefined;
    if (!equalityTypesMatch(lt, resolved.type)) {
      if (resolved.type.type === 'FLOAT') {
        report(
          ctx,
          'E_FLOAT_EQUALITY',
          `exact equality on FLOAT '${refLabel(resolved)}' is not allowed`,
          resolved.node,
          rhsAt.path,
          'use near_abs or near_pct',
        );
      } else {
        report(
          ctx,
          'E_RHS_TYPE',
          `right side ${resolved.type.type} is not comparable with ${lt.type}`,
          resolved.node,
          rhsAt.path,
        );
      }
      return undefined;
    }
    return { kind: 'cond', op, lhs: lhsValue, rhs: resolved.value };
  }

  // Numeric operators: > >= < <= near_abs near_pct cross_above cross_below.
  const rhs = numericRhs(rhsAt, lt, label, ctx);
  if (rhs === undefined) return undefined;
  if ((op === 'cross_above' || op === 'cross_below') && rhs.readsPosition) {
    report(ctx, 'E_POSITION_HISTORY', 'position state has no history', rhs.node, rhsAt.path);
    return undefined;
  }
  const cond: CondNode = { kind: 'cond', op, lhs: lhsValue, rhs: rhs.value };
  if (op === 'near_abs' || op === 'near_pct') {
    const tn = tolAt!.node;
    const tol = tn.kind === 'scalar' && typeof tn.value === 'number' ? tn.value : Number.NaN;
    const valid =
      op === 'near_abs' ? Number.isFinite(tol) && tol >= 0 : Number.isFinite(tol) && tol > 0 && tol <= 100;
    if (!valid) {
      report(
        ctx,
        'E_TOLERANCE',
        `${op} tolerance ${op === 'near_abs' ? 'must be a number ≥ 0' : 'must be a percent in (0, 100]'}, got ${scalarText(tn)}`,
        tn,
        tolAt!.path,
      );
      return undefined;
    }
    if (op === 'near_pct' && tol < 0.1) {
      const where = locate(tn);
      ctx.bag.add({
        code: 'W_NEAR_PCT_SMALL',
        message: `near_pct tolerance is a percent: ${tol} means ${tol} %`,
        pos: where.pos,
        path: tolAt!.path,
        related: where.related,
      });
    }
    return { ...cond, tol };
  }
  return cond;
}

function equalityTypesMatch(lt: ValueTypeInfo, rt: ValueTypeInfo): boolean {
  if (lt.type === 'INT') return rt.type === 'INT';
  if (lt.type === 'BOOL') return rt.type === 'BOOL';
  if (lt.type === 'ENUM') return rt.type === 'ENUM' && sameDomain(lt.domain, rt.domain);
  return false;
}

/** RHS literal for `==`/`!=`/`in` against an INT, BOOL or ENUM LHS (§10.3). */
function equalityLiteral(
  lt: ValueTypeInfo,
  label: string,
  node: YScalar,
  path: string,
  ctx: ExprContext,
): Literal | undefined {
  const v = node.value;
  if (typeof v === 'number' && !node.isInt) {
    report(
      ctx,
      'E_FLOAT_EQUALITY',
      `exact equality on FLOAT '${String(v)}' is not allowed`,
      node,
      path,
      Number.isInteger(v) ? `write ${v}` : 'use near_abs or near_pct',
    );
    return undefined;
  }
  if (lt.type === 'INT') {
    if (typeof v === 'number') return v;
    report(
      ctx,
      'E_RHS_TYPE',
      `right side ${typeof v === 'boolean' ? 'BOOL' : 'text'} is not comparable with INT`,
      node,
      path,
    );
    return undefined;
  }
  if (lt.type === 'BOOL') {
    if (typeof v === 'boolean') return v;
    if (v === 0 || v === 1) return v === 1;
    report(
      ctx,
      'E_RHS_TYPE',
      `right side ${typeof v === 'number' ? 'INT' : 'text'} is not comparable with BOOL`,
      node,
      path,
      'use true or false (or 1/0)',
    );
    return undefined;
  }
  // ENUM
  const domain = lt.domain ?? [];
  if (typeof v === 'string') {
    const hit = domain.find((d) => d.toLowerCase() === v.toLowerCase());
    if (hit !== undefined) return hit;
    report(
      ctx,
      'E_ENUM_LITERAL',
      `'${v}' is not a value of ${label} (${domain.join(', ')})`,
      node,
      path,
      didYouMeanHint(v, domain) ?? `one of ${domain.join(', ')}`,
    );
    return undefined;
  }
  report(
    ctx,
    'E_RHS_TYPE',
    `right side ${typeof v === 'number' ? 'INT' : 'BOOL'} is not comparable with ENUM`,
    node,
    path,
    `use one of ${domain.join(', ')}`,
  );
  return undefined;
}

function numericRhs(at: At, lt: ValueTypeInfo, label: string, ctx: ExprContext): Typed | undefined {
  const t = resolveNumericOperand(at, ctx, 0);
  if (t === undefined || t.type === null) return undefined;
  if (!isNumeric(t.type)) {
    report(
      ctx,
      'E_RHS_TYPE',
      `right side ${t.type.type} is not comparable with ${lt.type}`,
      t.node,
      at.path,
      `'${label}' is numeric`,
    );
    return undefined;
  }
  return t;
}

const DURATION = /^(\d+)\s*([mhd])$/i;

function parseWindow(key: string, node: YNode, path: string, ctx: ExprContext): WindowNode | undefined {
  const duration = key.endsWith('_duration');
  const op = (duration ? key.slice(0, -'_duration'.length) : key) as WindowOp;
  if (node.kind !== 'map') {
    report(
      ctx,
      'E_WINDOW_PARAM',
      `${key}: parameters must be a map`,
      node,
      path,
      duration ? `e.g. {${key}: {duration: "30m", expr: [...]}}` : `e.g. {${key}: {bars: 3, expr: [...]}}`,
    );
    return undefined;
  }
  const allowed = duration
    ? op === 'count_true'
      ? ['duration', 'min_true', 'expr']
      : ['duration', 'expr']
    : op === 'count_true'
      ? ['bars', 'min_true', 'anchor_tf', 'expr']
      : ['bars', 'anchor_tf', 'expr'];
  let ok = true;
  for (const e of node.entries) {
    if (allowed.includes(e.key)) continue;
    ok = false;
    ctx.bag.add({
      code: 'E_UNKNOWN_KEY',
      message: `unknown key '${e.key}' in ${key}`,
      pos: e.value.via ?? e.keyPos,
      path: childPath(path, e.key),
      hint: didYouMeanHint(e.key, allowed),
    });
  }
  const missing = (k: string): void => {
    ok = false;
    ctx.bag.add({
      code: k === 'expr' ? 'E_REQUIRED' : 'E_WINDOW_PARAM',
      message: k === 'expr' ? `missing required key '${k}'` : `${key}: ${k} is required`,
      pos: locate(node).pos,
      path: childPath(path, k),
    });
  };
  let samples = 0;
  let stepMinutes = tfMinutes(ctx.timeframes.exec_tf);
  let anchorTf: PlayTimeframe | null = null;
  if (duration) {
    const d = mapEntry(node, 'duration')?.value;
    if (d === undefined) missing('duration');
    else {
      const m = isStringScalar(d) ? DURATION.exec(d.value.trim()) : null;
      const unit = m?.[2]?.toLowerCase();
      const minutes = m ? Number(m[1]) * (unit === 'm' ? 1 : unit === 'h' ? 60 : 1440) : Number.NaN;
      if (!(minutes >= 1 && minutes <= 1440)) {
        ok = false;
        report(
          ctx,
          'E_DURATION',
          `${key}: duration must be "<n>m", "<n>h" or "<n>d" between 1m and 1440m, got ${scalarText(d)}`,
          d,
          childPath(path, 'duration'),
          'e.g. duration: "30m"',
        );
      } else {
        samples = minutes;
        stepMinutes = 1;
      }
    }
  } else {
    const b = mapEntry(node, 'bars')?.value;
    if (b === undefined) missing('bars');
    else if (
      !(
        b.kind === 'scalar' &&
        typeof b.value === 'number' &&
        Number.isInteger(b.value) &&
        b.value >= 1 &&
        b.value <= 500
      )
    ) {
      ok = false;
      report(
        ctx,
        'E_WINDOW_PARAM',
        `${key}: bars must be an integer 1..500, got ${scalarText(b)}`,
        b,
        childPath(path, 'bars'),
      );
    } else samples = b.value;
    const a = mapEntry(node, 'anchor_tf')?.value;
    if (a !== undefined) {
      const text = isStringScalar(a) ? a.value : '';
      const tf = isRoleName(text)
        ? ctx.timeframes[text]
        : text === 'exec'
          ? ctx.timeframes.exec_tf
          : parsePlayTimeframe(text);
      if (typeof tf === 'object') {
        if (!tf.ok) {
          ok = false;
          report(
            ctx,
            'E_ANCHOR_TF',
            `${key}: anchor_tf ${tf.message}`,
            a,
            childPath(path, 'anchor_tf'),
            tf.hint,
          );
        } else anchorTf = tf.tf;
      } else anchorTf = tf;
      if (anchorTf !== null) stepMinutes = tfMinutes(anchorTf);
    }
  }
  let minTrue: number | null = null;
  if (op === 'count_true') {
    const mt = mapEntry(node, 'min_true')?.value;
    if (mt === undefined) missing('min_true');
    else if (
      !(
        mt.kind === 'scalar' &&
        typeof mt.value === 'number' &&
        Number.isInteger(mt.value) &&
        mt.value >= 1 &&
        (samples === 0 || mt.value <= samples)
      )
    ) {
      ok = false;
      report(
        ctx,
        'E_WINDOW_PARAM',
        `${key}: min_true must be an integer 1..${samples || 'bars'}, got ${scalarText(mt)}`,
        mt,
        childPath(path, 'min_true'),
      );
    } else minTrue = mt.value;
  }
  const exprNode = mapEntry(node, 'expr')?.value;
  if (exprNode === undefined) {
    missing('expr');
    return undefined;
  }
  const expr = parseExpr(exprNode, childPath(path, 'expr'), ctx);
  if (!ok || expr === undefined) return undefined;
  return {
    kind: 'window',
    op,
    written: key,
    samples,
    step_minutes: stepMinutes,
    anchor_tf: anchorTf,
    min_true: minTrue,
    expr,
  };
}

/** A verbose ref `{feature_id, field?, offset?}` read as a value (intent metadata, §12.2). */
export function parseVerboseRefOperand(
  map: YMap,
  path: string,
  ctx: ExprContext,
): { operand: RefNode; type: ValueTypeInfo } | undefined {
  const t = parseVerboseRef(map, path, ctx);
  if (t === undefined || t.type === null) return undefined;
  return { operand: t.value as RefNode, type: t.type };
}

/**
 * A numeric Ref or Arith outside a condition (`entry.price_ref`, structure stop refs). Literals are refused:
 * these keys name a series, not a constant.
 */
export function parseNumericSeries(
  node: YNode,
  path: string,
  ctx: ExprContext,
): { operand: RefNode | ArithNode; type: ValueTypeInfo } | undefined {
  const t = resolveNumericOperand({ node, path }, ctx, 0);
  if (t === undefined || t.type === null) return undefined;
  if (t.literal !== null) {
    report(
      ctx,
      'E_TYPE',
      `expected a reference or arithmetic, got ${t.literal} '${scalarText(node)}'`,
      node,
      path,
      'e.g. "last_price" or "swing.low_level"',
    );
    return undefined;
  }
  if (!isNumeric(t.type)) {
    report(ctx, 'E_RHS_TYPE', `right side ${t.type.type} is not comparable with FLOAT`, node, path);
    return undefined;
  }
  if (t.readsPosition) {
    report(ctx, 'E_POSITION_HISTORY', 'position state has no history', node, path, 'use a price series');
    return undefined;
  }
  return { operand: t.value as RefNode | ArithNode, type: t.type };
}
