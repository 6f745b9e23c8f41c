import type { Catalog } from '../catalog';
import { checkWindows, referencedSetups } from '../conditions/analyze';
import type { Expr } from '../conditions/ast';
import type { ExprContext, ExprSite } from '../conditions/parse';
import { SymbolTable } from '../conditions/symbols';
import { type Diagnostic, DiagnosticBag } from '../diagnostics';
import { childPath } from '../key-path';
import type { ActionBlock, Play, PositionPolicy, RiskModel } from '../model';
import { resolveVariables } from '../variables';
import { parseYamlTree } from '../yaml/parse';
import { mapEntry } from '../yaml/tree';
import { checkSetupCycles, collectSetupIds, intentSites, parseActions, parseSetups } from './actions';
import {
  checkAccount,
  checkIdentity,
  checkPositionPolicy,
  checkSyntheticExpected,
  checkTimeframes,
  checkTopLevel,
} from './basic';
import { entry, type LoadContext, reportAt, reportPos } from './context';
import { checkFeaturesAndStructures } from './features';
import { checkEntry, checkRisk } from './risk';

export interface PlayLoadOptions {
  /** File name used in diagnostics (never rewritten). */
  readonly file?: string;
  /** Caller variable overrides `name=value`, values parsed as YAML scalars (§4). */
  readonly variables?: Readonly<Record<string, string>>;
  /** Indicator/structure catalogue; defaults to the registries of `@trade/indicators` and `@trade/structures`. */
  readonly catalog?: Catalog;
}

