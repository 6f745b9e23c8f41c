import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  credentialsFile,
  keyFingerprint,
  maskKey,
  resolveApiKeys,
  TradeError,
  tradeHome,
} from '../src/index';

/** A private TRADE_HOME with a credentials file of the given text and mode. */
function home(text: string, mode = 0o600): { env: Record<string, string>; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'trade-home-'));
  chmodSync(dir, 0o700);
  const file = join(dir, 'credentials.json');
  writeFileSync(file, text);
  chmodSync(file, mode);
  return { env: { TRADE_HOME: dir }, file };
}

function thrown(f: () => unknown): TradeError {
  try {
    f();
  } catch (e) {
    if (e instanceof TradeError) return e;
    throw e;
  }
  throw new Error('expected a TradeError');
}

const FILE = JSON.stringify({
  demo: { key: 'demo-key-1234', secret: 'demo-secret' },
  live: { key: 'lk', secret: 'ls' },
});

describe('API keys (cli.md §7.4)', () => {
  it('takes the environment first, then the credentials file', () => {
    const { env, file } = home(FILE);
    expect(resolveApiKeys('demo', { ...env, BYBIT_DEMO_API_KEY: 'k', BYBIT_DEMO_API_SECRET: 's' })).toEqual({
      key: 'k',
      secret: 's',
      source: 'env',
    });
    expect(resolveApiKeys('demo', env)).toEqual({
      key: 'demo-key-1234',
      secret: 'demo-secret',
      source: file,
    });
    expect(resolveApiKeys('live', env)).toEqual({ key: 'lk', secret: 'ls', source: file });
  });

  it('is undefined without either source, and for an account the file does not hold', () => {
    expect(
      resolveApiKeys('demo', { TRADE_HOME: mkdtempSync(join(tmpdir(), 'trade-empty-')) }),
    ).toBeUndefined();
    const { env } = home(JSON.stringify({ live: { key: 'lk', secret: 'ls' } }));
    expect(resolveApiKeys('demo', env)).toBeUndefined();
  });

  it('refuses one environment variable without the other', () => {
    const e = thrown(() => resolveApiKeys('live', { BYBIT_LIVE_API_KEY: 'k' }));
    expect(e.code).toBe('E_CREDENTIALS_PARTIAL');
    expect(e.message).toContain('BYBIT_LIVE_API_SECRET');
  });

  it('refuses a file readable by group or others, with the chmod hint and exit kind safety', () => {
    const { env, file } = home(FILE, 0o644);
    const e = thrown(() => resolveApiKeys('demo', env));
    expect(e.code).toBe('E_CREDENTIALS_PERMISSIONS');
    expect(e.kind).toBe('safety');
    expect(e.hint).toBe(`chmod 600 ${file}`);
    expect(e.message).toContain('mode 644');
    chmodSync(file, 0o400);
    expect(resolveApiKeys('demo', env)?.key).toBe('demo-key-1234');
  });

  it('warns when the folder holding the file is readable by others', () => {
    const { env } = home(FILE);
    chmodSync(env.TRADE_HOME!, 0o755);
    const warnings: string[] = [];
    expect(resolveApiKeys('demo', env, (m) => warnings.push(m))?.key).toBe('demo-key-1234');
    expect(warnings).toEqual([
      `${env.TRADE_HOME}: the folder holding the credentials file is readable by others`,
    ]);
  });

  it('names the line of bad JSON without quoting the file, and the key path of a bad entry', () => {
    const bad = home('{\n  "demo": {"key": "abc", "secret": "TOPSECRET",}\n}');
    const e = thrown(() => resolveApiKeys('demo', bad.env));
    expect(e.code).toBe('E_CREDENTIALS_INVALID');
    expect(e.line).toBe(2);
    expect(e.message).not.toContain('TOPSECRET');
    const noSecret = home(JSON.stringify({ demo: { key: 'k' } }));
    const f = thrown(() => resolveApiKeys('demo', noSecret.env));
    expect(f.path).toBe('demo.secret');
    expect(f.message).toBe(`${noSecret.file}: demo.secret must be a non-empty string`);
  });

  it('locates the file through TRADE_CREDENTIALS_FILE or TRADE_HOME, and masks keys for output', () => {
    expect(credentialsFile({ TRADE_CREDENTIALS_FILE: '/x/c.json', TRADE_HOME: '/h' })).toBe('/x/c.json');
    expect(credentialsFile({ TRADE_HOME: '/h' })).toBe('/h/credentials.json');
    expect(tradeHome({})).toMatch(/\.trade$/);
    expect(maskKey('abcdef123456')).toBe('****3456');
    expect(keyFingerprint('abc')).toBe('ba7816bf');
  });
});
