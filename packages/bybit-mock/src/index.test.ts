import { describe, expect, it } from 'vitest';
import { PACKAGE_NAME } from './index';

describe('@trade/bybit-mock', () => {
  it('exports its package name', () => {
    expect(PACKAGE_NAME).toBe('@trade/bybit-mock');
  });
});
