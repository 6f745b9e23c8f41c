import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { playIdOf } from '../core/yaml-parse';

/** The account keys PL4 requires spelled out (`validation.md` §12): no loader default may stand in for them. */
export const REQUIRED_ACCOUNT_KEYS = [
  'starting_equity_usdt',
  'max_leverage',
  'max_drawdown_pct',
  'slippage_bps',
  'fee_model',
] as const;

/** What the pre-live gates read from the play's raw YAML (never the loaded play, which fills defaults). */
export interface RawPlayConfig {
  readonly id: string;
  readonly symbol: string | undefined;
  /** The `account` mapping as written, or undefined when absent or not a mapping. */
  readonly account: Readonly<Record<string, unknown>> | undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads and parses the play file; throws an `Error` naming the file when it cannot. */
export function readRawPlay(path: string): RawPlayConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read play ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new Error(
      `play ${path} is not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    );
  }
  const root = isRecord(doc) ? doc : {};
  return {
    id: playIdOf(path),
    symbol: typeof root.symbol === 'string' ? root.symbol : undefined,
    account: isRecord(root.account) ? root.account : undefined,
  };
}

/** Whether an account value counts as given: present, and for `fee_model` non-empty. */
export function accountValueGiven(key: (typeof REQUIRED_ACCOUNT_KEYS)[number], value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (key === 'fee_model') {
    if (isRecord(value)) return Object.keys(value).length > 0;
    return typeof value === 'string' ? value.trim() !== '' : true;
  }
  return true;
}

/** `account.starting_equity_usdt` as a finite number, else undefined. */
export function startingEquity(cfg: RawPlayConfig): number | undefined {
  const v = cfg.account?.starting_equity_usdt;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}
