/**
 * Key paths of §1.3: keys joined by `.`, list indices `[i]`, keys containing `.`, `[` or a space quoted
 * (`features["a.b"]`).
 */
export function childPath(parent: string, key: string): string {
  const safe = /^[^.[\]\s"]+$/.test(key) && key !== '';
  if (!safe) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}
