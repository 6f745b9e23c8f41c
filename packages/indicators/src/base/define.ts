import type { IndicatorBase } from './IndicatorBase';
import { buildParamSchema } from './params';
import type {
  IndicatorMeta,
  IndicatorParams,
  InputKind,
  OutputType,
  ParamRelation,
  ParamSpec,
  RecursionClass,
  ReferenceMeta,
} from './types';

/** What the constructor of an indicator class receives: identity and normalized params. */
export interface IndicatorIdentity {
  readonly name: string;
  readonly params: IndicatorParams;
  readonly outputKeys: readonly string[];
  readonly fvi: number;
}

export interface IndicatorDefinition {
  readonly name: string;
  readonly category: IndicatorMeta['category'];
  readonly title: string;
  readonly inputs: InputKind;
  readonly anchored?: boolean;
  readonly params: readonly ParamSpec[];
  readonly relations?: readonly ParamRelation[];
  readonly outputs: readonly {
    key: string;
    type?: OutputType;
    fvi: (p: IndicatorParams) => number;
    nanWhen?: string;
  }[];
  readonly primary?: string;
  readonly exclusive?: readonly (readonly [string, string])[];
  readonly cls: RecursionClass;
  readonly lambda?: (p: IndicatorParams) => number;
  readonly reference: ReferenceMeta;
  readonly notes: string;
  readonly create: (identity: IndicatorIdentity) => IndicatorBase;
}

/** A registry entry: the metadata of §5.1 plus the factory of the incremental class. */
export interface IndicatorEntry {
  readonly meta: IndicatorMeta;
  readonly create: (identity: IndicatorIdentity) => IndicatorBase;
}

/** Reads a numeric param of normalized params (validated by the schema beforehand). */
export function num(params: IndicatorParams, key: string): number {
  return params[key] as number;
}

export function defineIndicator(def: IndicatorDefinition): IndicatorEntry {
  const usesSource = def.inputs === 'src' || def.inputs === 'src+v';
  const relations = def.relations ?? [];
  const exclusiveKeys = new Set((def.exclusive ?? []).flat());
  const outputs = def.outputs.map((o) => ({
    key: o.key,
    type: o.type ?? 'FLOAT',
    fvi: o.fvi,
    nanWhen:
      o.nanWhen ??
      (exclusiveKeys.has(o.key) ? 'the other member of its exclusive pair is the finite one' : undefined),
  }));
  const lambda = def.lambda ?? (() => 0);
  const fvi = (p: IndicatorParams): number => Math.max(...outputs.map((o) => o.fvi(p)));
  const warmupBars = (p: IndicatorParams): number =>
    fvi(p) + 1 + (def.cls === 'E' ? Math.ceil(3 * lambda(p)) : 0);
  const defaults: Record<string, number | boolean | string> = {};
  for (const spec of def.params) if ('default' in spec) defaults[spec.key] = spec.default;
  if (usesSource) defaults.source = 'close';
  const meta: IndicatorMeta = {
    name: def.name,
    category: def.category,
    title: def.title,
    inputs: def.inputs,
    usesSource,
    anchored: def.anchored ?? false,
    params: def.params,
    relations,
    paramSchema: buildParamSchema(def.params, relations, usesSource),
    defaults: Object.freeze(defaults),
    outputs,
    outputKeys: outputs.map((o) => o.key),
    primary: def.primary ?? outputs[0]!.key,
    exclusive: def.exclusive ?? [],
    cls: def.cls,
    lambda,
    fvi,
    warmupBars,
    warmup: warmupBars,
    stableBars: (p) => fvi(p) + 1 + (def.cls === 'E' ? Math.ceil(23.1 * lambda(p)) : 0),
    reference: def.reference,
    notes: def.notes,
  };
  return { meta: Object.freeze(meta), create: def.create };
}
