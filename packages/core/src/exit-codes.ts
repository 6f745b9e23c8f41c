import { TradeError } from './errors';

/** Process exit codes of `cli.md` §3, shared by the `trade` command and package entry points (validate tasks). */
export const EXIT = {
  ok: 0,
  negative: 1,
  usage: 2,
  input: 3,
  data: 4,
  exchange: 5,
  safety: 6,
  liquidated: 7,
  maxDrawdown: 8,
  internal: 70,
  interrupted: 130,
} as const;

/** The exit code for a thrown error: its `kind` for a `TradeError`, else internal (a bug). */
export function exitCodeForError(error: unknown): number {
  if (!(error instanceof TradeError)) return EXIT.internal;
  switch (error.kind) {
    case 'input':
      return EXIT.input;
    case 'data':
      return EXIT.data;
    case 'exchange':
      return EXIT.exchange;
    case 'safety':
      return EXIT.safety;
    default:
      return EXIT.internal;
  }
}
