/** +DM of §1.4: up move when it is positive and larger than the down move, else 0. */
export function plusDm(h: number, l: number, prevH: number, prevL: number): number {
  const up = h - prevH;
  const dn = prevL - l;
  return up > 0 && up > dn ? up : 0;
}

/** −DM of §1.4: down move when it is positive and larger than the up move, else 0. */
export function minusDm(h: number, l: number, prevH: number, prevL: number): number {
  const up = h - prevH;
  const dn = prevL - l;
  return dn > 0 && dn > up ? dn : 0;
}
