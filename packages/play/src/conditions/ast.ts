import type { PlayTimeframe } from '../timeframes';

/**
 * Condition AST of the normalized play (§17). Plain JSON data: it is part of `play_hash`, so shapes and key
 * names are stable. Literals are plain JSON values; a string literal only appears where the LHS is an ENUM
 * (it is then the canonical, lower-case domain value).
 */

/** A read of one numeric series: feature output, structure field, built-in, or `position.*` (offset 0). */
export interface RefNode {
  readonly kind: 'ref';
  /** Feature id, structure key, built-in name (`close`, `last_price`, …) or `position`. */
  readonly id: string;
  /** Canonical field name (`value`, `histogram`, `level_0.618`, `zone0_state`, position field). */
  readonly field: string;
  readonly offset: number;
}

export type ArithOp = '+' | '-' | '*' | '/' | '%';
export const ARITH_OPS: readonly ArithOp[] = ['+', '-', '*', '/', '%'];

export interface ArithNode {
  readonly kind: 'arith';
  readonly op: ArithOp;
  readonly a: Operand;
  readonly b: Operand;
}

export type Literal = number | boolean | string;
export type Operand = RefNode | ArithNode | Literal;

export type CompareOp = '>' | '>=' | '<' | '<=' | '==' | '!=';
export type CondOp = CompareOp | 'between' | 'in' | 'near_abs' | 'near_pct' | 'cross_above' | 'cross_below';
export const COND_OPS: readonly CondOp[] = [
  '>',
  '>=',
  '<',
  '<=',
  '==',
  '!=',
  'between',
  'in',
  'near_abs',
  'near_pct',
  'cross_above',
  'cross_below',
];

export interface RangeNode {
  readonly low: Operand;
  readonly high: Operand;
}

export interface CondNode {
  readonly kind: 'cond';
  readonly op: CondOp;
  readonly lhs: RefNode | ArithNode;
  /** Operand, `{low, high}` for `between`, a literal list for `in`. */
  readonly rhs: Operand | RangeNode | readonly Literal[];
  /** `near_*` only, in the user's units (percent for `near_pct`). */
  readonly tol?: number;
}

export interface AllNode {
  readonly kind: 'all';
  readonly children: readonly Expr[];
}
export interface AnyNode {
  readonly kind: 'any';
  readonly children: readonly Expr[];
}
export interface NotNode {
  readonly kind: 'not';
  readonly child: Expr;
}
export interface SetupNode {
  readonly kind: 'setup';
  readonly id: string;
}

export type WindowOp = 'holds_for' | 'occurred_within' | 'count_true';

/** A window with its sample plan resolved: N samples τᵢ = t − i·step (§10.8). */
export interface WindowNode {
  readonly kind: 'window';
  readonly op: WindowOp;
  /** The operator as written (`holds_for_duration` …). */
  readonly written: string;
  readonly samples: number;
  readonly step_minutes: number;
  /** `anchor_tf` as resolved, or null (exec step or 1m step of duration windows). */
  readonly anchor_tf: PlayTimeframe | null;
  readonly min_true: number | null;
  readonly expr: Expr;
}

export type Expr = CondNode | AllNode | AnyNode | NotNode | SetupNode | WindowNode;

export function isRefNode(x: Operand): x is RefNode {
  return typeof x === 'object' && x.kind === 'ref';
}

export function isArithNode(x: Operand): x is ArithNode {
  return typeof x === 'object' && x.kind === 'arith';
}

export function isRange(x: CondNode['rhs']): x is RangeNode {
  return typeof x === 'object' && !Array.isArray(x) && 'low' in x;
}
