import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { DataError } from '../errors';

/** Why a process holds the writer lock (`data.md` §3.3). */
export type LockPurpose = 'sync' | 'import' | 'derive' | 'heal' | 'delete' | 'migrate' | 'runner' | 'write';

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly purpose: LockPurpose;
  readonly started_at: number;
  readonly heartbeat_at: number;
}

export const LOCK_STALE_MS = 120_000;
export const LOCK_HEARTBEAT_MS = 30_000;
const POLL_MS = 500;

export function readLockHolder(lockPath: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(lockPath, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function isLockStale(holder: LockHolder, now: number = Date.now()): boolean {
  if (holder.host === hostname() && !pidAlive(holder.pid)) return true;
  return now - holder.heartbeat_at > LOCK_STALE_MS;
}

export function describeHolder(holder: LockHolder): string {
  return `pid ${holder.pid} on ${holder.host} (${holder.purpose}, since ${new Date(holder.started_at).toISOString()})`;
}

/** An acquired writer lock: refreshes its heartbeat until released. */
export class WriterLock {
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    readonly lockPath: string,
    private holder: LockHolder,
  ) {
    this.timer = setInterval(() => this.beat(), LOCK_HEARTBEAT_MS);
    this.timer.unref();
  }

  /**
   * Creates the lock file exclusively. A stale file (dead pid on this host, or no heartbeat for 120 s) is
   * removed and the create retried; a live one is waited for up to `waitSeconds`, then `E_DB_LOCKED`.
   */
  static async acquire(
    lockPath: string,
    purpose: LockPurpose,
    options: { waitSeconds?: number; dbPath?: string } = {},
  ): Promise<WriterLock> {
    const deadline = Date.now() + (options.waitSeconds ?? 0) * 1000;
    for (;;) {
      const now = Date.now();
      const holder: LockHolder = {
        pid: process.pid,
        host: hostname(),
        purpose,
        started_at: now,
        heartbeat_at: now,
      };
      try {
        writeFileSync(lockPath, JSON.stringify(holder), { flag: 'wx' });
        return new WriterLock(lockPath, holder);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const existing = readLockHolder(lockPath);
      if (existing === undefined || isLockStale(existing)) {
        rmSync(lockPath, { force: true });
        continue;
      }
      if (Date.now() >= deadline) {
        throw new DataError('E_DB_LOCKED', `the database is locked by ${describeHolder(existing)}`, {
          ...(options.dbPath === undefined ? {} : { dbPath: options.dbPath }),
          hint: 'wait for that command to finish, or pass --wait SECONDS to wait for it',
        });
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  private beat(): void {
    this.holder = { ...this.holder, heartbeat_at: Date.now() };
    try {
      writeFileSync(this.lockPath, JSON.stringify(this.holder));
    } catch {
      // The directory vanished (tests clean up); the DuckDB file lock still protects the data.
    }
  }

  release(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    const current = readLockHolder(this.lockPath);
    if (
      current !== undefined &&
      current.pid === this.holder.pid &&
      current.started_at === this.holder.started_at
    )
      rmSync(this.lockPath, { force: true });
  }
}
