/**
 * A record whose values are computed once, on first read. The properties are enumerable getters, so
 * `JSON.stringify`, spreading and structured cloning read (and compute) every value, and a plain property read
 * computes only what it needs. Runs that never read a hash or an artifact text (validation suites, research
 * loops) skip the digests and the CSV formatting, which together cost as much as the minute loop.
 * Assigning a key stores the given value instead (the report is added to the artifact texts that way).
 */
export function lazyRecord<T extends object>(builders: { readonly [K in keyof T]: () => T[K] }): T {
  const out = {} as T;
  for (const key of Object.keys(builders) as (keyof T & string)[]) {
    let read = once(builders[key]);
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get: () => read(),
      set: (v: T[typeof key]) => {
        read = () => v;
      },
    });
  }
  return out;
}

/** `f`'s value, computed on the first call and returned from then on. */
export function once<T>(f: () => T): () => T {
  let computed = false;
  let value: T | undefined;
  return () => {
    if (!computed) {
      value = f();
      computed = true;
    }
    return value as T;
  };
}
