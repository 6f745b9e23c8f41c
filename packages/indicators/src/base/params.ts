import { didYouMean } from '@trade/core';
import { z } from 'zod';
import { IndicatorError, IndicatorErrorCode, type ParamWarning } from '../errors';
import { isSource, SOURCES } from './source';
import type { IndicatorMeta, IndicatorParams, ParamRelation, ParamSpec, ParamValue } from './types';

/** Largest length any indicator accepts (§1.5 L_MAX). */
export const L_MAX = 10_000;

/** Pass-through params of the predecessor (§1.5): rejected with a dedicated hint. */
const PASS_THROUGH = ['talib', 'mamode', 'offset'] as const;

export function intParam(key: string, def: number, min: number, doc: string, max = L_MAX): ParamSpec {
  return { key, type: 'int', default: def, min, max, doc };
}

export function floatParam(
  key: string,
  def: number,
  range: { min: number; minExclusive: boolean; max: number },
  doc: string,
): ParamSpec {
  return { key, type: 'float', default: def, ...range, doc };
}

/** Human-readable allowed range, used in hints and docs. */
export function describeRule(spec: ParamSpec): string {
  switch (spec.type) {
    case 'int':
      return `an integer in ${spec.min}..${spec.max}`;
    case 'float':
      return `a number ${spec.minExclusive ? '>' : '≥'} ${spec.min} and ≤ ${spec.max}`;
    case 'bool':
      return 'true or false';
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'string':
      return 'a string';
    case 'alias':
      return `an alias of '${spec.of}'`;
  }
}

function zodFor(spec: ParamSpec, all: readonly ParamSpec[]): z.ZodType {
  switch (spec.type) {
    case 'int':
      return z.number().int().min(spec.min).max(spec.max).default(spec.default);
    case 'float': {
      const base = spec.minExclusive ? z.number().gt(spec.min) : z.number().min(spec.min);
      return base.max(spec.max).default(spec.default);
    }
    case 'bool':
      return z.boolean().default(spec.default);
    case 'enum':
      return z.enum(spec.values as [string, ...string[]]).default(spec.default);
    case 'string':
      return z.string().min(1).optional();
    case 'alias': {
      const target = all.find((p) => p.key === spec.of);
      if (target === undefined || target.type === 'alias')
        throw new Error(`alias ${spec.key} of unknown param`);
      return (zodFor(target, all) as z.ZodDefault<z.ZodType>).unwrap().optional();
    }
  }
}

/** The strict zod schema of §1.5 for one indicator: defaults applied, unknown keys and relations rejected. */
export function buildParamSchema(
  specs: readonly ParamSpec[],
  relations: readonly ParamRelation[],
  usesSource: boolean,
): z.ZodType<Record<string, ParamValue>> {
  const shape: Record<string, z.ZodType> = {};
  for (const spec of specs) shape[spec.key] = zodFor(spec, specs);
  if (usesSource) shape.source = z.enum(SOURCES).default('close');
  return z.strictObject(shape).superRefine((value, ctx) => {
    for (const relation of relations) {
      if (!relation.holds(value as IndicatorParams)) {
        ctx.addIssue({ code: 'custom', path: [relation.params[0]], message: relation.rule });
      }
    }
  }) as unknown as z.ZodType<Record<string, ParamValue>>;
}

function invalid(meta: IndicatorMeta, key: string, message: string, hint: string): IndicatorError {
  return new IndicatorError(IndicatorErrorCode.ParamInvalid, `indicator '${meta.name}': ${message}`, {
    path: `params.${key}`,
    hint,
  });
}

function acceptedList(meta: IndicatorMeta): string {
  const parts = meta.params
    .filter((p) => p.type !== 'alias')
    .map((p) => `${p.key} (default ${'default' in p ? JSON.stringify(p.default) : 'none'})`);
  if (meta.usesSource) parts.push('source (default "close")');
  return parts.length === 0 ? 'it takes no params' : `accepted params: ${parts.join(', ')}`;
}

