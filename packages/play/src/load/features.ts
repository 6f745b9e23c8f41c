import type { FieldInfo, ParamCheck, ParamIssue, StructureWarmupContext } from '../catalog';
import { RESERVED_IDS, type SymbolTable } from '../conditions/symbols';
import type { SourcePos } from '../diagnostics';
import { childPath, indexPath } from '../key-path';
import type { FeatureDecl, PlayTimeframes, PriceSource, StructureDecl } from '../model';
import { didYouMeanHint } from '../suggest';
import { isRoleName, type PlayTimeframe, parsePlayTimeframe } from '../timeframes';
import { locate } from '../yaml/locate';
import { describeNodeType, mapEntry, scalarText, toPlain, type YMap, type YNode } from '../yaml/tree';
import { checkKeys, entry, type LoadContext, reportAt, reportPos, resolveTfRef } from './context';

const FEATURE_ID = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const SOURCES: readonly PriceSource[] = ['close', 'open', 'high', 'low', 'volume', 'hl2', 'hlc3', 'ohlc4'];

export interface DeclaredIds {
  /** First declaration site of every feature id and structure key (shared namespace, §7/§8). */
  readonly positions: Map<string, SourcePos>;
}

export interface FeatureSet {
  readonly features: FeatureDecl[];
  readonly structures: StructureDecl[];
  readonly fieldTables: Record<string, readonly FieldInfo[]>;
  /** Structure warmups in bars of their TF (for the compiled layout). */
  readonly warmups: Record<string, number>;
}

function checkId(ctx: LoadContext, id: string, pos: SourcePos, path: string, ids: DeclaredIds): boolean {
  if (!FEATURE_ID.test(id)) {
    reportPos(
      ctx,
      'E_ID_SYNTAX',
      `invalid id '${id}'`,
      pos,
      path,
      'ids match ^[A-Za-z][A-Za-z0-9_]{0,63}$, e.g. ema_50_1h',
    );
    return false;
  }
  if (RESERVED_IDS.has(id)) {
    reportPos(ctx, 'E_ID_RESERVED', `'${id}' is reserved`, pos, path, `rename it, e.g. '${id}_1'`);
    return false;
  }
  const first = ids.positions.get(id);
  if (first !== undefined) {
    reportPos(
      ctx,
      'E_ID_DUPLICATE',
      `duplicate id '${id}' (first at ${first.line}:${first.col})`,
      pos,
      path,
      'feature ids and structure keys share one namespace; rename one',
    );
    return false;
  }
  ids.positions.set(id, pos);
  return true;
}

/** Reports the catalogue's param issues at their params key (missing → the `params`/owner key). */
function reportParamIssues(
  ctx: LoadContext,
  issues: readonly ParamIssue[],
  paramsNode: YNode | undefined,
  ownerPos: SourcePos,
  path: string,
): void {
  for (const issue of issues) {
    const first = issue.param.split('.')[0] ?? issue.param;
    const e = paramsNode?.kind === 'map' ? paramsNode.entries.find((x) => x.key === first) : undefined;
    const p = childPath(path, issue.param);
    if (e === undefined) {
      ctx.bag.add({
        code: issue.code,
        message: issue.message,
        pos: paramsNode ? locate(paramsNode).pos : ownerPos,
        path: p,
        hint: issue.hint,
      });
    } else if (issue.code === 'E_PARAM_UNKNOWN' || issue.code === 'W_PARAM_IGNORED') {
      ctx.bag.add({
        code: issue.code,
        message: issue.message,
        pos: e.value.via ?? e.keyPos,
        path: p,
        hint: issue.hint,
      });
    } else {
      const where = locate(e.value);
      ctx.bag.add({
        code: issue.code,
        message: issue.message,
        pos: where.pos,
        path: p,
        hint: issue.hint,
        related: where.related,
      });
    }
  }
}

