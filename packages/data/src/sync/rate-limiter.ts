import { sleep } from './sleep';

/**
 * Token bucket shared by every public call of a process (`data.md` §6.5): `rps` tokens per second,
 * burst `burst`. `pauseUntil` blocks the bucket when Bybit reports the budget exhausted.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly rps: number,
    private readonly burst: number = rps,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Waits for one token; callers are served in FIFO order. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  pauseUntil(timestampMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, timestampMs);
  }

  private async waitForToken(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now();
      if (now < this.pausedUntil) {
        await sleep(this.pausedUntil - now, signal);
        continue;
      }
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.rps) / 1000);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - this.tokens) * 1000) / this.rps), signal);
    }
  }
}
