/** What the live status line shows (`validation.md` §9): the stage, the gate last heard from, its progress. */
export interface RunStatus {
  readonly stage: number;
  readonly stages: number;
  readonly gateId: string | undefined;
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
}

/** `stage 4/8 · G8 17/25 plays · 0:31` (`G5 · 0:31` for a gate that reports no plays). */
export function formatStatusLine(s: RunStatus): string {
  const seconds = Math.floor(s.elapsedMs / 1000);
  const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  const gate =
    s.gateId === undefined
      ? ''
      : s.total > 0
        ? ` · ${s.gateId} ${s.done}/${s.total} plays`
        : ` · ${s.gateId}`;
  return `stage ${s.stage}/${s.stages}${gate} · ${clock}`;
}
