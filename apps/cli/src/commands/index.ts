import type { CommandDef } from '../command';
import { backtestRunCommand } from './backtest';
import { backtestVerifyCommand } from './backtest-verify';
import { DATA_COMMANDS } from './data';
import { dataSyntheticCommand } from './data-synthetic';
import { mockBybitServeCommand } from './mock-bybit';
import { PLAY_COMMANDS } from './play';
import { validateCommand } from './validate';
import { versionCommand } from './version';

/** Every `trade` subcommand; one module per command group under this folder. */
export const COMMANDS: readonly CommandDef[] = [
  versionCommand,
  backtestRunCommand,
  backtestVerifyCommand,
  mockBybitServeCommand,
  dataSyntheticCommand,
  ...DATA_COMMANDS,
  ...PLAY_COMMANDS,
  validateCommand,
];
