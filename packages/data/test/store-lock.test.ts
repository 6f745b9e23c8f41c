import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDataError, openReader, openWriter, readLockHolder, resolveDataLocation } from '../src/index';
import { tempDataDir } from './helpers';

const duckdbPath = createRequire(import.meta.url).resolve('@duckdb/node-api');

/** Another process that holds the DuckDB file read-write and our lock file, until told to quit on stdin. */
function holdWriter(dbPath: string, lockPath: string): Promise<ChildProcess> {
  const script = `
    const { DuckDBInstance } = require(${JSON.stringify(duckdbPath)});
    const fs = require('node:fs');
    (async () => {
      const instance = await DuckDBInstance.create(${JSON.stringify(dbPath)});
      const now = Date.now();
      fs.writeFileSync(${JSON.stringify(lockPath)}, JSON.stringify({ pid: process.pid, host: require('node:os').hostname(), purpose: 'sync', started_at: now, heartbeat_at: now }));
      process.stdout.write('ready\\n');
      process.stdin.on('data', () => { instance.closeSync(); fs.rmSync(${JSON.stringify(lockPath)}, { force: true }); process.exit(0); });
    })();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve) => child.stdout!.once('data', () => resolve(child)));
}

let dir: { dataDir: string; cleanup: () => void };
beforeEach(() => {
  dir = tempDataDir();
});
afterEach(() => dir.cleanup());

describe('one writer per file across processes', () => {
  it('a reader in another process gets E_DB_LOCKED naming the holder; --wait proceeds after release', async () => {
    const w = await openWriter({ dataDir: dir.dataDir, env: {} }, 'import');
    await w.close();
    const loc = resolveDataLocation({ dataDir: dir.dataDir, env: {} });
    const child = await holdWriter(loc.dbPath, loc.lockPath);
    try {
      await expect(openReader({ dataDir: dir.dataDir, env: {} })).rejects.toSatisfy(
        (e) =>
          isDataError(e, 'E_DB_LOCKED') &&
          e.message.includes(`pid ${child.pid}`) &&
          e.message.includes('(sync, since'),
      );
      await expect(openWriter({ dataDir: dir.dataDir, env: {} }, 'import')).rejects.toSatisfy((e) =>
        isDataError(e, 'E_DB_LOCKED'),
      );
      setTimeout(() => child.stdin!.write('quit\n'), 300);
      const waited = await openWriter({ dataDir: dir.dataDir, env: {}, waitSeconds: 10 }, 'import');
      expect(readLockHolder(loc.lockPath)?.pid).toBe(process.pid);
      await waited.close();
    } finally {
      child.kill();
    }
  });

  it('recovers a stale lock left by a killed writer', async () => {
    const loc = resolveDataLocation({ dataDir: dir.dataDir, env: {} });
    const w = await openWriter({ dataDir: dir.dataDir, env: {} }, 'import');
    await w.close();
    const dead = {
      pid: 2 ** 22 + 12345,
      host: hostname(),
      purpose: 'sync',
      started_at: 1,
      heartbeat_at: Date.now(),
    };
    writeFileSync(loc.lockPath, JSON.stringify(dead));
    const again = await openWriter({ dataDir: dir.dataDir, env: {} }, 'heal');
    expect(readLockHolder(loc.lockPath)).toMatchObject({ pid: process.pid, purpose: 'heal' });
    await again.close();
  });

  it('names the data env file in every error', async () => {
    await expect(openReader({ dataDir: join(dir.dataDir, 'none'), env: {} })).rejects.toSatisfy(
      (e) => isDataError(e, 'E_DB_NOT_FOUND') && e.dbPath === join(dir.dataDir, 'none', 'trade.duckdb'),
    );
  });
});
