import type { Expr } from '../conditions/ast';
import { type ExprContext, parseExpr } from '../conditions/parse';
import { childPath, indexPath } from '../key-path';
import {
  ACTION_NAMES,
  type ActionBlock,
  type ActionCase,
  type ActionName,
  type Intent,
  type MetadataValue,
  type PositionPolicy,
} from '../model';
import { didYouMeanHint } from '../suggest';
import { locate } from '../yaml/locate';
import { describeNodeType, mapEntry, scalarText, type YMap, type YNode } from '../yaml/tree';
import { entry, type LoadContext, reportAt, reportPos } from './context';
import { parseMetadataRef } from './operands';

const SETUP_ID = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const METADATA_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const DICT_ACTIONS = ['entry_long', 'entry_short', 'exit_long', 'exit_short', 'exit_all'] as const;
const RESERVED_METADATA = ['stop_loss', 'take_profit', 'entry_price'];

/** Declared setup ids with their nodes (parsed after every id is known, so setups can reference each other). */
export function collectSetupIds(
  ctx: LoadContext,
): Map<string, { node: YNode; path: string; keyPos: { line: number; col: number } }> {
  const out = new Map<string, { node: YNode; path: string; keyPos: { line: number; col: number } }>();
  const e = entry(ctx, 'setups');
  if (e === undefined || (e.value.kind === 'scalar' && e.value.value === null)) return out;
  if (e.value.kind !== 'map') {
    reportAt(
      ctx,
      'E_TYPE',
      `expected map, got ${describeNodeType(e.value)} '${scalarText(e.value)}'`,
      e.value,
      'setups',
      'setups: {trend_up: [["close", ">", "ema_200"]]}',
    );
    return out;
  }
  for (const s of e.value.entries) {
    const path = childPath('setups', s.key);
    if (!SETUP_ID.test(s.key)) {
      reportPos(
        ctx,
        'E_ID_SYNTAX',
        `invalid id '${s.key}'`,
        s.keyPos,
        path,
        'setup ids match ^[A-Za-z_][A-Za-z0-9_]{0,63}$',
      );
      continue;
    }
    out.set(s.key, { node: s.value, path, keyPos: s.keyPos });
  }
  return out;
}

export function parseSetups(
  ids: ReturnType<typeof collectSetupIds>,
  ectx: ExprContext,
): Record<string, Expr> | undefined {
  const out: Record<string, Expr> = {};
  let ok = true;
  for (const [id, s] of ids) {
    const expr = parseExpr(s.node, s.path, ectx);
    if (expr === undefined) ok = false;
    // defineProperty: an id like `__proto__` (valid by the id rule) must stay an ordinary key.
    else
      Object.defineProperty(out, id, { value: expr, enumerable: true, writable: true, configurable: true });
  }
  return ok ? out : undefined;
}

/** Finds setup cycles (E_SETUP_CYCLE) and returns whether the graph is acyclic. */
export function checkSetupCycles(
  ctx: LoadContext,
  setups: Readonly<Record<string, Expr>>,
  ids: ReturnType<typeof collectSetupIds>,
): boolean {
  const refs = (e: Expr, acc: string[]): string[] => {
    switch (e.kind) {
      case 'setup':
        acc.push(e.id);
        break;
      case 'all':
      case 'any':
        for (const c of e.children) refs(c, acc);
        break;
      case 'not':
        refs(e.child, acc);
        break;
      case 'window':
        refs(e.expr, acc);
        break;
      default:
        break;
    }
    return acc;
  };
  const state = new Map<string, 'visiting' | 'done'>();
  let acyclic = true;
  const visit = (id: string, stack: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      const site = ids.get(cycle[0]!);
      reportPos(
        ctx,
        'E_SETUP_CYCLE',
        `setup cycle: ${cycle.join(' -> ')}`,
        site?.keyPos ?? { line: 1, col: 1 },
        site?.path ?? 'setups',
        'break the cycle: a setup cannot depend on itself',
      );
      acyclic = false;
      return;
    }
    state.set(id, 'visiting');
    const e = setups[id];
    if (e !== undefined) for (const r of refs(e, [])) visit(r, [...stack, id]);
    state.set(id, 'done');
  };
  for (const id of Object.keys(setups)) visit(id, []);
  return acyclic;
}

