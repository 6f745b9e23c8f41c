/**
 * Counts events in a rolling window (Bybit's per-IP budget: 600 requests per 5 s). A ring of the last
 * `limit` admission times: the window is full when the oldest of them is still inside it.
 */
export class SlidingWindowLimiter {
  private readonly times: Float64Array;
  private head = 0;
  private count = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {
    this.times = new Float64Array(limit);
  }

  /** Admits one event at `now` when the window has room. `remaining` is after this event. */
  tryAcquire(now: number): { allowed: boolean; remaining: number; resetAtMs: number } {
    while (this.count > 0 && this.times[this.head]! <= now - this.windowMs) {
      this.head = (this.head + 1) % this.limit;
      this.count--;
    }
    if (this.count >= this.limit) {
      return { allowed: false, remaining: 0, resetAtMs: this.times[this.head]! + this.windowMs };
    }
    this.times[(this.head + this.count) % this.limit] = now;
    this.count++;
    const full = this.count >= this.limit;
    return {
      allowed: true,
      remaining: this.limit - this.count,
      resetAtMs: full ? this.times[this.head]! + this.windowMs : now,
    };
  }
}
