import type { DiagnosticBag } from '../diagnostics';
import { locate } from '../yaml/locate';
import { type ArithNode, type CondNode, type Expr, isRange, type Operand, type RefNode } from './ast';
import type { ExprSite } from './parse';

/** §10.8 load limits. */
export const MAX_WINDOW_SAMPLES_PRODUCT = 20_000;
export const MAX_PRICE_WINDOW_SPAN_MINUTES = 1440;

export function operandRefs(op: Operand, out: RefNode[]): RefNode[] {
  if (typeof op !== 'object') return out;
  if (op.kind === 'ref') out.push(op);
  else {
    operandRefs(op.a, out);
    operandRefs(op.b, out);
  }
  return out;
}

export function condRefs(c: CondNode): RefNode[] {
  const out: RefNode[] = [];
  operandRefs(c.lhs as RefNode | ArithNode, out);
  const rhs = c.rhs;
  if (Array.isArray(rhs)) return out;
  if (isRange(rhs as CondNode['rhs'])) {
    const r = rhs as { low: Operand; high: Operand };
    operandRefs(r.low, out);
    operandRefs(r.high, out);
  } else operandRefs(rhs as Operand, out);
  return out;
}

const isMinuteRef = (r: RefNode): boolean => r.id === 'last_price' || r.id === 'mark_price';

/** True when `expr` (setups expanded) reads `last_price`/`mark_price`: such plays run on the 1m clock. */
export function readsMinutePrices(
  expr: Expr,
  setups: Readonly<Record<string, Expr>>,
  seen = new Set<string>(),
): boolean {
  switch (expr.kind) {
    case 'cond':
      return condRefs(expr).some(isMinuteRef);
    case 'all':
    case 'any':
      return expr.children.some((c) => readsMinutePrices(c, setups, seen));
    case 'not':
      return readsMinutePrices(expr.child, setups, seen);
    case 'window':
      return readsMinutePrices(expr.expr, setups, seen);
    case 'setup': {
      if (seen.has(expr.id)) return false;
      seen.add(expr.id);
      const s = setups[expr.id];
      return s !== undefined && readsMinutePrices(s, setups, seen);
    }
  }
}

/**
 * Window checks that need the whole expression (setups expanded, so an acyclic setup graph is required):
 * E_WINDOW_COST, E_WINDOW_SPAN, and E_POSITION_HISTORY for `position.*` inside windows.
 */
export function checkWindows(
  roots: readonly Expr[],
  setups: Readonly<Record<string, Expr>>,
  sites: WeakMap<Expr, ExprSite>,
  bag: DiagnosticBag,
): void {
  const report = (e: Expr, fallback: Expr, code: string, message: string, hint?: string): void => {
    const site = sites.get(e) ?? sites.get(fallback);
    if (site === undefined) return;
    const where = locate(site.node);
    bag.add({ code, message, pos: where.pos, path: site.path, hint, related: where.related });
  };
  const walk = (
    e: Expr,
    product: number,
    spanMinutes: number,
    window: Expr | undefined,
    root: Expr,
    depth: number,
  ): void => {
    if (depth > 64) return;
    switch (e.kind) {
      case 'cond':
        if (window !== undefined && condRefs(e).some((r) => r.id === 'position')) {
          report(
            e,
            root,
            'E_POSITION_HISTORY',
            'position state has no history',
            'position.* cannot be read inside a window',
          );
        }
        return;
      case 'all':
      case 'any':
        for (const c of e.children) walk(c, product, spanMinutes, window, root, depth + 1);
        return;
      case 'not':
        walk(e.child, product, spanMinutes, window, root, depth + 1);
        return;
      case 'setup': {
        const s = setups[e.id];
        if (s !== undefined) walk(s, product, spanMinutes, window, window ?? root, depth + 1);
        return;
      }
      case 'window': {
        const p = product * e.samples;
        const span = spanMinutes + e.samples * e.step_minutes;
        if (p > MAX_WINDOW_SAMPLES_PRODUCT) {
          report(
            e,
            root,
            'E_WINDOW_COST',
            `${e.written}: nested windows sample ${p} times per tick, more than ${MAX_WINDOW_SAMPLES_PRODUCT}`,
            'reduce bars/duration or the nesting',
          );
          return;
        }
        if (span > MAX_PRICE_WINDOW_SPAN_MINUTES && readsMinutePrices(e.expr, setups)) {
          report(
            e,
            root,
            'E_WINDOW_SPAN',
            `${e.written}: a window reading last_price or mark_price spans ${span} minutes, more than ${MAX_PRICE_WINDOW_SPAN_MINUTES}`,
            'shorten the window or read close instead',
          );
          return;
        }
        walk(e.expr, p, span, e, e, depth + 1);
        return;
      }
    }
  };
  for (const r of roots) walk(r, 1, 0, undefined, r, 0);
}

/** Every setup id referenced from `exprs` (directly or through other setups). */
export function referencedSetups(
  exprs: readonly Expr[],
  setups: Readonly<Record<string, Expr>>,
): Set<string> {
  const out = new Set<string>();
  const walk = (e: Expr): void => {
    switch (e.kind) {
      case 'setup':
        if (!out.has(e.id)) {
          out.add(e.id);
          const s = setups[e.id];
          if (s !== undefined) walk(s);
        }
        return;
      case 'all':
      case 'any':
        e.children.forEach(walk);
        return;
      case 'not':
        walk(e.child);
        return;
      case 'window':
        walk(e.expr);
        return;
      default:
        return;
    }
  };
  exprs.forEach(walk);
  return out;
}
