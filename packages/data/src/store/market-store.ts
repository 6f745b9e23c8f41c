import { existsSync, mkdirSync, statSync } from 'node:fs';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { type DataLocation, type DataLocationOptions, resolveDataLocation } from '../env';
import { DataError } from '../errors';
import { describeHolder, type LockPurpose, readLockHolder, WriterLock } from './lock-file';
import { Mutex } from './mutex';
import { MIGRATIONS, SCHEMA_VERSION } from './schema';
import { duckdbSettings } from './settings';
import { forgetStaging } from './upsert';

export type SqlParams = DuckDBValue[] | Record<string, DuckDBValue>;
export type SqlRow = Record<string, unknown>;

/** One open DuckDB file of this process (`data.md` §3.1 rule 3: one instance per file). */
interface OpenFile {
  readonly instance: DuckDBInstance;
  readonly readOnly: boolean;
  readonly mutex: Mutex;
  readonly lock: WriterLock | undefined;
  refs: number;
}

const OPEN_FILES = new Map<string, OpenFile>();
let exitHookInstalled = false;

/** On exit every instance closes and every lock file goes, so the next process can open the file. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [path, file] of OPEN_FILES) {
      try {
        file.instance.closeSync();
      } finally {
        file.lock?.release();
        OPEN_FILES.delete(path);
      }
    }
  });
}

export interface OpenStoreOptions extends DataLocationOptions {
  /** Writers only: seconds to wait for another writer's lock (`--wait`, default 0). */
  readonly waitSeconds?: number;
}

function isDuckDbLockError(e: unknown): boolean {
  return /lock|Conflicting|being used by another process/i.test((e as Error)?.message ?? '');
}

function lockedError(location: DataLocation, cause: unknown): DataError {
  const holder = readLockHolder(location.lockPath);
  return new DataError(
    'E_DB_LOCKED',
    `the database ${location.dbPath} is open for writing by ${holder === undefined ? 'another process' : describeHolder(holder)}`,
    {
      dbPath: location.dbPath,
      cause,
      hint: 'wait for the writer to finish (data commands accept --wait SECONDS); a running live runner answers through its control channel',
    },
  );
}

/**
 * A handle on one data-env file: either the single writer or a read-only reader. Construct through
 * `openWriter` / `openReader`; always `close()` (in a `finally`).
 */
export class MarketStore {
  private readConnection: DuckDBConnection | undefined;
  private closed = false;

  private constructor(
    readonly location: DataLocation,
    readonly readOnly: boolean,
    private readonly file: OpenFile,
    private readonly writeConnection: DuckDBConnection | undefined,
  ) {}

  get dbPath(): string {
    return this.location.dbPath;
  }

  /** Size of the database file in bytes; 0 when it cannot be read (not on disk yet). */
  fileSizeBytes(): number {
    try {
      return statSync(this.location.dbPath).size;
    } catch {
      return 0;
    }
  }

  get dataEnv(): string {
    return this.location.dataEnv;
  }

  /** Opens the writer of a data env: takes the lock file, opens read-write, applies pending migrations. */
  static async openWriter(purpose: LockPurpose, options: OpenStoreOptions = {}): Promise<MarketStore> {
    const location = resolveDataLocation(options);
    let file = OPEN_FILES.get(location.dbPath);
    if (file?.readOnly === true) {
      throw new DataError('E_DB_LOCKED', `this process holds ${location.dbPath} open read-only`, {
        dbPath: location.dbPath,
        hint: 'close every reader of this data env before writing to it',
      });
    }
    if (file === undefined) {
      mkdirSync(location.dataDir, { recursive: true });
      const lock = await WriterLock.acquire(location.lockPath, purpose, {
        ...(options.waitSeconds === undefined ? {} : { waitSeconds: options.waitSeconds }),
        dbPath: location.dbPath,
      });
      let instance: DuckDBInstance;
      try {
        instance = await DuckDBInstance.create(location.dbPath, duckdbSettings(options.env ?? process.env));
      } catch (e) {
        lock.release();
        if (isDuckDbLockError(e)) throw lockedError(location, e);
        throw new DataError('E_DB_OPEN', `cannot open ${location.dbPath}: ${(e as Error).message}`, {
          dbPath: location.dbPath,
          cause: e,
          hint: 'check that the path is a DuckDB file written by this version of trade',
        });
      }
      file = { instance, readOnly: false, mutex: new Mutex(), lock, refs: 0 };
      OPEN_FILES.set(location.dbPath, file);
      installExitHook();
    }
    file.refs++;
    const connection = await file.instance.connect();
    const store = new MarketStore(location, false, file, connection);
    try {
      await connection.run("SET TimeZone = 'UTC'");
      await file.mutex.runExclusive(() => store.migrate(connection));
    } catch (e) {
      await store.close();
      throw e;
    }
    return store;
  }

