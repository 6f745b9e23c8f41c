import type { TradeError } from '@trade/core';
import { listIndicators, validateParams } from '@trade/indicators';
import { listStructures, validateStructureParams } from '@trade/structures';
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
          return { ok: false, issues: [issueFromError(error)] };
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
          return { ok: false, issues: [issueFromError(error)] };
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
