import { resolve } from 'node:path';
import { EXIT } from '@trade/core';
import { verifyLine, verifyRun } from '@trade/engine';
import { type CommandDef, requireStringFlag } from '../command';

/**
 * `trade backtest verify --run DIR` (`cli.md` §4.1): re-checks a finished run from its artifacts and prints one
 * line per check. Exit 0 when every check passes, 1 when any fails; 3 for a missing folder or file and 4 for an
 * artifact that does not parse (`E_VERIFY_MISSING` / `E_VERIFY_MALFORMED`).
 */
export const backtestVerifyCommand: CommandDef = {
  path: ['backtest', 'verify'],
  summary: 're-check a finished run from its artifacts: recomputed hashes and the run invariants',
  options: {
    run: {
      type: 'string',
      valueName: '<dir>',
      description: 'the run folder (artifacts/backtests/<play>/<SYMBOL>/<tag>_<hash>)',
    },
  },
  async run(ctx) {
    const folder = resolve(
      ctx.io.cwd,
      requireStringFlag(ctx, 'run', '--run artifacts/backtests/<play>/<SYMBOL>/<tag>_<hash>'),
    );
    const checks = verifyRun(folder);
    const failed = checks.filter((c) => !c.pass).length;
    const message =
      failed === 0 ? `all ${checks.length} checks passed` : `${failed} of ${checks.length} checks failed`;
    return {
      exitCode: failed === 0 ? EXIT.ok : EXIT.negative,
      message,
      data: { run: folder, passed: checks.length - failed, failed, checks },
      human: `${checks.map(verifyLine).join('\n')}\n${message}`,
    };
  },
};
