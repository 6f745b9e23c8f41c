import { describe, expect, it } from 'vitest';
import { frac, fracToString, toUnits, unitsToString } from './exact';
import { ceilQty, floorQty, roundPrice } from './grid';

describe('tick and qty grids (§5.1)', () => {
  it('rounds prices down, up and to the nearest tick (half away from zero) without float noise', () => {
    expect(roundPrice(0.30000000000000004, 0.1, 'nearest')).toBe(0.3);
    expect(roundPrice(19_698.49246, 0.1, 'up')).toBe(19_698.5);
    expect(roundPrice(23_283.58208, 0.1, 'down')).toBe(23_283.5);
    expect(roundPrice(100.05, 0.1, 'nearest')).toBe(100.1);
    expect(roundPrice(2_345.675, 0.01, 'nearest')).toBe(2_345.68);
    expect(roundPrice(-0.25, 0.1, 'nearest')).toBe(-0.3);
  });

  it('treats values within 1e-9 step of a grid point as on it', () => {
    expect(floorQty(0.0015, 0.001)).toBe(0.001);
    expect(floorQty(0.3 - 1e-13, 0.1)).toBe(0.3);
    expect(ceilQty(0.1 + 1e-13, 0.1)).toBe(0.1);
    expect(floorQty(1.23, 0.01)).toBe(1.23);
  });
});

describe('exact decimals (§5.1)', () => {
  it('reads numbers as the decimal they print as, exponents included', () => {
    expect(fracToString(frac(0.1))).toBe('1/10');
    expect(fracToString(frac(1e-7))).toBe('1/10000000');
    expect(fracToString(frac(1.5e21))).toBe('1500000000000000000000');
  });

  it('rounds once to 1e-8 half away from zero and prints 8 decimals', () => {
    expect(unitsToString(toUnits({ n: 67_391_445n, d: 1_000_000_000n }))).toBe('0.06739145');
    expect(unitsToString(toUnits({ n: -67_391_445n, d: 1_000_000_000n }))).toBe('-0.06739145');
    expect(unitsToString(-5n)).toBe('-0.00000005');
  });
});
