import type { ValidationReport } from '../runner/run-stages';
import { toReportJson } from './json';

const RULE = '='.repeat(54);
const MAX_FAILURE_LINES = 5;

export interface HumanOptions {
  /** PASS green / FAIL red (TTY without NO_COLOR only). */
  readonly color?: boolean;
  /** Gates that were scheduled, for `N of M GATES FAILED`; defaults to the gates that ran. */
  readonly scheduledGates?: number;
}

function paint(text: string, code: number, color: boolean): string {
  return color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/** The human output of `validation.md` §9. */
export function formatHuman(report: ValidationReport, options: HumanOptions = {}): string {
  const json = toReportJson(report);
  const color = options.color ?? false;
  const lines = [`TRADE VALIDATION [${json.tier}]`, RULE];
  for (const g of json.gates) {
    const verdict = g.passed ? paint('PASS', 32, color) : paint('FAIL', 31, color);
    const name = `${g.name} `.padEnd(26, '.');
    const seconds = report.gates.find((r) => r.gateId === g.gate_id)?.durationSec ?? g.duration_sec;
    lines.push(`${g.gate_id.padEnd(4)} ${name} ${verdict}  ${g.detail.padEnd(30)} ${seconds.toFixed(1)}s`);
    for (const f of g.failures.slice(0, MAX_FAILURE_LINES)) lines.push(`      ${f}`);
    if (g.failures.length > MAX_FAILURE_LINES)
      lines.push(`      ... and ${g.failures.length - MAX_FAILURE_LINES} more`);
  }
  lines.push(RULE);
  const total = options.scheduledGates ?? json.gates.length;
  const t = report.durationSec.toFixed(1);
  lines.push(
    json.failed_gates === 0
      ? `RESULT: ALL ${total} GATES PASSED (${t}s)`
      : `RESULT: ${json.failed_gates} of ${total} GATES FAILED (${t}s)`,
  );
  return `${lines.join('\n')}\n`;
}
