import type { ValidationReport } from '../runner/run-stages';
import type { ValidationReportJson } from './schema';

/** Half-up rounding to 2 decimals (`validation.md` §3), exact for the decimal value printed. */
export function round2(seconds: number): number {
  return Math.round((seconds + Number.EPSILON) * 100) / 100;
}

/** Code-point order (not locale order): `validation.md` §3 sorts failures this way. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The report as the JSON document of `validation.md` §3: spec keys in spec order, nothing else. */
export function toReportJson(report: ValidationReport): ValidationReportJson {
  const gates = report.gates.map((g) => ({
    gate_id: g.gateId,
    name: g.name,
    passed: g.passed,
    checked: g.checked,
    duration_sec: round2(g.durationSec),
    detail: g.detail,
    failures: g.failures.map((f) => f.message).sort(byCodePoint),
  }));
  return {
    tier: report.tier,
    duration_sec: round2(report.durationSec),
    passed: gates.every((g) => g.passed),
    total_checked: gates.reduce((s, g) => s + g.checked, 0),
    failed_gates: gates.filter((g) => !g.passed).length,
    gates,
  };
}

/** The exact bytes `--json` prints and `--out` writes: two-space indent, one trailing newline. */
export function reportJsonText(report: ValidationReport): string {
  return `${JSON.stringify(toReportJson(report), null, 2)}\n`;
}
