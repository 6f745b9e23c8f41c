import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataError } from './errors';

/** `data.md` §1: env names are short lower-case identifiers so they are safe as file names. */
export const DATA_ENV_NAME = /^[a-z][a-z0-9_-]{0,31}$/;
export const DEFAULT_DATA_ENV = 'backtest';

export interface DataLocationOptions {
  /** `--data-env`; else `TRADE_DATA_ENV`; else `backtest`. */
  readonly dataEnv?: string;
  /** `--data-dir`; else `TRADE_DATA_DIR`; else `./data`. Relative paths resolve against `cwd`. */
  readonly dataDir?: string;
  readonly cwd?: string;
  /** Environment variables to read (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface DataLocation {
  readonly dataEnv: string;
  readonly dataDir: string;
  readonly dbPath: string;
  readonly lockPath: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** Resolves the data env, directory, DB file and lock file of `data.md` §1. */
export function resolveDataLocation(options: DataLocationOptions = {}): DataLocation {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const dataEnv = nonEmpty(options.dataEnv) ?? nonEmpty(env.TRADE_DATA_ENV) ?? DEFAULT_DATA_ENV;
  if (!DATA_ENV_NAME.test(dataEnv)) {
    throw new DataError('E_DATA_ENV_NAME', `'${dataEnv}' is not a valid data env name`, {
      hint: 'use 1-32 characters: a lower-case letter, then letters, digits, _ or - (e.g. backtest, research_2)',
    });
  }
  const dir = nonEmpty(options.dataDir) ?? nonEmpty(env.TRADE_DATA_DIR) ?? './data';
  const dataDir = resolve(cwd, dir.startsWith('~/') ? join(homedir(), dir.slice(2)) : dir);
  const fileName = dataEnv === DEFAULT_DATA_ENV ? 'trade.duckdb' : `${dataEnv}.duckdb`;
  const dbPath = join(dataDir, fileName);
  return { dataEnv, dataDir, dbPath, lockPath: `${dbPath}.lock` };
}
