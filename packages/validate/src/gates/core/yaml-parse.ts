import { basename, join, relative } from 'node:path';
import { checkPlayFile, compilePlay } from '@trade/play';
import type { GateContext, GateDef, GateFailure, GateOutcome } from '../../runner/types';

/** The five core plays G1 loads (`validation.md` §4), in catalogue order. */
export const CORE_PLAY_IDS = [
  'V_CORE_001_indicator_cross',
  'V_CORE_002_structure_chain',
  'V_CORE_003_cases_metadata',
  'V_CORE_004_multi_tf',
  'V_CORE_005_arithmetic_window',
] as const;

export function playIdOf(path: string): string {
  return basename(path).replace(/\.ya?ml$/, '');
}

/**
 * Strict load, validation and compilation of one play. Returns one failure line per error diagnostic, in the
 * G1 format `<play_id>: <ERROR_CODE> <file>:<line>:<col> <key.path>: <message>`.
 */
export function checkPlayStrict(path: string, cwd: string): GateFailure[] {
  const id = playIdOf(path);
  const file = relative(cwd, path) || path;
  const result = checkPlayFile(path, { file });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || result.play === undefined) {
    return errors.map((d) => ({
      play: id,
      message: `${id}: ${d.code} ${d.file}:${d.line}:${d.col} ${d.path}: ${d.message}`,
    }));
  }
  try {
    compilePlay(result.play);
    return [];
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'E_COMPILE';
    const message = error instanceof Error ? error.message : String(error);
    return [{ play: id, message: `${id}: ${code} ${file}:1:1 : ${message.replace(/\s*\n\s*/g, ' ')}` }];
  }
}

/** G1 YAML Parse: the core plays, plus the deployed play in pre-live. */
export const yamlParseGate: GateDef = {
  id: 'G1',
  name: 'YAML Parse',
  module: null,
  async run(ctx: GateContext): Promise<GateOutcome> {
    const paths = CORE_PLAY_IDS.map((id) => join(ctx.validationPlaysDir, 'core', `${id}.yml`));
    if (ctx.tier === 'pre-live' && ctx.play !== undefined) paths.push(ctx.play);
    const failures = paths.flatMap((p) => checkPlayStrict(p, ctx.cwd));
    return {
      passed: failures.length === 0,
      checked: paths.length,
      detail: `${paths.length} plays`,
      failures,
    };
  },
};
