import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTrade } from './io';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const EXAMPLES = join(REPO, 'plays', 'examples');

/** Runs the CLI in-process with `cwd` as the working directory and an empty environment. */
function trade(argv: string[], cwd = process.cwd()) {
  return runTrade(argv, {}, { cwd, replaceEnv: true });
}

const BAD = `version: "3.0.0"
name: bad_play
symbol: BTCUSDT
timeframes: {low_tf: 15m, med_tf: 1h, high_tf: 4h, exec: low_tf}
account: {}
features:
  ema_9: {indicator: ema, params: {length: 9}}
actions:
  entry_long: [["ema_9", "==", 50]]
risk: {stop_loss_pct: 2}
`;

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trade-play-'));
  mkdirSync(join(dir, 'plays', 'nested'), { recursive: true });
  copyFileSync(join(EXAMPLES, '01_ema_cross_rsi_filter.yml'), join(dir, 'plays', 'ema.yml'));
  copyFileSync(join(EXAMPLES, '03_bb_limit_atr_ladder.yml'), join(dir, 'plays', 'nested', 'ladder.yml'));
  writeFileSync(join(dir, 'bad.yml'), BAD);
  return dir;
}

describe('trade play validate', () => {
  it('validates every example play (exit 0)', async () => {
    const r = await trade(['play', 'validate', EXAMPLES]);
    expect(r.stdout).not.toMatch(/FAIL/);
    expect(r.stdout).toMatch(/play file\(s\): \d+ valid, 0 invalid/);
    expect(r.code).toBe(0);
  });

  it('prints every diagnostic as file:line:col with key path and hint and exits 3 on an invalid play', async () => {
    const dir = workspace();
    const r = await trade(['play', 'validate', 'bad.yml'], dir);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(
      "bad.yml:9:17: error[E_FLOAT_EQUALITY] exact equality on FLOAT 'ema_9' is not allowed",
    );
    expect(r.stdout).toContain('  at actions.entry_long[0][0]');
    expect(r.stdout).toContain('  hint: use near_abs or near_pct');
  });

  it('emits the diagnostics as JSON with --json', async () => {
    const dir = workspace();
    const r = await trade(['play', 'validate', 'bad.yml', 'plays', '--json'], dir);
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout);
    expect(doc.exit_code).toBe(3);
    expect(doc.data.invalid).toBe(1);
    expect(doc.data.valid).toBe(2);
    const bad = doc.data.files.find((f: { file: string }) => f.file === 'bad.yml');
    expect(bad.diagnostics[0]).toEqual({
      severity: 'error',
      code: 'E_FLOAT_EQUALITY',
      message: "exact equality on FLOAT 'ema_9' is not allowed",
      file: 'bad.yml',
      line: 9,
      col: 17,
      path: 'actions.entry_long[0][0]',
      hint: 'use near_abs or near_pct, e.g. ["ema_9", "near_abs", 50, 0.5]',
      related: [],
    });
  });

  it('treats a missing file as invalid input', async () => {
    const r = await trade(['play', 'validate', 'no-such-play.yml'], workspace());
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('error[E_FILE_READ] cannot read play file: no such file');
  });
});

describe('trade play list', () => {
  it('lists the plays under ./plays with id, symbol and timeframes', async () => {
    const dir = workspace();
    const r = await trade(['play', 'list', '--json'], dir);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.data.plays.map((p: { id: string }) => p.id)).toEqual([
      'ex1_btc_ema_9_21_cross',
      'ex3_eth_bb_limit_ladder',
    ]);
    expect(doc.data.plays[1]).toMatchObject({
      symbol: 'ETHUSDT',
      timeframes: ['5m', '1h', 'D'],
      exec_tf: '5m',
      path: join('plays', 'nested', 'ladder.yml'),
    });
    const human = await trade(['play', 'list'], dir);
    expect(human.stdout).toContain('ex1_btc_ema_9_21_cross  BTCUSDT  15m/15m/15m  exec 15m');
  });
});

describe('trade play show', () => {
  it('shows a play by id with play_hash and warmup by TF', async () => {
    const dir = workspace();
    const r = await trade(['play', 'show', 'ex3_eth_bb_limit_ladder', '--json'], dir);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.data.play_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.data.features.find((f: { id: string }) => f.id === 'bb').params.length).toBe(20);
    expect(Object.keys(doc.data.warmup_by_tf)).toEqual(['5m', '1h', 'D']);
    expect(doc.data.variables).toEqual({ bb_len: 20, atr_len: 14, sl_atr: 1.5, offset_pct: 0.15 });
  });

  it('shows a play by file as resolved YAML', async () => {
    const dir = workspace();
    const r = await trade(['play', 'show', 'plays/ema.yml'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^play_hash: [0-9a-f]{64}$/m);
    expect(r.stdout).toContain('exec_tf: 15m');
    expect(r.stdout).toContain('maker_bps: 2');
  });

  it('reports an unknown id as invalid input (exit 3)', async () => {
    const r = await trade(['play', 'show', 'nope', '--json'], workspace());
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).error.code).toBe('E_PLAY_NOT_FOUND');
  });

  it('prints the diagnostics of an invalid play (exit 3)', async () => {
    const r = await trade(['play', 'show', 'bad.yml'], workspace());
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('error[E_FLOAT_EQUALITY]');
  });
});
