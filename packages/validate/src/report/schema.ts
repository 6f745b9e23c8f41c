import { z } from 'zod';

/** One gate of the JSON report (`validation.md` §3): exactly these keys, in this order. */
export const gateReportSchema = z.strictObject({
  gate_id: z.string().min(1),
  name: z.string().min(1),
  passed: z.boolean(),
  checked: z.int().nonnegative(),
  duration_sec: z.number().nonnegative(),
  detail: z.string(),
  failures: z.array(z.string()),
});

/** The JSON report of `trade validate --json` (`validation.md` §3): exactly these keys, in this order. */
export const validationReportSchema = z
  .strictObject({
    tier: z.string().regex(/^(quick|standard|full|real|pre-live|exchange|live-parity|module:[a-z-]+)$/),
    duration_sec: z.number().nonnegative(),
    passed: z.boolean(),
    total_checked: z.int().nonnegative(),
    failed_gates: z.int().nonnegative(),
    gates: z.array(gateReportSchema),
  })
  .refine((r) => r.passed === r.gates.every((g) => g.passed), { message: 'passed = every gate passed' })
  .refine((r) => r.total_checked === r.gates.reduce((s, g) => s + g.checked, 0), {
    message: 'total_checked = sum of gates[].checked',
  })
  .refine((r) => r.failed_gates === r.gates.filter((g) => !g.passed).length, {
    message: 'failed_gates = count of failed gates',
  })
  .refine((r) => r.gates.every((g) => !g.passed || g.failures.length === 0), {
    message: 'a passed gate has no failures',
  });

export type GateReportJson = z.infer<typeof gateReportSchema>;
export type ValidationReportJson = z.infer<typeof validationReportSchema>;