function parseIntent(
  ctx: LoadContext,
  node: YNode,
  path: string,
  ectx: ExprContext,
  policy: PositionPolicy,
): Intent | undefined {
  if (node.kind === 'scalar' && typeof node.value === 'string') {
    if (!(ACTION_NAMES as readonly string[]).includes(node.value)) {
      reportAt(
        ctx,
        'E_ACTION_UNKNOWN',
        `unknown action '${node.value}'`,
        node,
        path,
        didYouMeanHint(node.value, ACTION_NAMES) ?? `one of ${ACTION_NAMES.join(', ')}`,
      );
      return undefined;
    }
    return { action: node.value as ActionName, percent: 100, metadata: {} };
  }
  if (node.kind !== 'map') {
    reportAt(
      ctx,
      'E_INTENT',
      `intent '${scalarText(node)}': write an action name or {action, percent?, metadata?}`,
      node,
      path,
    );
    return undefined;
  }
  let ok = true;
  for (const e of node.entries) {
    if (['action', 'percent', 'metadata'].includes(e.key)) continue;
    ok = false;
    reportPos(
      ctx,
      'E_UNKNOWN_KEY',
      `unknown key '${e.key}' in intent`,
      e.value.via ?? e.keyPos,
      childPath(path, e.key),
      didYouMeanHint(e.key, ['action', 'percent', 'metadata']),
    );
  }
  const actionNode = mapEntry(node, 'action')?.value;
  if (actionNode === undefined) {
    reportAt(
      ctx,
      'E_BLOCK_SHAPE',
      "intent: missing 'action'",
      node,
      childPath(path, 'action'),
      '{action: exit_long, percent: 50}',
    );
    return undefined;
  }
  const action = actionNode.kind === 'scalar' ? String(actionNode.value) : '';
  if (!(ACTION_NAMES as readonly string[]).includes(action)) {
    reportAt(
      ctx,
      'E_ACTION_UNKNOWN',
      `unknown action '${action}'`,
      actionNode,
      childPath(path, 'action'),
      didYouMeanHint(action, ACTION_NAMES) ?? `one of ${ACTION_NAMES.join(', ')}`,
    );
    return undefined;
  }
  let percent = 100;
  const pNode = mapEntry(node, 'percent')?.value;
  if (pNode !== undefined) {
    const v = pNode.kind === 'scalar' ? pNode.value : null;
    if (!action.startsWith('exit')) {
      reportAt(
        ctx,
        'E_INTENT',
        `intent '${action}': percent is only allowed on exits`,
        pNode,
        childPath(path, 'percent'),
        'remove percent',
      );
      ok = false;
    } else if (typeof v !== 'number' || !(v > 0 && v <= 100)) {
      reportAt(
        ctx,
        'E_INTENT',
        `intent '${action}': percent must be in (0, 100], got ${scalarText(pNode)}`,
        pNode,
        childPath(path, 'percent'),
      );
      ok = false;
    } else {
      percent = v;
      if (v < 100 && !policy.allow_scale_out) {
        reportAt(
          ctx,
          'E_SCALE_OUT_DISABLED',
          'partial exits need position_policy.allow_scale_out: true',
          pNode,
          childPath(path, 'percent'),
          'set position_policy.allow_scale_out: true',
        );
        ok = false;
      }
    }
  }
  const metadata: Record<string, MetadataValue> = {};
  const mNode = mapEntry(node, 'metadata')?.value;
  if (mNode !== undefined) {
    const mp = childPath(path, 'metadata');
    if (mNode.kind !== 'map') {
      reportAt(
        ctx,
        'E_METADATA',
        `metadata key '${scalarText(mNode)}' must be inside a map`,
        mNode,
        mp,
        'metadata: {why: choch}',
      );
      ok = false;
    } else {
      if (mNode.entries.length > 32) {
        reportAt(
          ctx,
          'E_METADATA',
          `metadata key '${mNode.entries[32]!.key}' exceeds the limit of 32 keys`,
          mNode,
          mp,
        );
        ok = false;
      }
      for (const m of mNode.entries) {
        const kp = childPath(mp, m.key);
        if (RESERVED_METADATA.includes(m.key)) {
          reportPos(
            ctx,
            'E_METADATA',
            `metadata key '${m.key}' is reserved`,
            m.keyPos,
            kp,
            'set stop loss/take profit under risk or risk_model; rename the key',
          );
          ok = false;
          continue;
        }
        if (!METADATA_KEY.test(m.key)) {
          reportPos(
            ctx,
            'E_METADATA',
            `metadata key '${m.key}' must match ^[A-Za-z][A-Za-z0-9_]{0,63}$`,
            m.keyPos,
            kp,
          );
          ok = false;
          continue;
        }
        const v = m.value;
        if (v.kind === 'scalar') {
          if (typeof v.value === 'number' && !Number.isFinite(v.value)) {
            reportAt(ctx, 'E_METADATA', `metadata key '${m.key}' needs a finite number`, v, kp);
            ok = false;
          } else metadata[m.key] = v.value;
        } else if (v.kind === 'map' && mapEntry(v, 'feature_id') !== undefined) {
          const ref = parseMetadataRef(v, kp, ectx);
          if (ref === undefined) ok = false;
          else metadata[m.key] = { ref };
        } else {
          reportAt(
            ctx,
            'E_METADATA',
            `metadata key '${m.key}' must be a literal or {feature_id, field?, offset?}`,
            v,
            kp,
          );
          ok = false;
        }
      }
    }
  }
  return ok ? { action: action as ActionName, percent, metadata } : undefined;
}

