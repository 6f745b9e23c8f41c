import type { OptionDef } from './command';

/** Flags every command accepts (`cli.md` §1). */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionDef>> = {
  json: { type: 'boolean', description: 'machine output: one JSON document on stdout' },
  quiet: { type: 'boolean', short: 'q', description: 'errors only on stderr; no progress' },
  verbose: {
    type: 'boolean',
    short: 'v',
    multiple: true,
    description: 'more log detail; stack traces on internal errors',
  },
  'log-level': {
    type: 'string',
    valueName: 'debug|info|warn|error',
    description: 'overrides TRADE_LOG_LEVEL',
  },
  'log-format': { type: 'string', valueName: 'pretty|json', description: 'log line format on stderr' },
  'no-color': { type: 'boolean', description: 'no ANSI colours (also NO_COLOR)' },
  config: { type: 'string', valueName: 'FILE', description: 'config file' },
  'data-env': { type: 'string', valueName: 'NAME', description: 'data env (default backtest)' },
  'data-dir': { type: 'string', valueName: 'DIR', description: 'data directory (default ./data)' },
  yes: { type: 'boolean', short: 'y', description: 'answer yes to ordinary confirmations' },
  help: { type: 'boolean', short: 'h', description: 'show help' },
};
