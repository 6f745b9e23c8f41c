/**
 * Tick and quantity-step rounding (sim-exchange.md §5.1). Results are computed from integer step counts and
 * divided by an exact power of ten, so `roundPrice(0.3, 0.1, 'nearest')` is `0.3`, never `0.30000000000000004`.
 */

export type PriceRounding = 'down' | 'up' | 'nearest';

/** Tolerance in steps: a value within 1e-9 step of a grid point counts as on it. */
const GRID_TOLERANCE = 1e-9;

interface StepDecimal {
  readonly step: number;
  /** `step = mantissa / 10^decimals` with an integer mantissa. */
  readonly mantissa: number;
  readonly pow: number;
}

let cachedStep: StepDecimal | undefined;

function stepDecimal(step: number): StepDecimal {
  if (cachedStep !== undefined && cachedStep.step === step) return cachedStep;
  if (!(step > 0) || !Number.isFinite(step))
    throw new RangeError(`grid step must be a positive number, got ${step}`);
  let decimals = 0;
  while (decimals < 15 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-9)
    decimals++;
  const pow = 10 ** decimals;
  cachedStep = { step, mantissa: Math.round(step * pow), pow };
  return cachedStep;
}

/** Number of whole steps in `value` per `mode` (with the 1e-9-step tolerance). */
export function stepCount(value: number, step: number, mode: PriceRounding): number {
  const units = value / step;
  if (mode === 'down') return Math.floor(units + GRID_TOLERANCE);
  if (mode === 'up') return Math.ceil(units - GRID_TOLERANCE);
  // nearest, half away from zero
  const sign = units < 0 ? -1 : 1;
  return sign * Math.floor(Math.abs(units) + 0.5 + GRID_TOLERANCE);
}

/** The grid value of `count` steps. */
export function fromStepCount(count: number, step: number): number {
  const d = stepDecimal(step);
  return (count * d.mantissa) / d.pow;
}

/** Rounds a price to the tick grid: `down`, `up` or `nearest` (half away from zero). */
export function roundPrice(price: number, tickSize: number, mode: PriceRounding): number {
  return fromStepCount(stepCount(price, tickSize, mode), tickSize);
}

/** Floors a quantity to the step grid (values within 1e-9 step of a grid point count as on it). */
export function floorQty(qty: number, qtyStep: number): number {
  return fromStepCount(stepCount(qty, qtyStep, 'down'), qtyStep);
}

/** Ceils a quantity to the step grid. */
export function ceilQty(qty: number, qtyStep: number): number {
  return fromStepCount(stepCount(qty, qtyStep, 'up'), qtyStep);
}