function parseEmit(
  ctx: LoadContext,
  node: YNode | undefined,
  owner: YNode,
  path: string,
  ectx: ExprContext,
  policy: PositionPolicy,
  blockId: string,
): Intent[] | undefined {
  if (node === undefined) {
    reportAt(
      ctx,
      'E_BLOCK_SHAPE',
      `block '${blockId}': missing 'emit'`,
      owner,
      path,
      '{when: [...], emit: [entry_long]}',
    );
    return undefined;
  }
  if (node.kind !== 'seq' || node.items.length === 0) {
    reportAt(
      ctx,
      'E_TYPE',
      `expected non-empty list, got ${describeNodeType(node)} '${scalarText(node)}'`,
      node,
      path,
      'emit: [entry_long]',
    );
    return undefined;
  }
  const out: Intent[] = [];
  let ok = true;
  node.items.forEach((item, i) => {
    const intent = parseIntent(ctx, item, indexPath(path, i), ectx, policy);
    if (intent === undefined) ok = false;
    else out.push(intent);
  });
  return ok ? out : undefined;
}

/** §12 actions, both forms. */
export function parseActions(
  ctx: LoadContext,
  ectx: ExprContext,
  policy: PositionPolicy,
): ActionBlock[] | undefined {
  const e = entry(ctx, 'actions');
  if (e === undefined) return undefined;
  const node = e.value;
  if (node.kind === 'map') {
    const blocks: ActionBlock[] = [];
    let ok = true;
    for (const a of node.entries) {
      const path = childPath('actions', a.key);
      if (!(DICT_ACTIONS as readonly string[]).includes(a.key)) {
        reportPos(
          ctx,
          'E_ACTION_UNKNOWN',
          `unknown action '${a.key}'`,
          a.keyPos,
          path,
          didYouMeanHint(a.key, DICT_ACTIONS) ?? `one of ${DICT_ACTIONS.join(', ')}`,
        );
        ok = false;
        continue;
      }
      const when = parseExpr(a.value, path, ectx);
      if (when === undefined) {
        ok = false;
        continue;
      }
      blocks.push({
        id: a.key,
        cases: [{ when, emit: [{ action: a.key as ActionName, percent: 100, metadata: {} }] }],
        else: null,
      });
    }
    return ok ? blocks : undefined;
  }
  if (node.kind !== 'seq') {
    reportAt(
      ctx,
      'E_ACTIONS_SHAPE',
      'actions must be a map of action names or a list of blocks',
      node,
      'actions',
    );
    return undefined;
  }
  const blocks: ActionBlock[] = [];
  const blockIds = new Map<string, { line: number; col: number }>();
  let ok = true;
  node.items.forEach((b, bi) => {
    const path = indexPath('actions', bi);
    if (b.kind !== 'map') {
      reportAt(
        ctx,
        'E_BLOCK_SHAPE',
        `block '${bi}': missing 'id'`,
        b,
        path,
        '{id: entries, cases: [{when: [...], emit: [entry_long]}]}',
      );
      ok = false;
      return;
    }
    const blk = parseBlock(ctx, b, path, bi, ectx, policy, blockIds);
    if (blk === undefined) ok = false;
    else blocks.push(blk);
  });
  return ok ? blocks : undefined;
}