  /**
   * Opens a reader. Inside a process that already writes the file, the reader shares the writer's instance
   * (its own connection, so it sees committed snapshots only); otherwise the file opens `READ_ONLY`.
   */
  static async openReader(options: DataLocationOptions = {}): Promise<MarketStore> {
    const location = resolveDataLocation(options);
    let file = OPEN_FILES.get(location.dbPath);
    if (file === undefined) {
      if (!existsSync(location.dbPath)) {
        throw new DataError('E_DB_NOT_FOUND', `no database at ${location.dbPath}`, {
          dbPath: location.dbPath,
          hint: 'create it with `trade data sync` or `trade data import`, or pick another --data-env / --data-dir',
        });
      }
      let instance: DuckDBInstance;
      try {
        instance = await DuckDBInstance.create(location.dbPath, {
          access_mode: 'READ_ONLY',
          ...duckdbSettings(options.env ?? process.env),
        });
      } catch (e) {
        if (isDuckDbLockError(e)) throw lockedError(location, e);
        throw new DataError('E_DB_OPEN', `cannot open ${location.dbPath}: ${(e as Error).message}`, {
          dbPath: location.dbPath,
          cause: e,
          hint: 'check that the path is a DuckDB file written by trade',
        });
      }
      file = { instance, readOnly: true, mutex: new Mutex(), lock: undefined, refs: 0 };
      OPEN_FILES.set(location.dbPath, file);
      installExitHook();
    }
    file.refs++;
    const store = new MarketStore(location, true, file, undefined);
    try {
      await store.checkSchema();
    } catch (e) {
      await store.close();
      throw e;
    }
    return store;
  }

  private async migrate(connection: DuckDBConnection): Promise<void> {
    const version = await this.schemaVersion(connection);
    if (version > SCHEMA_VERSION) throw this.schemaNewer(version);
    const pending = MIGRATIONS.filter((m) => m.version > version);
    if (pending.length === 0) return;
    await connection.run('BEGIN TRANSACTION');
    try {
      for (const migration of pending) {
        for (const statement of migration.statements) await connection.run(statement);
      }
      const now = String(Date.now());
      await connection.run(
        `INSERT INTO schema_meta VALUES ('schema_version', $v), ('created_at', $now), ('app_version', '0.1.0')
         ON CONFLICT (key) DO UPDATE SET value = CASE WHEN schema_meta.key = 'created_at' THEN schema_meta.value ELSE excluded.value END`,
        { v: String(SCHEMA_VERSION), now },
      );
      await connection.run('COMMIT');
    } catch (e) {
      await connection.run('ROLLBACK');
      throw e;
    }
  }

  private async schemaVersion(connection: DuckDBConnection): Promise<number> {
    const tables = await connection.runAndReadAll(
      "SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'schema_meta' AND schema_name = 'main'",
    );
    if (tables.getRowObjectsJS()[0]?.n === 0) return 0;
    const rows = await connection.runAndReadAll("SELECT value FROM schema_meta WHERE key = 'schema_version'");
    const value = rows.getRowObjectsJS()[0]?.value;
    return value === undefined ? 0 : Number(value);
  }

  private schemaNewer(version: number): DataError {
    return new DataError(
      'E_DB_SCHEMA_NEWER',
      `${this.dbPath} has schema version ${version}; this trade knows up to ${SCHEMA_VERSION}`,
      { dbPath: this.dbPath, hint: 'upgrade trade to read this database' },
    );
  }