function paramsOf(
  ctx: LoadContext,
  map: YMap,
  path: string,
): { node: YNode | undefined; raw: Record<string, unknown> } | undefined {
  const node = mapEntry(map, 'params')?.value;
  if (node === undefined || (node.kind === 'scalar' && node.value === null))
    return { node: undefined, raw: {} };
  if (node.kind !== 'map') {
    reportAt(
      ctx,
      'E_TYPE',
      `expected map, got ${describeNodeType(node)} '${scalarText(node)}'`,
      node,
      childPath(path, 'params'),
      'params: {length: 14}',
    );
    return undefined;
  }
  return { node, raw: toPlain(node) as Record<string, unknown> };
}

function runCheck(
  ctx: LoadContext,
  check: ParamCheck,
  paramsNode: YNode | undefined,
  ownerPos: SourcePos,
  path: string,
): Readonly<Record<string, unknown>> | undefined {
  if (!check.ok) {
    reportParamIssues(ctx, check.issues, paramsNode, ownerPos, path);
    return undefined;
  }
  reportParamIssues(ctx, check.warnings, paramsNode, ownerPos, path);
  return check.params;
}

/** §7 features and §8 structures; fills the symbol table. */
export function checkFeaturesAndStructures(
  ctx: LoadContext,
  tfs: PlayTimeframes,
  symbols: SymbolTable,
): FeatureSet {
  const ids: DeclaredIds = { positions: new Map() };
  const out: FeatureSet = { features: [], structures: [], fieldTables: {}, warmups: {} };
  const fe = entry(ctx, 'features');
  if (fe !== undefined && !(fe.value.kind === 'scalar' && fe.value.value === null)) {
    if (fe.value.kind !== 'map') {
      reportAt(
        ctx,
        'E_TYPE',
        `expected map, got ${describeNodeType(fe.value)} '${scalarText(fe.value)}'`,
        fe.value,
        'features',
        'features: {ema_9: {indicator: ema, params: {length: 9}}}',
      );
    } else {
      for (const e of fe.value.entries) checkFeature(ctx, e.key, e.keyPos, e.value, tfs, ids, symbols, out);
    }
  }
  const se = entry(ctx, 'structures');
  if (se !== undefined && !(se.value.kind === 'scalar' && se.value.value === null)) {
    if (se.value.kind !== 'map') {
      reportAt(
        ctx,
        'E_TYPE',
        `expected map, got ${describeNodeType(se.value)} '${scalarText(se.value)}'`,
        se.value,
        'structures',
        'structures: {exec: [{type: swing, key: swing, params: {left: 3, right: 3}}]}',
      );
    } else {
      checkStructures(ctx, se.value, tfs, ids, symbols, out);
    }
  }
  if (fe?.value.kind === 'map') checkSwingAnchors(ctx, fe.value, out);
  return out;
}

/**
 * Swing-anchored indicators (`anchored_vwap`, `indicators.md` §3 #44) reset on a swing of their own TF:
 * `anchor_structure` (default: the first swing declared on that TF) must name one.
 */
function checkSwingAnchors(ctx: LoadContext, featuresMap: YMap, out: FeatureSet): void {
  for (const f of out.features) {
    if (!('anchor_structure' in f.params) && !('anchor_source' in f.params)) continue;
    if (f.params.anchor_source === 'manual') continue;
    const swings = out.structures.filter((s) => s.type === 'swing' && s.tf === f.tf);
    const named = typeof f.params.anchor_structure === 'string' ? f.params.anchor_structure : undefined;
    const ok = named === undefined ? swings.length > 0 : swings.some((s) => s.key === named);
    if (ok) continue;
    const fNode = featuresMap.entries.find((e) => e.key === f.id)!;
    const params = fNode.value.kind === 'map' ? mapEntry(fNode.value, 'params')?.value : undefined;
    const anchorNode = params?.kind === 'map' ? mapEntry(params, 'anchor_structure')?.value : undefined;
    const path = childPath(childPath(childPath('features', f.id), 'params'), 'anchor_structure');
    const hint =
      swings.length > 0
        ? `swings on ${f.tf}: ${swings.map((s) => s.key).join(', ')}`
        : `declare a swing structure on ${f.tf}, or set anchor_source: manual`;
    if (anchorNode !== undefined) {
      reportAt(
        ctx,
        'E_PARAM_INVALID',
        `param 'anchor_structure' must name a swing structure on ${f.tf}, got ${scalarText(anchorNode)}`,
        anchorNode,
        path,
        hint,
      );
    } else {
      reportPos(
        ctx,
        'E_PARAM_INVALID',
        `indicator '${f.indicator}' needs a swing structure on ${f.tf} to anchor to`,
        fNode.keyPos,
        path,
        hint,
      );
    }
  }
}