function parseBlock(
  ctx: LoadContext,
  b: YMap,
  path: string,
  index: number,
  ectx: ExprContext,
  policy: PositionPolicy,
  blockIds: Map<string, { line: number; col: number }>,
): ActionBlock | undefined {
  let ok = true;
  for (const e of b.entries) {
    if (['id', 'cases', 'else'].includes(e.key)) continue;
    ok = false;
    reportPos(
      ctx,
      'E_UNKNOWN_KEY',
      `unknown key '${e.key}' in block`,
      e.value.via ?? e.keyPos,
      childPath(path, e.key),
      didYouMeanHint(e.key, ['id', 'cases', 'else']),
    );
  }
  const idNode = mapEntry(b, 'id')?.value;
  const label = idNode?.kind === 'scalar' ? String(idNode.value) : String(index);
  if (idNode === undefined || !(idNode.kind === 'scalar' && typeof idNode.value === 'string')) {
    reportAt(
      ctx,
      'E_BLOCK_SHAPE',
      `block '${label}': missing 'id'`,
      idNode ?? b,
      childPath(path, 'id'),
      '{id: entries, cases: [...]}',
    );
    return undefined;
  }
  const id = idNode.value;
  const first = blockIds.get(id);
  if (first !== undefined) {
    reportAt(
      ctx,
      'E_ID_DUPLICATE',
      `duplicate id '${id}' (first at ${first.line}:${first.col})`,
      idNode,
      childPath(path, 'id'),
      'block ids are unique; rename one',
    );
    ok = false;
  } else blockIds.set(id, locate(idNode).pos);
  const casesNode = mapEntry(b, 'cases')?.value;
  if (casesNode === undefined || casesNode.kind !== 'seq' || casesNode.items.length === 0) {
    reportAt(
      ctx,
      'E_BLOCK_SHAPE',
      `block '${id}': missing 'cases'`,
      casesNode ?? b,
      childPath(path, 'cases'),
      'cases: [{when: [...], emit: [entry_long]}]',
    );
    return undefined;
  }
  const cases: ActionCase[] = [];
  casesNode.items.forEach((c, ci) => {
    const cp = indexPath(childPath(path, 'cases'), ci);
    if (c.kind !== 'map') {
      reportAt(
        ctx,
        'E_BLOCK_SHAPE',
        `block '${id}': missing 'when'`,
        c,
        cp,
        '{when: [...], emit: [entry_long]}',
      );
      ok = false;
      return;
    }
    for (const e of c.entries) {
      if (e.key === 'when' || e.key === 'emit') continue;
      ok = false;
      reportPos(
        ctx,
        'E_UNKNOWN_KEY',
        `unknown key '${e.key}' in case`,
        e.value.via ?? e.keyPos,
        childPath(cp, e.key),
        didYouMeanHint(e.key, ['when', 'emit']),
      );
    }
    const whenNode = mapEntry(c, 'when')?.value;
    if (whenNode === undefined) {
      reportAt(
        ctx,
        'E_BLOCK_SHAPE',
        `block '${id}': missing 'when'`,
        c,
        childPath(cp, 'when'),
        '{when: [...], emit: [entry_long]}',
      );
      ok = false;
      return;
    }
    const when = parseExpr(whenNode, childPath(cp, 'when'), ectx);
    const emit = parseEmit(ctx, mapEntry(c, 'emit')?.value, c, childPath(cp, 'emit'), ectx, policy, id);
    if (when === undefined || emit === undefined) {
      ok = false;
      return;
    }
    cases.push({ when, emit });
  });
  let elseIntents: Intent[] | null = null;
  const elseNode = mapEntry(b, 'else')?.value;
  if (elseNode !== undefined) {
    const ep = childPath(path, 'else');
    if (elseNode.kind !== 'map') {
      reportAt(
        ctx,
        'E_BLOCK_SHAPE',
        `block '${id}': missing 'emit'`,
        elseNode,
        ep,
        'else: {emit: [no_action]}',
      );
      ok = false;
    } else {
      for (const e of elseNode.entries) {
        if (e.key === 'emit') continue;
        ok = false;
        reportPos(
          ctx,
          'E_UNKNOWN_KEY',
          `unknown key '${e.key}' in else`,
          e.value.via ?? e.keyPos,
          childPath(ep, e.key),
          "else takes only 'emit'",
        );
      }
      const emit = parseEmit(
        ctx,
        mapEntry(elseNode, 'emit')?.value,
        elseNode,
        childPath(ep, 'emit'),
        ectx,
        policy,
        id,
      );
      if (emit === undefined) ok = false;
      else elseIntents = emit;
    }
  }
  return ok ? { id, cases, else: elseIntents } : undefined;
}

