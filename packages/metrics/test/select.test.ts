import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallestAscendingInPlace } from '../src/select';

function smallestAscending(values: Float64Array, k: number): Float64Array {
  return smallestAscendingInPlace(values.slice(), k).slice();
}

describe('smallestAscendingInPlace', () => {
  it('equals the first k values of a full ascending sort', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true, noDefaultInfinity: true }), {
          minLength: 1,
          maxLength: 400,
        }),
        fc.nat(),
        (values, seed) => {
          const input = Float64Array.from(values);
          const k = 1 + (seed % values.length);
          const expected = Float64Array.from(values).sort().subarray(0, k);
          expect(smallestAscending(input, k)).toEqual(expected);
          expect(input).toEqual(Float64Array.from(values));
        },
      ),
    );
  });

  it('handles many ties and already sorted or reversed inputs', () => {
    const ties = Float64Array.from({ length: 1000 }, (_, i) => i % 3);
    expect(Array.from(smallestAscending(ties, 400))).toEqual([
      ...new Array<number>(334).fill(0),
      ...new Array<number>(66).fill(1),
    ]);
    const ascending = Float64Array.from({ length: 1000 }, (_, i) => i);
    const descending = ascending.slice().reverse();
    expect(Array.from(smallestAscending(ascending, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(smallestAscending(descending, 5))).toEqual([0, 1, 2, 3, 4]);
  });
});
