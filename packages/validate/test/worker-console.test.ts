import { describe, expect, it } from 'vitest';
import { prefixWorkerConsole } from '../src/pool/worker-console';

describe('worker console (validation.md §8 Logging)', () => {
  it('writes warn and error lines prefixed [w<n>] and drops lower levels', () => {
    const lines: string[] = [];
    const target = { debug() {}, log() {}, info() {}, warn() {}, error() {} } as unknown as Pick<
      Console,
      'debug' | 'log' | 'info' | 'warn' | 'error'
    >;
    prefixWorkerConsole(3, (l) => lines.push(l), target);
    target.log('quiet');
    target.info('quiet');
    target.debug('quiet');
    target.warn('W_%s skipped', 'PLAY', { id: 1 });
    target.error(new Error('boom').message);
    expect(lines).toEqual(['[w3] W_PLAY skipped { id: 1 }\n', '[w3] boom\n']);
  });
});
