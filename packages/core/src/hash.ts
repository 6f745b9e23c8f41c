import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** Lowercase hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** H(x) of `engine.md` §10.2: SHA-256 of the canonical JSON of `value`. */
export function hashCanonical(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** The `short` form of a hash: its first 12 hex characters. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/** Incremental SHA-256 over text lines, for hashing large series without building one big string. */
export class LineHasher {
  private readonly hash = createHash('sha256');
  private pending: string[] = [];
  private pendingChars = 0;

  /** Appends `line` followed by `\n`. */
  line(line: string): void {
    this.pending.push(line, '\n');
    this.pendingChars += line.length + 1;
    if (this.pendingChars > 1 << 16) this.flush();
  }

  digestHex(): string {
    this.flush();
    return this.hash.digest('hex');
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.hash.update(this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }
}
