import type { Catalog } from '../catalog';
import type { DiagnosticBag, SourcePos } from '../diagnostics';
import { childPath } from '../key-path';
import type { PlayTimeframes } from '../model';
import { didYouMeanHint } from '../suggest';
import { isRoleName, type PlayTimeframe, parsePlayTimeframe } from '../timeframes';
import { locate } from '../yaml/locate';
import { mapEntry, type YEntry, type YMap, type YNode } from '../yaml/tree';

export interface LoadContext {
  readonly bag: DiagnosticBag;
  readonly root: YMap;
  readonly catalog: Catalog;
}

export function entry(ctx: LoadContext, key: string): YEntry | undefined {
  return mapEntry(ctx.root, key);
}

/** Reports a diagnostic on a node (alias and template sites handled by `locate`). */
export function reportAt(
  ctx: LoadContext,
  code: string,
  message: string,
  node: YNode,
  path: string,
  hint?: string,
): void {
  const where = locate(node);
  ctx.bag.add({ code, message, pos: where.pos, path, hint, related: where.related });
}

export function reportPos(
  ctx: LoadContext,
  code: string,
  message: string,
  pos: SourcePos,
  path: string,
  hint?: string,
): void {
  ctx.bag.add({ code, message, pos, path, hint });
}

/** Unknown keys of a hand-checked map, each with did-you-mean. */
export function checkKeys(
  ctx: LoadContext,
  map: YMap,
  path: string,
  allowed: readonly string[],
  section: string,
): boolean {
  let ok = true;
  for (const e of map.entries) {
    if (allowed.includes(e.key)) continue;
    ok = false;
    const near = allowed.length > 0 ? didYouMeanHint(e.key, allowed) : undefined;
    ctx.bag.add({
      code: 'E_UNKNOWN_KEY',
      message: `unknown key '${e.key}' in ${section}`,
      pos: e.value.via ?? e.keyPos,
      path: childPath(path, e.key),
      hint: near,
    });
  }
  return ok;
}

export function expectMap(ctx: LoadContext, node: YNode, path: string): node is YMap {
  if (node.kind === 'map') return true;
  reportAt(ctx, 'E_TYPE', `expected map, got ${node.kind === 'seq' ? 'list' : 'scalar'}`, node, path);
  return false;
}

/**
 * Resolves a `tf` value as features, structure groups and anchors write it: a role name, `exec`, or a TF string.
 * Reports E_TF_UNSUPPORTED / E_TF_INVALID / E_TF_ROLE and returns undefined on failure.
 */
export function resolveTfRef(
  ctx: LoadContext,
  text: string,
  tfs: PlayTimeframes,
  node: YNode,
  path: string,
  roleCode = 'E_TF_ROLE',
): PlayTimeframe | undefined {
  if (text === 'exec') return tfs.exec_tf;
  if (isRoleName(text)) return tfs[text];
  const parsed = parsePlayTimeframe(text);
  if (parsed.ok) return parsed.tf;
  const looksLikeTf = /^\d+\s*[A-Za-z]*$/.test(text) || /^[A-Za-z]$/.test(text);
  if (parsed.code === 'E_TF_UNSUPPORTED' || looksLikeTf) {
    reportAt(ctx, parsed.code, parsed.message, node, path, parsed.hint);
  } else {
    reportAt(
      ctx,
      roleCode,
      roleCode === 'E_TF_ROLE' ? `'${text}' is not a timeframe or role` : `invalid structure group '${text}'`,
      node,
      path,
      `use exec, low_tf, med_tf, high_tf or a timeframe (${parsed.hint.replace('canonical timeframes: ', '')})`,
    );
  }
  return undefined;
}
