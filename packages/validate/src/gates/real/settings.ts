import { resolve } from 'node:path';
import {
  DataError,
  type DataLocationOptions,
  describeHolder,
  isLockStale,
  readLockHolder,
  resolveDataLocation,
} from '@trade/data';
import { ValidationError } from '../../errors';
import type { GateContext, RealTierSettings } from '../../runner/types';
import { defaultManifestPath, loadManifest, type RealManifest } from './manifest';

export interface PrepareRealOptions {
  readonly cwd: string;
  /** `--manifest FILE` as typed (relative to `cwd`). */
  readonly manifest?: string | undefined;
  readonly sync?: boolean | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  readonly dataDir?: string | undefined;
  /** The shared data folder (`findSharedDir`); needed by RD0 with `source: stored`. */
  readonly sharedDir: string | undefined;
  /** True when RD0 is scheduled (tier real); real modules read the env only. */
  readonly runsSync: boolean;
}

/**
 * Checks what the real tier needs before any gate starts (`validation.md` §15): an unreadable or invalid manifest
 * throws `ManifestError` (exit 3); a stored-source RD0 without the shared data folder throws
 * `E_VALIDATE_DATA_MISSING` (exit 4); a data env whose writer lock is held by a live process throws `E_DB_LOCKED`
 * (exit 4) — RD0 must be the env's only writer (§11.5). Returns the settings the RD gates read from the context.
 */
export function prepareRealTier(options: PrepareRealOptions): RealTierSettings {
  const manifestPath = resolve(options.cwd, options.manifest ?? defaultManifestPath(options.cwd));
  const manifest = loadManifest(manifestPath);
  const sync = options.sync === true;
  if (options.runsSync && !sync && manifest.source === 'stored' && options.sharedDir === undefined)
    throw new ValidationError(
      'E_VALIDATE_DATA_MISSING',
      'shared data folder missing: RD0 imports the stored Bybit files of the test kit',
      'set TRADE_SHARED_DIR to the folder holding data/klines, place it beside the checkout as ../shared, or pass --sync',
    );
  const env = options.env ?? process.env;
  if (options.runsSync) {
    const location = resolveDataLocation({
      dataEnv: manifest.dataEnv,
      cwd: options.cwd,
      env,
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    });
    const holder = readLockHolder(location.lockPath);
    if (holder !== undefined && !isLockStale(holder))
      throw new DataError(
        'E_DB_LOCKED',
        `the data env ${manifest.dataEnv} is open for writing by ${describeHolder(holder)}`,
        {
          dbPath: location.dbPath,
          hint: 'RD0 must be the only writer: wait for that process to finish, then run trade validate real again',
        },
      );
  }
  return {
    manifestPath,
    sync,
    env,
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
  };
}

/** The context's real settings, or the defaults when a caller did not prepare them (module runs). */
export function realSettings(ctx: GateContext): RealTierSettings {
  return ctx.real ?? { manifestPath: defaultManifestPath(ctx.cwd), sync: false, env: process.env };
}

/** Where the manifest's data env lives for this run. */
export function dataLocation(ctx: GateContext, manifest: RealManifest): DataLocationOptions {
  const s = realSettings(ctx);
  return {
    dataEnv: manifest.dataEnv,
    cwd: ctx.cwd,
    env: s.env,
    ...(s.dataDir === undefined ? {} : { dataDir: s.dataDir }),
  };
}
