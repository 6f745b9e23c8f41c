import { describe, expect, it } from 'vitest';
import { PACKAGE_NAME } from './index';

describe('@trade/sim-exchange', () => {
  it('exports its package name', () => {
    expect(PACKAGE_NAME).toBe('@trade/sim-exchange');
  });
});
