/**
 * The seeded PRNG of `synthetic-data.md` §4: xoshiro128** seeded through SplitMix32, all arithmetic in
 * 32 bits. Deterministic across platforms; never use Math.random where results must reproduce.
 */

const GOLDEN_GAMMA = 0x9e3779b9;

/** SplitMix32 with the murmur3 finaliser; used only to seed xoshiro128**. */
export class SplitMix32 {
  private x: number;

  constructor(seed: number) {
    this.x = seed >>> 0;
  }

  next(): number {
    this.x = (this.x + GOLDEN_GAMMA) >>> 0;
    let z = this.x;
    z ^= z >>> 16;
    z = Math.imul(z, 0x85ebca6b);
    z ^= z >>> 13;
    z = Math.imul(z, 0xc2b2ae35);
    z ^= z >>> 16;
    return z >>> 0;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

export class Xoshiro128ss {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    const sm = new SplitMix32(seed);
    this.s0 = sm.next();
    this.s1 = sm.next();
    this.s2 = sm.next();
    this.s3 = sm.next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next uint32. */
  next(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** 53-bit double in [0, 1). */
  uniform(): number {
    const a = this.next() >>> 5;
    const b = this.next() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Standard normal by Box–Muller; one value per call, exactly four words consumed (no caching). */
  normal(): number {
    const u1 = 1 - this.uniform();
    const u2 = this.uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** The four state words, for snapshots. */
  state(): [number, number, number, number] {
    return [this.s0, this.s1, this.s2, this.s3];
  }
}

/** Per-purpose stream offset of `synthetic-data.md` §4. */
const STREAM_STRIDE = 0x632be5ab;

/**
 * Generator for stream `k` of `seed`: stream 0 is the plain generator other packages use for seeded test
 * data; the synthetic generator uses k = 1 closes, 2 bridge, 3 OHLC details, 4 volume.
 */
export function createPrng(seed: number, stream = 0): Xoshiro128ss {
  const x0 = (seed + Math.imul(stream, STREAM_STRIDE)) >>> 0;
  return new Xoshiro128ss(x0);
}
