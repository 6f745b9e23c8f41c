import { describe, expect, it } from 'vitest';
import { PACKAGE_NAME } from './index';

describe('@trade/validate', () => {
  it('exports its package name', () => {
    expect(PACKAGE_NAME).toBe('@trade/validate');
  });
});