export interface PlayCheckResult {
  /** The play when there is no error. */
  readonly play: Play | undefined;
  /** Every diagnostic (errors and warnings), sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
}

const SIDE_OF: Readonly<Record<string, 'long' | 'short' | null>> = {
  entry_long: 'long',
  exit_long: 'long',
  entry_short: 'short',
  exit_short: 'short',
  exit_all: null,
  no_action: null,
};

function allowedSide(policy: PositionPolicy, side: 'long' | 'short'): boolean {
  return policy.mode === 'long_short' || (policy.mode === 'long_only' ? side === 'long' : side === 'short');
}

/** §12.3 contract and §13 exit-mode contract. */
function checkContract(
  ctx: LoadContext,
  blocks: readonly ActionBlock[],
  policy: PositionPolicy,
  risk: RiskModel,
): void {
  const sites = intentSites(ctx);
  const actionsEntry = entry(ctx, 'actions')!;
  const emitted = new Set<string>();
  for (const b of blocks) {
    for (const c of b.cases) for (const i of c.emit) emitted.add(i.action);
    for (const i of b.else ?? []) emitted.add(i.action);
  }
  for (const name of emitted) {
    const side = SIDE_OF[name];
    if (side === undefined || side === null || allowedSide(policy, side)) continue;
    for (const s of sites.get(name) ?? []) {
      reportAt(
        ctx,
        'E_ACTION_MODE',
        `action '${name}' is not allowed in mode ${policy.mode}`,
        s.node,
        s.path,
        side === 'short'
          ? 'set position_policy.mode: long_short (or short_only)'
          : 'set position_policy.mode: long_short (or long_only)',
      );
    }
  }
  const entries = [...emitted].filter((a) => a.startsWith('entry_') && allowedSide(policy, SIDE_OF[a]!));
  if (entries.length === 0) {
    reportPos(
      ctx,
      'E_NO_ENTRY',
      `no entry action for mode ${policy.mode}`,
      actionsEntry.keyPos,
      'actions',
      policy.mode === 'short_only' ? 'add entry_short' : 'add entry_long',
    );
  }
  const exits = [...emitted].filter(
    (a) => a === 'exit_all' || (a.startsWith('exit_') && allowedSide(policy, SIDE_OF[a]!)),
  );
  const hasRiskExit = risk.stop_loss !== null || risk.take_profit.length > 0 || risk.trailing !== null;
  const ppEntry = entry(ctx, 'position_policy');
  const modeNode = ppEntry?.value.kind === 'map' ? mapEntry(ppEntry.value, 'exit_mode')?.value : undefined;
  const modePos = () => (modeNode ? { node: modeNode, path: 'position_policy.exit_mode' } : undefined);
  switch (policy.exit_mode) {
    case 'sl_tp_only': {
      if (!hasRiskExit) {
        const at = modePos();
        if (at)
          reportAt(
            ctx,
            'E_EXIT_MODE_NO_EXIT',
            'exit_mode sl_tp_only needs a stop loss, take profit, trailing stop or exit action',
            at.node,
            at.path,
            'add risk: {stop_loss_pct: …, take_profit_pct: …}',
          );
        else
          reportPos(
            ctx,
            'E_EXIT_MODE_NO_EXIT',
            'exit_mode sl_tp_only needs a stop loss, take profit, trailing stop or exit action',
            actionsEntry.keyPos,
            'position_policy.exit_mode',
            'add risk: {stop_loss_pct: …}, or set position_policy.exit_mode: signal',
          );
      }
      for (const a of emitted) {
        if (!a.startsWith('exit')) continue;
        for (const s of sites.get(a) ?? []) {
          reportAt(
            ctx,
            'E_EXIT_MODE_SIGNAL_EXITS',
            `exit_mode sl_tp_only does not allow exit action '${a}'`,
            s.node,
            s.path,
            'set position_policy.exit_mode: first_hit',
          );
        }
      }
      break;
    }
    case 'signal':
      if (exits.length === 0) {
        const at = modePos()!;
        reportAt(
          ctx,
          'E_EXIT_MODE_NO_SIGNAL',
          'exit_mode signal needs an exit action',
          at.node,
          at.path,
          'use sl_tp_only, or add exit_long/exit_short/exit_all',
        );
      }
      break;
    default:
      if (!hasRiskExit && exits.length === 0) {
        const at = modePos()!;
        reportAt(
          ctx,
          'E_EXIT_MODE_NO_EXIT',
          'exit_mode first_hit needs a stop loss, take profit, trailing stop or exit action',
          at.node,
          at.path,
        );
      }
  }
}

/**
 * The whole load pipeline of §1.2 on YAML text: never throws for bad input, returns every diagnostic.
 * `parsePlay`/`loadPlay` wrap it and throw `PlayLoadError`.
 */
export function checkPlayText(
  text: string,
  options: PlayLoadOptions & { catalog: Catalog },
): PlayCheckResult {
  const bag = new DiagnosticBag(options.file ?? '<play>');
  const done = (play?: Play): PlayCheckResult => ({ play, diagnostics: bag.sorted() });
  const parsed = parseYamlTree(text, bag);
  if (parsed === undefined || parsed.kind !== 'map' || bag.hasErrors) return done();
  const vars = resolveVariables(parsed, options.variables ?? {}, bag);
  if (bag.hasErrors) return done();
  const ctx: LoadContext = { bag, root: vars.root, catalog: options.catalog };

  // Stage 3: schema.
  checkTopLevel(ctx);
  const identity = checkIdentity(ctx);
  const tfs = checkTimeframes(ctx);
  const acc = checkAccount(ctx);
  const policy = checkPositionPolicy(ctx);
  const synExp = checkSyntheticExpected(ctx);
  if (bag.hasErrors || tfs === undefined || acc.account === undefined || policy === undefined) return done();

  // Stage 4: semantics.
  const symbols = new SymbolTable(tfs.exec_tf);
  const fs = checkFeaturesAndStructures(ctx, tfs, symbols);
  if (bag.hasErrors) return done();
  const setupIds = collectSetupIds(ctx);
  const sites = new WeakMap<Expr, ExprSite>();
  const ectx: ExprContext = {
    bag,
    symbols,
    setupIds: new Set(setupIds.keys()),
    usedSetups: new Set(),
    timeframes: tfs,
    sites,
  };
  const setups = parseSetups(setupIds, ectx);
  const blocks = parseActions(ctx, ectx, policy);
  const entryPolicy = checkEntry(ctx, ectx);
  const risk = checkRisk(ctx, ectx, fs.features, fs.structures, policy, {
    leverageGiven: acc.account.leverageGiven,
    leverage: acc.account.account.max_leverage,
    riskPerTradePct: acc.account.riskPerTradePct,
  });
  if (
    setups === undefined ||
    blocks === undefined ||
    entryPolicy === undefined ||
    risk === undefined ||
    bag.hasErrors
  )
    return done();
  if (!checkSetupCycles(ctx, setups, setupIds)) return done();
  const roots: Expr[] = [...Object.values(setups)];
  for (const b of blocks) for (const c of b.cases) roots.push(c.when);
  checkWindows(roots, setups, sites, bag);
  checkContract(ctx, blocks, policy, risk.risk);
  if (bag.hasErrors) return done();

  // Warnings: unused setups and features.
  const actionRoots = blocks.flatMap((b) => b.cases.map((c) => c.when));
  const reachable = referencedSetups(actionRoots, setups);
  for (const [id, s] of setupIds) {
    if (!ectx.usedSetups.has(id) && !reachable.has(id)) {
      reportPos(ctx, 'W_SETUP_UNUSED', `setup '${id}' is never used`, s.keyPos, s.path);
    }
  }
  const featuresMap = entry(ctx, 'features')?.value;
  for (const f of fs.features) {
    if (symbols.used.has(f.id)) continue;
    const e = featuresMap?.kind === 'map' ? featuresMap.entries.find((x) => x.key === f.id) : undefined;
    if (e)
      reportPos(
        ctx,
        'W_FEATURE_UNUSED',
        `feature '${f.id}' is never used`,
        e.keyPos,
        childPath('features', f.id),
        'it is still computed; remove it if not needed',
      );
  }

  const account =
    risk.leverage !== undefined
      ? { ...acc.account.account, max_leverage: risk.leverage }
      : acc.account.account;
  const warnings = bag.sorted();
  const play: Play = {
    version: identity.version,
    id: identity.id,
    name: identity.name,
    description: identity.description,
    symbol: identity.symbol,
    date_range: identity.date_range,
    timeframes: tfs,
    account,
    backtest: acc.backtest,
    deploy: acc.deploy,
    features: fs.features,
    structures: fs.structures,
    setups,
    actions: blocks,
    position_policy: policy,
    entry: entryPolicy,
    risk_model: risk.risk,
    synthetic: synExp.synthetic,
    expected: synExp.expected,
    variables: vars.values,
    fieldTables: fs.fieldTables,
    structureWarmups: fs.warmups,
    warnings,
    file: options.file ?? null,
  };
  return done(play);
}