function checkFeature(
  ctx: LoadContext,
  id: string,
  keyPos: SourcePos,
  node: YNode,
  tfs: PlayTimeframes,
  ids: DeclaredIds,
  symbols: SymbolTable,
  out: FeatureSet,
): void {
  const path = childPath('features', id);
  if (!checkId(ctx, id, keyPos, path, ids)) return;
  if (node.kind !== 'map') {
    reportAt(
      ctx,
      'E_TYPE',
      `expected map, got ${describeNodeType(node)} '${scalarText(node)}'`,
      node,
      path,
      `${id}: {indicator: ema, params: {length: 9}}`,
    );
    return;
  }
  if (!checkKeys(ctx, node, path, ['indicator', 'params', 'tf', 'source'], `feature '${id}'`)) return;
  const indNode = mapEntry(node, 'indicator')?.value;
  if (indNode === undefined) {
    reportPos(
      ctx,
      'E_REQUIRED',
      "missing required key 'indicator'",
      keyPos,
      childPath(path, 'indicator'),
      `${id}: {indicator: ema, params: {length: 9}}`,
    );
    return;
  }
  if (!(indNode.kind === 'scalar' && typeof indNode.value === 'string')) {
    reportAt(
      ctx,
      'E_TYPE',
      `expected string, got ${describeNodeType(indNode)} '${scalarText(indNode)}'`,
      indNode,
      childPath(path, 'indicator'),
    );
    return;
  }
  const name = indNode.value;
  const info = ctx.catalog.indicators.get(name);
  if (info === undefined) {
    const names = [...ctx.catalog.indicators.keys()];
    const lower = ctx.catalog.indicators.has(name.toLowerCase())
      ? `indicator names are lower case: '${name.toLowerCase()}'`
      : undefined;
    reportAt(
      ctx,
      'E_INDICATOR_UNKNOWN',
      `unknown indicator '${name}'`,
      indNode,
      childPath(path, 'indicator'),
      lower ?? didYouMeanHint(name, names),
    );
    return;
  }
  let tf = tfs.exec_tf;
  const tfNode = mapEntry(node, 'tf')?.value;
  if (tfNode !== undefined) {
    const text = tfNode.kind === 'scalar' && tfNode.value !== null ? String(tfNode.value) : '';
    const resolved = resolveTfRef(ctx, text, tfs, tfNode, childPath(path, 'tf'));
    if (resolved === undefined) return;
    tf = resolved;
  }
  let source: PriceSource = 'close';
  const srcNode = mapEntry(node, 'source')?.value;
  if (srcNode !== undefined) {
    const text = srcNode.kind === 'scalar' ? String(srcNode.value) : '';
    if (!(SOURCES as readonly string[]).includes(text)) {
      reportAt(
        ctx,
        'E_SOURCE_INVALID',
        `invalid source '${text}'`,
        srcNode,
        childPath(path, 'source'),
        didYouMeanHint(text, SOURCES),
      );
      return;
    }
    source = text as PriceSource;
    if (!info.singleSource && source !== 'close') {
      reportAt(
        ctx,
        'E_SOURCE_NOT_APPLICABLE',
        `indicator '${name}' reads OHLC; source is not applicable`,
        srcNode,
        childPath(path, 'source'),
        'remove source',
      );
      return;
    }
  }
  const p = paramsOf(ctx, node, path);
  if (p === undefined) return;
  // The feature-level `source` is the indicator's input series: hand it to the registry so the normalized
  // params (what the engine instantiates) carry it. A `source` written inside params must agree with it.
  const inner = p.raw.source;
  if (inner !== undefined && srcNode !== undefined && inner !== source) {
    reportAt(
      ctx,
      'E_CONFLICT',
      `'params.source' conflicts with 'source': ${String(inner)} vs ${source}`,
      srcNode,
      childPath(path, 'source'),
      'give source once, at the feature level',
    );
    return;
  }
  const raw = info.singleSource && srcNode !== undefined ? { ...p.raw, source } : p.raw;
  const params = runCheck(ctx, info.checkParams(raw), p.node, keyPos, childPath(path, 'params'));
  if (params === undefined) return;
  const effective = typeof params.source === 'string' ? (params.source as PriceSource) : source;
  out.features.push({ id, indicator: name, params, tf, source: effective });
  out.fieldTables[id] = info.outputs;
  symbols.add({ kind: 'feature', id, tf, fields: info.outputs });
}

