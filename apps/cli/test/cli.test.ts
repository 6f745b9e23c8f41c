import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { runTrade } from './io';

describe('trade CLI', () => {
  it('prints help with the command list on --help (exit 0) and on no arguments (exit 2, stderr)', async () => {
    const help = await runTrade(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: trade <command>/);
    expect(help.stdout).toMatch(/version/);
    const bare = await runTrade([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/Usage: trade/);
  });

  it('prints the version', async () => {
    const r = await runTrade(['--version']);
    expect(r.stdout.trim()).toBe(packageJson.version);
  });

  it('wraps results in the JSON envelope with keys in the spec order', async () => {
    const r = await runTrade(['version', '--json']);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual([
      'status',
      'command',
      'message',
      'data',
      'error',
      'warnings',
      'exit_code',
    ]);
    expect(doc.status).toBe('ok');
    expect(doc.data.version).toBe(packageJson.version);
  });

  it('treats unknown commands and flags as usage errors (exit 2) naming them', async () => {
    const cmd = await runTrade(['bogus']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toMatch(/unknown command 'bogus'/);
    const flag = await runTrade(['version', '--frob', '--json']);
    expect(flag.code).toBe(2);
    const doc = JSON.parse(flag.stdout);
    expect(doc.error.code).toBe('E_USAGE');
    expect(doc.error.message).toMatch(/--frob/);
    expect(doc.status).toBe('error');
  });

  it('shows per-command help', async () => {
    const r = await runTrade(['version', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: trade version/);
  });

  const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');
  it.runIf(existsSync(bin))('the built binary runs', () => {
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim()).toBe(
      packageJson.version,
    );
  });
});
