import type { CommandDef, OptionDef } from './command';
import { COMMANDS } from './commands/index';
import { GLOBAL_OPTIONS } from './global-options';

function optionLines(options: Readonly<Record<string, OptionDef>>): string[] {
  return Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.valueName ?? '<value>'}` : ''}`;
    return `  ${flag.padEnd(34)} ${o.description}`;
  });
}

export function rootHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => `${c.path.join(' ')} ${c.args ?? ''}`.length));
  const lines = [
    'trade: backtest and live-trade Bybit USDT perpetuals from declarative YAML plays',
    '',
    'Usage: trade <command> [flags]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${`${c.path.join(' ')} ${c.args ?? ''}`.padEnd(width + 1)} ${c.summary}`),
    '',
    'Global flags:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'Run `trade <command> --help` for the flags of one command.',
  ];
  return `${lines.join('\n')}\n`;
}

export function commandHelp(command: CommandDef): string {
  const lines = [
    `Usage: trade ${command.path.join(' ')}${command.args ? ` ${command.args}` : ''} [flags]`,
    '',
    command.summary,
  ];
  if (command.options && Object.keys(command.options).length > 0)
    lines.push('', 'Flags:', ...optionLines(command.options));
  lines.push('', 'Global flags:', ...optionLines(GLOBAL_OPTIONS));
  return `${lines.join('\n')}\n`;
}
