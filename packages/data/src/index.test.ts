import { describe, expect, it } from 'vitest';
import { PACKAGE_NAME } from './index';

describe('@trade/data', () => {
  it('exports its package name', () => {
    expect(PACKAGE_NAME).toBe('@trade/data');
  });
});
