import { didYouMean } from '@trade/core';
import { z } from 'zod';
import { StructureErrorCode, StructureParamError } from './errors';

/** Param building blocks shared by the detectors' schemas (strict objects, integers accept `9.0`). */
export const intParam = (min: number, max: number) =>
  z
    .number()
    .int(`must be an integer in ${min}..${max}`)
    .min(min, `must be >= ${min}`)
    .max(max, `must be <= ${max}`);
export const positiveParam = () => z.number().positive('must be > 0');
export const nonNegativeParam = () => z.number().nonnegative('must be >= 0');
export const atrKeyParam = () => z.string().min(1, 'must be a feature id').default('atr');
export const levelsParam = () =>
  z
    .array(z.number('each level must be a finite number'))
    .min(1, 'must list 1..20 levels')
    .max(20, 'must list 1..20 levels')
    .refine((levels) => new Set(levels).size === levels.length, 'must not repeat a level');

/** Marks a custom issue as "required param missing" (E_PARAM_REQUIRED) instead of E_PARAM_INVALID. */
export const REQUIRED_MARK = 'required';

/** A non-fatal diagnostic about params (`W_PARAM_IGNORED`). */
export interface ParamWarning {
  readonly code: 'W_PARAM_IGNORED';
  readonly path: string;
  readonly message: string;
  readonly hint: string;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = raw;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

/**
 * Validates raw params against a detector's strict schema and returns them with defaults applied.
 * Throws `StructureParamError` (E_PARAM_UNKNOWN / E_PARAM_REQUIRED / E_PARAM_INVALID) for the first issue,
 * naming the param in `path` and the accepted params in the hint.
 */
export function parseParams<T>(type: string, schema: z.ZodType<T>, raw: unknown): T {
  const input = raw === undefined || raw === null ? {} : raw;
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new StructureParamError(StructureErrorCode.ParamInvalid, `${type}: params must be a mapping`, {
      hint: 'write params as `params: {name: value, ...}`',
    });
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const known = knownParams(schema);
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const name = issue.keys[0]!;
    throw new StructureParamError(StructureErrorCode.ParamUnknown, `${type}: unknown param '${name}'`, {
      path: name,
      hint: `${didYouMean(name, known)} (accepted params: ${known.join(', ')})`,
    });
  }
  const path = issue.path.map(String).join('.');
  const value = valueAt(input, issue.path);
  const isRequired =
    (issue.code === 'invalid_type' && value === undefined) ||
    (issue.code === 'custom' && (issue.params as { kind?: string } | undefined)?.kind === REQUIRED_MARK);
  if (isRequired) {
    throw new StructureParamError(StructureErrorCode.ParamRequired, `${type} requires '${path}'`, {
      path,
      hint: `add '${path}' to params (${issue.message})`,
    });
  }
  throw new StructureParamError(
    StructureErrorCode.ParamInvalid,
    `${type}: param '${path}' ${issue.message}, got ${describe(value)}`,
    { path, hint: `fix '${path}'; accepted params: ${known.join(', ')}` },
  );
}

/** Top-level param names of a (possibly refined) strict object schema. */
export function knownParams(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  if (shape !== undefined) return Object.keys(shape);
  const inner = (schema as unknown as { def?: { in?: z.ZodType; schema?: z.ZodType } }).def;
  if (inner?.in !== undefined) return knownParams(inner.in);
  if (inner?.schema !== undefined) return knownParams(inner.schema);
  return [];
}
