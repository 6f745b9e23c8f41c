import { resolve } from 'node:path';
import { type RequestLogEntry, startMockBybit } from '@trade/bybit-mock';
import { EXIT } from '@trade/core';
import { type CommandContext, type CommandDef, numberFlag, stringFlag, UsageError } from '../command';

/** Resolves on SIGINT/SIGTERM or after `durationMs`; the listeners are removed either way. */
function waitForStop(durationMs: number | undefined): Promise<'signal' | 'duration'> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (why: 'signal' | 'duration') => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (timer !== undefined) clearTimeout(timer);
      resolve(why);
    };
    const onSignal = () => finish('signal');
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    if (durationMs !== undefined) timer = setTimeout(() => finish('duration'), durationMs);
  });
}

function requestLine(e: RequestLogEntry): string {
  const query = e.rawQuery === '' ? '' : `?${e.rawQuery}`;
  const code = e.retCode === null ? '' : ` retCode ${e.retCode}`;
  const fault = e.fault === null ? '' : ` [${e.fault}]`;
  return `${e.method} ${e.path}${query} -> ${e.status}${code}${fault} (${e.latencyMs} ms)\n`;
}

function integerFlag(ctx: CommandContext, name: string, min: number, max: number): number | undefined {
  const n = numberFlag(ctx, name);
  if (n !== undefined && (!Number.isInteger(n) || n < min || n > max)) {
    throw new UsageError(
      `--${name} must be an integer in [${min}, ${max}], got ${n}`,
      `e.g. --${name} ${min}`,
    );
  }
  return n;
}

/**
 * `trade mock-bybit serve`: runs the mock Bybit V5 server on loopback until Ctrl-C (cli.md §4.8). With
 * `--json`, stdout is NDJSON: a `listening` event, one `request` event per request, then the envelope.
 */
export const mockBybitServeCommand: CommandDef = {
  path: ['mock-bybit', 'serve'],
  streaming: true,
  summary: 'run the mock Bybit V5 server (market REST endpoints) on 127.0.0.1 until Ctrl-C',
  options: {
    port: { type: 'string', valueName: '<port>', description: 'port to listen on (default 0 = a free port)' },
    data: {
      type: 'string',
      valueName: '<dir>',
      description: 'folder of <SYMBOL>_<tf>.csv files (default: the shared test-kit data folder)',
    },
    seed: { type: 'string', valueName: '<n>', description: 'seed of the open-interest walk (default 1)' },
    duration: {
      type: 'string',
      valueName: '<seconds>',
      description: 'stop by itself after this long (scripted smoke runs)',
    },
  },
  async run(ctx) {
    const port = integerFlag(ctx, 'port', 0, 65_535) ?? 0;
    const seed = integerFlag(ctx, 'seed', 0, 2 ** 32 - 1);
    const durationS = numberFlag(ctx, 'duration');
    if (durationS !== undefined && !(durationS > 0)) {
      throw new UsageError(
        `--duration must be a positive number of seconds, got ${durationS}`,
        'e.g. --duration 60',
      );
    }
    const dataDir = stringFlag(ctx, 'data');
    const emit = (event: Record<string, unknown>) =>
      ctx.io.stdout(`${JSON.stringify({ ...event, ts: Date.now() })}\n`);
    let requests = 0;
    const mock = await startMockBybit({
      port,
      ...(dataDir === undefined ? {} : { dataDir: resolve(ctx.io.cwd, dataDir) }),
      ...(seed === undefined ? {} : { seed }),
      onRequest: (entry) => {
        requests++;
        if (ctx.json) emit({ type: 'request', ...entry });
        else if (!ctx.quiet) ctx.io.stdout(requestLine(entry));
      },
    });
    if (ctx.json) {
      emit({
        type: 'listening',
        url: mock.url,
        ws_public_url: mock.wsPublicUrl,
        ws_private_url: mock.wsPrivateUrl,
        port: mock.port,
        symbols: mock.symbols,
      });
    } else if (!ctx.quiet) {
      ctx.io.stdout(`mock Bybit listening on ${mock.url} (symbols: ${mock.symbols.join(', ')})\n`);
      ctx.io.stdout(`WebSocket streams: public ${mock.wsPublicUrl}, private ${mock.wsPrivateUrl}\n`);
      ctx.io.stdout(
        `use it as RestClientV5({ baseUrl: '${mock.url}' }) and one WebsocketClient({ wsUrl }) per stream, or set TRADE_BYBIT_REST_URL, TRADE_BYBIT_WS_PUBLIC_URL and TRADE_BYBIT_WS_PRIVATE_URL; Ctrl-C stops it\n`,
      );
    }
    const why = await waitForStop(durationS === undefined ? undefined : durationS * 1000);
    await mock.close();
    return {
      // Ctrl-C is how this command is meant to end, so a clean stop is a success, not an interruption.
      exitCode: EXIT.ok,
      message: `mock Bybit on ${mock.url} stopped (${why === 'signal' ? 'signal' : 'duration elapsed'}) after ${requests} request(s)`,
      data: { url: mock.url, port: mock.port, symbols: mock.symbols, requests, stopped_by: why },
    };
  },
};