interface DeclaredStructure {
  readonly decl: StructureDecl;
  readonly order: number;
}

function checkStructures(
  ctx: LoadContext,
  map: YMap,
  tfs: PlayTimeframes,
  ids: DeclaredIds,
  symbols: SymbolTable,
  out: FeatureSet,
): void {
  // Document order of every declared key, for E_STRUCT_USES_ORDER vs E_STRUCT_USES_UNKNOWN.
  const allKeys = new Map<string, number>();
  let order = 0;
  for (const g of map.entries) {
    if (g.value.kind !== 'seq') continue;
    for (const item of g.value.items) {
      const k = item.kind === 'map' ? mapEntry(item, 'key')?.value : undefined;
      if (k?.kind === 'scalar' && typeof k.value === 'string' && !allKeys.has(k.value))
        allKeys.set(k.value, order);
      order++;
    }
  }
  const declared = new Map<string, DeclaredStructure>();
  order = 0;
  for (const g of map.entries) {
    const gPath = childPath('structures', g.key);
    let tf: PlayTimeframe | undefined;
    if (g.key === 'exec') tf = tfs.exec_tf;
    else if (isRoleName(g.key)) tf = tfs[g.key];
    else {
      const parsed = parsePlayTimeframe(g.key);
      if (parsed.ok) tf = parsed.tf;
      else {
        reportPos(
          ctx,
          'E_STRUCT_ROLE',
          `invalid structure group '${g.key}'`,
          g.keyPos,
          gPath,
          `use exec, low_tf, med_tf, high_tf or a timeframe; ${parsed.hint}`,
        );
        continue;
      }
    }
    if (g.value.kind === 'map') {
      const inner = g.value.entries[0];
      reportAt(
        ctx,
        'E_STRUCT_LEGACY_FORM',
        'nested TF groups are not supported',
        g.value,
        gPath,
        inner ? `write "${inner.key}": [...] directly under structures` : 'write a list of structures',
      );
      continue;
    }
    if (g.value.kind === 'scalar' && g.value.value === null) continue;
    if (g.value.kind !== 'seq') {
      reportAt(
        ctx,
        'E_TYPE',
        `expected list, got ${describeNodeType(g.value)} '${scalarText(g.value)}'`,
        g.value,
        gPath,
        `${g.key}: [{type: swing, key: swing, params: {left: 3, right: 3}}]`,
      );
      continue;
    }
    g.value.items.forEach((item, i) => {
      const path = indexPath(gPath, i);
      const myOrder = order++;
      checkStructure(ctx, item, path, tf!, myOrder, allKeys, declared, ids, symbols, out);
    });
  }
}

