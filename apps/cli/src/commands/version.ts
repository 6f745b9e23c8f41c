import { EXIT } from '@trade/core';
import type { CommandDef } from '../command';
import { CLI_VERSION } from '../version';

export const versionCommand: CommandDef = {
  path: ['version'],
  summary: 'print the trade version and runtime',
  async run() {
    const data = { version: CLI_VERSION, node: process.versions.node };
    return { exitCode: EXIT.ok, message: `trade ${CLI_VERSION} (node ${data.node})`, data };
  },
};
