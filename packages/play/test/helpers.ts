import { checkPlay, type Diagnostic, type PlayLoadOptions } from '../src/index';

/** Sections of a small valid play; tests override one or more and the play is rebuilt in a fixed order. */
export const BASE_SECTIONS = {
  version: 'version: "3.0.0"',
  name: 'name: t1',
  symbol: 'symbol: BTCUSDT',
  variables: null as string | null,
  timeframes: 'timeframes: {low_tf: 15m, med_tf: 1h, high_tf: 4h, exec: low_tf}',
  account: 'account: {}',
  features: [
    'features:',
    '  ema_9: {indicator: ema, params: {length: 9}}',
    '  ema_21: {indicator: ema, params: {length: 21}}',
  ].join('\n'),
  structures: null as string | null,
  setups: null as string | null,
  actions: ['actions:', '  entry_long: [["ema_9", "cross_above", "ema_21"]]'].join('\n'),
  position_policy: null as string | null,
  entry: null as string | null,
  risk: 'risk: {stop_loss_pct: 2}',
  extra: null as string | null,
};

export type Sections = { [K in keyof typeof BASE_SECTIONS]?: string | null };

export function play(over: Sections = {}): string {
  const merged = { ...BASE_SECTIONS, ...over };
  return `${Object.values(merged)
    .filter((v): v is string => v !== null && v !== undefined)
    .join('\n')}\n`;
}

/** 1-based line and code-point column of the `nth` occurrence (1-based) of `needle` in `text`. */
export function posOf(text: string, needle: string, nth = 1): { line: number; col: number } {
  let idx = -1;
  for (let i = 0; i < nth; i++) {
    idx = text.indexOf(needle, idx + 1);
    if (idx < 0) throw new Error(`needle '${needle}' (#${nth}) not in text:\n${text}`);
  }
  const before = text.slice(0, idx);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line, col: [...text.slice(lineStart, idx)].length + 1 };
}

export function diagnosticsOf(text: string, options: PlayLoadOptions = {}): readonly Diagnostic[] {
  return checkPlay(text, { file: 'test.yml', ...options }).diagnostics;
}

export function describeDiagnostics(ds: readonly Diagnostic[]): string {
  return ds.map((d) => `${d.line}:${d.col} ${d.code} ${d.path} — ${d.message}`).join('\n');
}
