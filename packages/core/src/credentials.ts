import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { TradeError } from './errors';

/** The two Bybit key sets TRADE knows (`cli.md` §7.4): demo keys go only to the demo host, live keys only to mainnet. */
export type KeyAccount = 'demo' | 'live';

export interface ApiKeys {
  readonly key: string;
  readonly secret: string;
  /** Where they came from: the environment variables or the credentials file (its path). */
  readonly source: 'env' | string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** `$TRADE_HOME`, default `~/.trade` (`cli.md` §7.3). */
export function tradeHome(env: Env = process.env): string {
  return env.TRADE_HOME || join(homedir(), '.trade');
}

/** `$TRADE_CREDENTIALS_FILE`, default `$TRADE_HOME/credentials.json`. */
export function credentialsFile(env: Env = process.env): string {
  return env.TRADE_CREDENTIALS_FILE || join(tradeHome(env), 'credentials.json');
}

/** `****<last 4>`: the most of a key that journals, reports and JSON output may show (`cli.md` §7.4). */
export function maskKey(key: string): string {
  return `****${key.slice(-4)}`;
}

/** First 8 hex digits of the key's SHA-256: tells two keys apart without revealing either. */
export function keyFingerprint(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

const ENV_NAMES: Readonly<Record<KeyAccount, readonly (readonly [string, string])[]>> = {
  demo: [['BYBIT_DEMO_API_KEY', 'BYBIT_DEMO_API_SECRET']],
  // The predecessor's unprefixed names are accepted for live keys, after the spec's names.
  live: [
    ['BYBIT_LIVE_API_KEY', 'BYBIT_LIVE_API_SECRET'],
    ['BYBIT_API_KEY', 'BYBIT_API_SECRET'],
  ],
};

/**
 * The keys of `account` (`cli.md` §7.4): the environment first (both variables or neither — one alone is
 * `E_CREDENTIALS_PARTIAL`), then the credentials file. The file must be a regular file with no group/other
 * permission bits (`E_CREDENTIALS_PERMISSIONS`, exit 6) and hold `{"demo": {"key", "secret"}, "live": {…}}`
 * (`E_CREDENTIALS_INVALID` names the key path). `undefined` when neither source has the account's keys.
 * `warn` receives the non-fatal findings (a parent folder readable by others, Windows without the check).
 */
export function resolveApiKeys(
  account: KeyAccount,
  env: Env = process.env,
  warn: (message: string) => void = () => {},
): ApiKeys | undefined {
  for (const [keyName, secretName] of ENV_NAMES[account]) {
    const key = env[keyName] || undefined;
    const secret = env[secretName] || undefined;
    if (key !== undefined && secret !== undefined) return { key, secret, source: 'env' };
    if (key !== undefined || secret !== undefined)
      throw new TradeError(
        'E_CREDENTIALS_PARTIAL',
        `${keyName} and ${secretName} must be set together (only one is set)`,
        {
          hint: `set both ${keyName} and ${secretName}, or neither`,
        },
      );
  }
  const file = credentialsFile(env);
  if (!existsSync(file)) return undefined;
  checkPermissions(file, warn);
  return keysFromFile(file, account);
}

function checkPermissions(file: string, warn: (message: string) => void): void {
  if (process.platform === 'win32') {
    warn(`${file}: permissions are not checked on Windows; keep the file private`);
    return;
  }
  const st = statSync(file);
  const mode = (st.mode & 0o777).toString(8).padStart(3, '0');
  const notOwner = typeof process.getuid === 'function' && st.uid !== process.getuid();
  if (!st.isFile() || notOwner || (st.mode & 0o077) !== 0) {
    throw new TradeError(
      'E_CREDENTIALS_PERMISSIONS',
      `${file} must be a regular file owned by you and readable by you only (mode ${mode}${notOwner ? ', another owner' : ''})`,
      { kind: 'safety', file, hint: `chmod 600 ${file}` },
    );
  }
  if ((statSync(dirname(file)).mode & 0o007) !== 0)
    warn(`${dirname(file)}: the folder holding the credentials file is readable by others`);
}

function keysFromFile(file: string, account: KeyAccount): ApiKeys | undefined {
  const text = readFileSync(file, 'utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    // V8's message quotes the text around the error, which may be a secret: only the line is reported.
    const at = /position (\d+)/.exec((e as Error).message);
    const line = at === null ? undefined : text.slice(0, Number(at[1])).split('\n').length;
    throw new TradeError(
      'E_CREDENTIALS_INVALID',
      `${file} is not valid JSON${line === undefined ? '' : ` (line ${line})`}`,
      {
        file,
        ...(line === undefined ? {} : { line }),
        hint: 'expected {"demo": {"key": "…", "secret": "…"}, "live": {"key": "…", "secret": "…"}}',
      },
    );
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    throw invalid(file, '', 'the document must be an object with "demo" and/or "live"');
  const entry = (doc as Record<string, unknown>)[account];
  if (entry === undefined) return undefined;
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
    throw invalid(file, account, 'must be an object {"key": "…", "secret": "…"}');
  const { key, secret } = entry as Record<string, unknown>;
  if (typeof key !== 'string' || key === '')
    throw invalid(file, `${account}.key`, 'must be a non-empty string');
  if (typeof secret !== 'string' || secret === '')
    throw invalid(file, `${account}.secret`, 'must be a non-empty string');
  return { key, secret, source: file };
}

function invalid(file: string, path: string, what: string): TradeError {
  return new TradeError('E_CREDENTIALS_INVALID', `${file}: ${path === '' ? 'document' : path} ${what}`, {
    file,
    ...(path === '' ? {} : { path }),
    hint: 'expected {"demo": {"key": "…", "secret": "…"}, "live": {"key": "…", "secret": "…"}}',
  });
}