export interface NormalizedParams {
  readonly params: IndicatorParams;
  readonly warnings: readonly ParamWarning[];
}

/**
 * Validates raw params against the catalogue (§1.5) and returns them with defaults applied, in declaration
 * order, plus warnings (W_PARAM_IGNORED for a psar `af` overridden by `af0`).
 */
export function normalizeParams(meta: IndicatorMeta, raw: unknown): NormalizedParams {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalid(meta, '', 'params must be a map of name → value', acceptedList(meta));
  }
  const input: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  const warnings: ParamWarning[] = [];
  const declared = meta.params.map((p) => p.key);

  for (const key of Object.keys(input)) {
    if ((PASS_THROUGH as readonly string[]).includes(key) && !declared.includes(key)) {
      throw new IndicatorError(
        IndicatorErrorCode.ParamUnknown,
        `indicator '${meta.name}': unknown param '${key}'`,
        {
          path: `params.${key}`,
          hint: 'not supported; values follow the TA-Lib/Pine definitions',
        },
      );
    }
  }

  if ('source' in input) {
    const source = input.source;
    if (!isSource(source)) {
      throw new IndicatorError(IndicatorErrorCode.SourceInvalid, `invalid source '${String(source)}'`, {
        path: 'source',
        hint: didYouMean(String(source), SOURCES),
      });
    }
    if (!meta.usesSource) {
      if (source !== 'close') {
        throw new IndicatorError(
          IndicatorErrorCode.SourceNotApplicable,
          `indicator '${meta.name}' reads ${meta.inputs}; source is not applicable`,
          {
            path: 'source',
            hint: `remove 'source'; ${meta.name} always reads its fixed inputs (${meta.inputs})`,
          },
        );
      }
      delete input.source;
    }
  }

  const accepted = meta.usesSource ? [...declared, 'source'] : declared;
  for (const key of Object.keys(input)) {
    if (!accepted.includes(key)) {
      const near = accepted.length > 0 ? `${didYouMean(key, accepted)}; ` : '';
      throw new IndicatorError(
        IndicatorErrorCode.ParamUnknown,
        `indicator '${meta.name}': unknown param '${key}'`,
        {
          path: `params.${key}`,
          hint: `${near}${acceptedList(meta)}`,
        },
      );
    }
  }

  for (const spec of meta.params) {
    if (spec.type !== 'alias' || !(spec.key in input)) continue;
    if (!(spec.of in input)) input[spec.of] = input[spec.key];
    else if (input[spec.of] !== input[spec.key]) {
      warnings.push({
        code: 'W_PARAM_IGNORED',
        message: `param '${spec.key}' is ignored: '${spec.of}' is set and wins`,
        path: `params.${spec.key}`,
        hint: `remove '${spec.key}' (an alias of '${spec.of}')`,
      });
    }
  }

  const result = meta.paramSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    if (issue.code === 'custom') {
      const relation = meta.relations.find((r) => r.params[0] === key && r.rule === issue.message);
      const names = relation === undefined ? key : `'${relation.params[0]}' and '${relation.params[1]}'`;
      throw invalid(
        meta,
        key,
        `params ${names} must satisfy ${issue.message}`,
        `change ${names} so that ${issue.message}`,
      );
    }
    const spec = meta.params.find((p) => p.key === key);
    const rule =
      key === 'source'
        ? `one of ${SOURCES.join(', ')}`
        : spec === undefined
          ? issue.message
          : describeRule(spec);
    throw invalid(
      meta,
      key,
      `param '${key}' must be ${rule}, got ${JSON.stringify(input[key])}`,
      `use ${rule}`,
    );
  }
  const params: Record<string, ParamValue> = {};
  for (const [key, value] of Object.entries(result.data)) {
    const spec = meta.params.find((p) => p.key === key);
    if (value === undefined || spec?.type === 'alias') continue;
    params[key] = value;
  }
  return { params: Object.freeze(params), warnings };
}
