import { z } from 'zod';
import { type StructureBar, withFieldGetters } from '../detector';
import { defineFields, fieldIndex, PD_ZONE_DOMAIN, PdZoneCode } from '../fields';
import { defineMeta, swingWindow } from '../meta';
import { SWING, type SwingDetector } from './swing';

/** premium_discount — where the close sits inside the last swing pair's range (structures.md §2.12). */

export const premiumDiscountParamsSchema = z.strictObject({});
export type PremiumDiscountParams = z.output<typeof premiumDiscountParamsSchema>;

const NAMES = [
  'range_high',
  'range_low',
  'equilibrium',
  'premium_level',
  'discount_level',
  'zone',
  'depth_pct',
  'version',
] as const;
export const PREMIUM_DISCOUNT = fieldIndex(NAMES);
export const PREMIUM_DISCOUNT_FIELDS = defineFields([
  ['range_high', 'FLOAT', 'high of the last swing pair'],
  ['range_low', 'FLOAT', 'low of the last swing pair'],
  ['equilibrium', 'FLOAT', 'middle of the range (50 %)'],
  ['premium_level', 'FLOAT', '75 % of the range: at or above it is premium'],
  ['discount_level', 'FLOAT', '25 % of the range: at or below it is discount'],
  ['zone', 'ENUM', PD_ZONE_DOMAIN, 'premium, discount or equilibrium (none before the first pair)'],
  ['depth_pct', 'FLOAT', 'position of the close in the range, clamped to 0..1 (fraction)'],
  ['version', 'INT', 0, '+1 whenever zone changes'],
]);

export class PremiumDiscountDetector extends withFieldGetters(NAMES) {
  private readonly swing: SwingDetector;

  constructor(params: PremiumDiscountParams, swing: SwingDetector, key: string) {
    super({ type: 'premium_discount', key, params, fields: PREMIUM_DISCOUNT_FIELDS });
    this.swing = swing;
    this.reset();
  }

  protected resetState(): void {}

  protected step(bar: StructureBar): void {
    const s = this.swing.values;
    if (s[SWING.pair_version] === 0) return;
    const v = this.values;
    const hi = s[SWING.pair_high_level]!;
    const lo = s[SWING.pair_low_level]!;
    const range = hi - lo;
    v[PREMIUM_DISCOUNT.range_high] = hi;
    v[PREMIUM_DISCOUNT.range_low] = lo;
    v[PREMIUM_DISCOUNT.equilibrium] = lo + 0.5 * range;
    const premium = lo + 0.75 * range;
    const discount = lo + 0.25 * range;
    v[PREMIUM_DISCOUNT.premium_level] = premium;
    v[PREMIUM_DISCOUNT.discount_level] = discount;
    let zone: number;
    if (!(range > 0)) {
      zone = PdZoneCode.equilibrium;
      v[PREMIUM_DISCOUNT.depth_pct] = Number.NaN;
    } else {
      const close = bar.close;
      zone =
        close >= premium
          ? PdZoneCode.premium
          : close <= discount
            ? PdZoneCode.discount
            : PdZoneCode.equilibrium;
      v[PREMIUM_DISCOUNT.depth_pct] = Math.min(1, Math.max(0, (close - lo) / range));
    }
    if (zone !== v[PREMIUM_DISCOUNT.zone]) {
      v[PREMIUM_DISCOUNT.zone] = zone;
      v[PREMIUM_DISCOUNT.version]! += 1;
    }
  }

  protected saveState(): unknown {
    return {};
  }

  protected loadState(_state: unknown): void {}
}

export const premiumDiscountMeta = defineMeta<PremiumDiscountParams>({
  type: 'premium_discount',
  summary:
    'Premium (upper quarter), discount (lower quarter) or equilibrium of the close in the last swing pair.',
  later: true,
  paramsSchema: premiumDiscountParamsSchema,
  fields: () => PREMIUM_DISCOUNT_FIELDS,
  dependencies: [{ type: 'swing', required: true }],
  atr: () => ({ use: 'none', key: undefined }),
  warmupBars: (_p, context) => 5 * swingWindow(context.swing),
  warnings: () => [],
  create: (p, deps, context) => new PremiumDiscountDetector(p, deps.swing as SwingDetector, context.key),
});
