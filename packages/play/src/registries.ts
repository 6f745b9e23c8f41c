import type { TradeError } from '@trade/core';
import { listIndicators, validateParams } from '@trade/indicators';
import { listStructures, validateStructureParams } from '@trade/structures';
import type { z } from 'zod';
import type { Catalog, FieldInfo, IndicatorInfo, ParamCheck, ParamIssue, StructureInfo } from './catalog';

/**
 * The one place that reads `@trade/indicators` and `@trade/structures`: adapts their registries to the
 * catalogue the loader needs, so a registry change is a one-file fix.
 */

function issueFromError(error: unknown): ParamIssue {
  const e = error as TradeError;
  const code = e.code === 'E_PARAM_UNKNOWN' || e.code === 'E_PARAM_REQUIRED' ? e.code : 'E_PARAM_INVALID';
  const param = (e.path ?? '').replace(/^params\.?/, '');
  return { code, param, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
}

/**
 * The registries stop at the first param problem; the strict zod schema finds the others, so a play lists every
 * bad param at once. The registry's own issue comes first (it also covers relations like fast < slow).
 */
function allIssues(
  first: ParamIssue,
  schema: z.ZodType,
  raw: Readonly<Record<string, unknown>>,
): ParamIssue[] {
  const out: ParamIssue[] = [first];
  const input = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== 'source'));
  const result = schema.safeParse(input);
  if (result.success) return out;
  for (const issue of result.error.issues) {
    const params = issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.map(String).join('.')];
    for (const param of params) {
      if (param === '' || out.some((o) => o.param === param)) continue;
      const missing = issue.code === 'invalid_type' && raw[param] === undefined;
      out.push({
        code:
          issue.code === 'unrecognized_keys'
            ? 'E_PARAM_UNKNOWN'
            : missing
              ? 'E_PARAM_REQUIRED'
              : 'E_PARAM_INVALID',
        param,
        message:
          issue.code === 'unrecognized_keys'
            ? `unknown param '${param}'`
            : missing
              ? `param '${param}' is required`
              : `param '${param}' must be ${ruleText(issue)}, got ${JSON.stringify(raw[param])}`,
      });
    }
  }
  return out;
}

function ruleText(issue: z.core.$ZodIssue): string {
  const i = issue as unknown as {
    minimum?: unknown;
    maximum?: unknown;
    inclusive?: boolean;
    expected?: unknown;
  };
  if (issue.code === 'too_small') return `${i.inclusive === false ? '>' : '≥'} ${String(i.minimum)}`;
  if (issue.code === 'too_big') return `${i.inclusive === false ? '<' : '≤'} ${String(i.maximum)}`;
  if (issue.code === 'invalid_type') return i.expected === 'int' ? 'an integer' : `a ${String(i.expected)}`;
  if (issue.code === 'invalid_value') return 'one of the allowed values';
  return issue.message;
}

function warningsOf(list: readonly { path: string; message: string; hint: string }[]): ParamIssue[] {
  return list.map((w) => ({
    code: 'W_PARAM_IGNORED',
    param: w.path.replace(/^params\.?/, ''),
    message: w.message,
    hint: w.hint,
  }));
}

function indicatorInfos(): Map<string, IndicatorInfo> {
  const out = new Map<string, IndicatorInfo>();
  for (const meta of listIndicators()) {
    const outputs: FieldInfo[] = meta.outputs.map((o) => ({ name: o.key, type: o.type }));
    out.set(meta.name, {
      name: meta.name,
      singleSource: meta.usesSource,
      outputs,
      checkParams(raw): ParamCheck {
        try {
          const n = validateParams(meta.name, raw);
          return { ok: true, params: n.params, warnings: warningsOf(n.warnings) };
        } catch (error) {
          if ((error as TradeError).code === undefined) throw error;
          return { ok: false, issues: allIssues(issueFromError(error), meta.paramSchema, raw) };
        }
      },
      warmupBars: (params) => meta.warmupBars(params as Parameters<typeof meta.warmupBars>[0]),
    });
  }
  return out;
}

function structureInfos(): Map<string, StructureInfo> {
  const out = new Map<string, StructureInfo>();
  for (const meta of listStructures()) {
    out.set(meta.type, {
      type: meta.type,
      checkParams(raw): ParamCheck {
        try {
          const v = validateStructureParams(meta.type, raw);
          return { ok: true, params: v.params, warnings: warningsOf(v.warnings) };
        } catch (error) {
          if ((error as TradeError).code === undefined) throw error;
          return { ok: false, issues: allIssues(issueFromError(error), meta.paramsSchema, raw) };
        }
      },
      fields: (params) =>
        meta.fields(params as Record<string, unknown>).map((f) => ({
          name: f.name,
          type: f.readable ? f.type : 'HASH',
          ...(f.domain ? { domain: f.domain } : {}),
        })),
      requiredDeps: meta.dependencies.filter((d) => d.required).map((d) => d.type),
      optionalDeps: meta.dependencies.filter((d) => !d.required).map((d) => d.type),
      requiredWhen: (params) =>
        meta.dependencies
          .filter((d) => d.requiredWhen !== undefined && params[d.requiredWhen] === true)
          .map((d) => d.type),
      atrKey(params, boundTypes, raw) {
        const a = meta.atr(params as Record<string, unknown>, boundTypes);
        if (a.use === 'none' || a.key === undefined) return undefined;
        return { id: a.key, required: a.use === 'required', explicit: Object.hasOwn(raw, 'atr_key') };
      },
      warmupBars: (params, context) => meta.warmupBars(params as Record<string, unknown>, context),
    });
  }
  return out;
}

let cached: Catalog | undefined;

/** The catalogue of the shipped registries (built once). */
export function defaultCatalog(): Catalog {
  cached ??= { indicators: indicatorInfos(), structures: structureInfos() };
  return cached;
}
