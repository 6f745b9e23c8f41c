import { TIMEFRAME_ROLES, type Timeframe, type TimeframeRole } from '@trade/core';

/** Timeframes a play may use (`play-dsl.md` §5); core also knows `M`, which plays reject. */
export const PLAY_TIMEFRAMES = [
  '1m',
  '3m',
  '5m',
  '15m',
  '30m',
  '1h',
  '2h',
  '4h',
  '6h',
  '12h',
  'D',
  'W',
] as const;
export type PlayTimeframe = Exclude<Timeframe, 'M'>;

const ACCEPTED_ALIASES: Readonly<Record<string, PlayTimeframe>> = {
  '1H': '1h',
  '2H': '2h',
  '4H': '4h',
  '6H': '6h',
  '12H': '12h',
  d: 'D',
  '1d': 'D',
  '1D': 'D',
  w: 'W',
  '1w': 'W',
  '1W': 'W',
};

export type TfParse =
  | { readonly ok: true; readonly tf: PlayTimeframe }
  | {
      readonly ok: false;
      readonly code: 'E_TF_INVALID' | 'E_TF_UNSUPPORTED';
      readonly message: string;
      readonly hint: string;
    };

const CANONICAL_LIST = `canonical timeframes: ${PLAY_TIMEFRAMES.join(' ')}`;

/** Parses a TF string as §5 defines: canonical names plus upper-case hours and day/week spellings. */
export function parsePlayTimeframe(text: string): TfParse {
  if ((PLAY_TIMEFRAMES as readonly string[]).includes(text)) return { ok: true, tf: text as PlayTimeframe };
  const alias = ACCEPTED_ALIASES[text];
  if (alias !== undefined) return { ok: true, tf: alias };
  if (text === 'M' || text === '1M') {
    return {
      ok: false,
      code: 'E_TF_UNSUPPORTED',
      message: `timeframe '${text}' is not supported`,
      hint: `monthly bars are not supported; ${CANONICAL_LIST}`,
    };
  }
  return { ok: false, code: 'E_TF_INVALID', message: `invalid timeframe '${text}'`, hint: CANONICAL_LIST };
}

export function isRoleName(text: string): text is TimeframeRole {
  return (TIMEFRAME_ROLES as readonly string[]).includes(text);
}