function checkStructure(
  ctx: LoadContext,
  item: YNode,
  path: string,
  tf: PlayTimeframe,
  myOrder: number,
  allKeys: ReadonlyMap<string, number>,
  declared: Map<string, DeclaredStructure>,
  ids: DeclaredIds,
  symbols: SymbolTable,
  out: FeatureSet,
): void {
  if (item.kind !== 'map') {
    reportAt(
      ctx,
      'E_TYPE',
      `expected map, got ${describeNodeType(item)} '${scalarText(item)}'`,
      item,
      path,
      '{type: swing, key: swing, params: {left: 3, right: 3}}',
    );
    return;
  }
  if (!checkKeys(ctx, item, path, ['type', 'key', 'params', 'uses'], 'structure')) return;
  const typeNode = mapEntry(item, 'type')?.value;
  const keyEntry = mapEntry(item, 'key');
  const itemPos = locate(item).pos;
  if (typeNode === undefined) {
    reportPos(
      ctx,
      'E_REQUIRED',
      "missing required key 'type'",
      itemPos,
      childPath(path, 'type'),
      '{type: swing, key: swing, params: {left: 3, right: 3}}',
    );
    return;
  }
  if (keyEntry === undefined) {
    reportPos(
      ctx,
      'E_REQUIRED',
      "missing required key 'key'",
      itemPos,
      childPath(path, 'key'),
      'every structure needs a key, e.g. key: swing_1h',
    );
    return;
  }
  const keyNode = keyEntry.value;
  if (!(keyNode.kind === 'scalar' && typeof keyNode.value === 'string')) {
    reportAt(
      ctx,
      'E_TYPE',
      `expected string, got ${describeNodeType(keyNode)} '${scalarText(keyNode)}'`,
      keyNode,
      childPath(path, 'key'),
    );
    return;
  }
  const key = keyNode.value;
  if (!checkId(ctx, key, locate(keyNode).pos, childPath(path, 'key'), ids)) return;
  const type = typeNode.kind === 'scalar' ? String(typeNode.value) : '';
  const info = ctx.catalog.structures.get(type);
  if (info === undefined) {
    reportAt(
      ctx,
      'E_STRUCT_TYPE_UNKNOWN',
      `unknown structure type '${type}'`,
      typeNode,
      childPath(path, 'type'),
      didYouMeanHint(type, [...ctx.catalog.structures.keys()]),
    );
    return;
  }
  const p = paramsOf(ctx, item, path);
  if (p === undefined) return;
  const params = runCheck(ctx, info.checkParams(p.raw), p.node, itemPos, childPath(path, 'params'));
  if (params === undefined) return;
  // uses: each dependency earlier in document order, on the same TF, of an accepted type.
  const usesNode = mapEntry(item, 'uses')?.value;
  const uses: string[] = [];
  const depTypes: { type: string; params: Readonly<Record<string, unknown>> }[] = [];
  let ok = true;
  if (usesNode !== undefined) {
    const list = usesNode.kind === 'seq' ? usesNode.items : [usesNode];
    list.forEach((u, i) => {
      const up = usesNode.kind === 'seq' ? indexPath(childPath(path, 'uses'), i) : childPath(path, 'uses');
      if (!(u.kind === 'scalar' && typeof u.value === 'string')) {
        reportAt(ctx, 'E_TYPE', `expected string, got ${describeNodeType(u)} '${scalarText(u)}'`, u, up);
        ok = false;
        return;
      }
      const dep = u.value;
      const d = declared.get(dep);
      if (d === undefined) {
        const later = allKeys.get(dep);
        if (later !== undefined && later > myOrder) {
          reportAt(
            ctx,
            'E_STRUCT_USES_ORDER',
            `structure '${key}' uses '${dep}': it is declared later`,
            u,
            up,
            `move '${dep}' above '${key}'`,
          );
        } else {
          reportAt(
            ctx,
            'E_STRUCT_USES_UNKNOWN',
            `structure '${key}' uses '${dep}': it is not declared`,
            u,
            up,
            didYouMeanHint(dep, [...declared.keys()]) ?? 'declare the dependency above this structure',
          );
        }
        ok = false;
        return;
      }
      if (d.decl.tf !== tf) {
        reportAt(
          ctx,
          'E_STRUCT_USES_TF',
          `structure '${key}' uses '${dep}': it is on another timeframe (${d.decl.tf}, not ${tf})`,
          u,
          up,
          `declare a ${d.decl.type} on ${tf} and use that`,
        );
        ok = false;
        return;
      }
      const accepted = [...info.requiredDeps, ...info.optionalDeps];
      if (!accepted.includes(d.decl.type) || depTypes.some((x) => x.type === d.decl.type)) {
        reportAt(
          ctx,
          'E_STRUCT_USES_TYPE',
          `structure '${key}' uses '${dep}': must be a ${accepted.join(' or ') || 'nothing (this type has no dependencies)'}`,
          u,
          up,
        );
        ok = false;
        return;
      }
      uses.push(dep);
      depTypes.push({ type: d.decl.type, params: d.decl.params });
    });
  }
  if (!ok) return;
  for (const req of [...info.requiredDeps, ...info.requiredWhen(params)]) {
    if (depTypes.some((x) => x.type === req)) continue;
    const candidates = [...declared.values()]
      .filter((d) => d.decl.type === req && d.decl.tf === tf)
      .map((d) => d.decl.key);
    reportAt(
      ctx,
      'E_STRUCT_USES_TYPE',
      `structure '${key}' uses nothing of type ${req}: must be a ${req}`,
      usesNode ?? keyNode,
      usesNode ? childPath(path, 'uses') : childPath(path, 'key'),
      candidates.length > 0
        ? `add uses: ${candidates[candidates.length - 1]}`
        : `declare a ${req} above '${key}' on ${tf} and add uses: <its key>`,
    );
    return;
  }
  // ATR input (structures.md §1.1).
  const atr = info.atrKey(
    params,
    depTypes.map((d) => d.type),
    p.raw,
  );
  if (atr !== undefined) {
    const atrNode = p.node?.kind === 'map' ? mapEntry(p.node, 'atr_key')?.value : undefined;
    const feature = out.features.find((f) => f.id === atr.id);
    const bad =
      feature !== undefined ? feature.indicator !== 'atr' || feature.tf !== tf : atr.explicit || atr.required;
    if (bad) {
      reportAt(
        ctx,
        'E_STRUCT_ATR_KEY',
        `atr_key '${atr.id}' must be an atr feature on ${tf}`,
        atrNode ?? keyNode,
        atrNode ? childPath(childPath(path, 'params'), 'atr_key') : childPath(path, 'key'),
        `declare ${atr.id}: {indicator: atr, params: {length: 14}, tf: "${tf}"}`,
      );
      return;
    }
    if (feature !== undefined) symbols.used.add(feature.id);
  }
  const decl: StructureDecl = { key, type, tf, params, uses };
  declared.set(key, { decl, order: myOrder });
  out.structures.push(decl);
  const fields = info.fields(params);
  out.fieldTables[key] = fields;
  out.warmups[key] = info.warmupBars(params, warmupContext(uses, declared, atr?.id, out, ctx));
  symbols.add({ kind: 'structure', id: key, tf, fields });
}