/** Where each action name is emitted, for the mode/exit contract checks. */
export function intentSites(ctx: LoadContext): Map<string, { node: YNode; path: string }[]> {
  const out = new Map<string, { node: YNode; path: string }[]>();
  const add = (name: string, node: YNode, path: string): void => {
    const list = out.get(name) ?? [];
    list.push({ node, path });
    out.set(name, list);
  };
  const e = entry(ctx, 'actions');
  if (e === undefined) return out;
  if (e.value.kind === 'map') {
    for (const a of e.value.entries) add(a.key, a.value, childPath('actions', a.key));
    return out;
  }
  if (e.value.kind !== 'seq') return out;
  e.value.items.forEach((b, bi) => {
    if (b.kind !== 'map') return;
    const emits: { node: YNode; path: string }[] = [];
    const cases = mapEntry(b, 'cases')?.value;
    if (cases?.kind === 'seq') {
      cases.items.forEach((c, ci) => {
        const em = c.kind === 'map' ? mapEntry(c, 'emit')?.value : undefined;
        if (em)
          emits.push({
            node: em,
            path: childPath(indexPath(childPath(indexPath('actions', bi), 'cases'), ci), 'emit'),
          });
      });
    }
    const el = mapEntry(b, 'else')?.value;
    const elEmit = el?.kind === 'map' ? mapEntry(el, 'emit')?.value : undefined;
    if (elEmit)
      emits.push({ node: elEmit, path: childPath(childPath(indexPath('actions', bi), 'else'), 'emit') });
    for (const em of emits) {
      if (em.node.kind !== 'seq') continue;
      em.node.items.forEach((it, ii) => {
        const name =
          it.kind === 'scalar'
            ? String(it.value)
            : it.kind === 'map'
              ? String((mapEntry(it, 'action')?.value as { value?: unknown } | undefined)?.value)
              : '';
        add(name, it, indexPath(em.path, ii));
      });
    }
  });
  return out;
}