  private async checkSchema(): Promise<void> {
    const version = await this.schemaVersion(await this.reader());
    if (version > SCHEMA_VERSION) throw this.schemaNewer(version);
    if (version < SCHEMA_VERSION) {
      throw new DataError(
        'E_DB_SCHEMA_OLD',
        `${this.dbPath} has schema version ${version}; this trade needs ${SCHEMA_VERSION}`,
        {
          dbPath: this.dbPath,
          hint: 'run any data command that writes (e.g. `trade data migrate` or `trade data sync`) to upgrade it',
        },
      );
    }
  }

  private async reader(): Promise<DuckDBConnection> {
    if (this.closed) throw new Error(`store ${this.dbPath} is closed`);
    if (this.readConnection === undefined) {
      this.readConnection = await this.file.instance.connect();
      await this.readConnection.run("SET TimeZone = 'UTC'");
    }
    return this.readConnection;
  }

  /** Runs a read query and returns rows as plain objects (BIGINT as bigint; cast in SQL when a number is wanted). */
  async query(sql: string, params?: SqlParams): Promise<SqlRow[]> {
    const connection = await this.reader();
    const result = await connection.runAndReadAll(sql, params);
    return result.getRowObjectsJS() as SqlRow[];
  }

  /** The raw read connection, for column-wise readers that decode vectors directly. */
  async readerConnection(): Promise<DuckDBConnection> {
    return this.reader();
  }

  private assertWritable(): DuckDBConnection {
    if (this.readOnly || this.writeConnection === undefined) {
      throw new DataError('E_DB_READONLY_WRITE', `attempted a write through a reader of ${this.dbPath}`, {
        dbPath: this.dbPath,
        hint: 'open the store with openWriter(...) to write (this is a bug in the caller)',
      });
    }
    if (this.closed) throw new Error(`store ${this.dbPath} is closed`);
    return this.writeConnection;
  }

  /**
   * Runs `fn` inside one transaction on the writer connection, serialised with every other write of this
   * process. Rolls back on any error, so a failed batch leaves nothing behind.
   *
   * `before` runs first on the same connection under the same lock but outside the transaction, for work that
   * may fail and be retried another way (a failed statement inside a DuckDB transaction aborts it), such as
   * reading a file into a TEMP table; it must not write to the store's tables.
   */
  async transaction<T>(
    fn: (connection: DuckDBConnection) => Promise<T>,
    options: { before?: (connection: DuckDBConnection) => Promise<void> } = {},
  ): Promise<T> {
    const connection = this.assertWritable();
    return this.file.mutex.runExclusive(async () => {
      await options.before?.(connection);
      await connection.run('BEGIN TRANSACTION');
      try {
        const result = await fn(connection);
        await connection.run('COMMIT');
        return result;
      } catch (e) {
        await connection.run('ROLLBACK').catch(() => undefined);
        forgetStaging(connection);
        throw e;
      }
    });
  }

  /** Runs one statement on the writer outside any transaction (VACUUM and similar), serialised with writes. */
  async runStatement(sql: string): Promise<void> {
    const connection = this.assertWritable();
    await this.file.mutex.runExclusive(() => connection.run(sql).then(() => undefined));
  }

  /** Flushes the WAL into the file (after each job and on close, `data.md` §3.1 rule 6). */
  async checkpoint(): Promise<void> {
    const connection = this.assertWritable();
    await this.file.mutex.runExclusive(() => connection.run('CHECKPOINT').then(() => undefined));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.writeConnection !== undefined) {
      await this.file.mutex
        .runExclusive(() => this.writeConnection!.run('CHECKPOINT').then(() => undefined))
        .catch(() => undefined);
    }
    this.closed = true;
    this.readConnection?.closeSync();
    this.writeConnection?.closeSync();
    this.file.refs--;
    if (this.file.refs === 0) {
      OPEN_FILES.delete(this.dbPath);
      this.file.instance.closeSync();
      this.file.lock?.release();
    }
  }
}

/** `data.md` §3.1: the writer of a data env (one per process; purpose is recorded in the lock file). */
export function openWriter(options: OpenStoreOptions, purpose: LockPurpose): Promise<MarketStore> {
  return MarketStore.openWriter(purpose, options);
}

/** `data.md` §3.1: a read-only handle on a data env. */
export function openReader(options: DataLocationOptions = {}): Promise<MarketStore> {
  return MarketStore.openReader(options);
}