/** The swing reached through `uses` (directly or via dependencies) and the ATR feature's warmup (§1.6). */
function warmupContext(
  uses: readonly string[],
  declared: ReadonlyMap<string, DeclaredStructure>,
  atrId: string | undefined,
  out: FeatureSet,
  ctx: LoadContext,
): StructureWarmupContext {
  let swing: StructureWarmupContext['swing'];
  const queue = [...uses];
  const seen = new Set<string>();
  while (queue.length > 0 && swing === undefined) {
    const k = queue.shift()!;
    if (seen.has(k)) continue;
    seen.add(k);
    const d = declared.get(k)?.decl;
    if (d === undefined) continue;
    if (d.type === 'swing') {
      const p = d.params as { mode?: 'fractal' | 'atr_zigzag'; left?: number; right?: number };
      swing = {
        mode: p.mode ?? 'fractal',
        ...(p.left !== undefined ? { left: p.left } : {}),
        ...(p.right !== undefined ? { right: p.right } : {}),
      };
    } else queue.push(...d.uses);
  }
  const atr = atrId === undefined ? undefined : out.features.find((f) => f.id === atrId);
  const atrWarmup =
    atr === undefined ? undefined : ctx.catalog.indicators.get(atr.indicator)?.warmupBars(atr.params);
  return { ...(swing ? { swing } : {}), ...(atrWarmup !== undefined ? { atrWarmup } : {}) };
}
