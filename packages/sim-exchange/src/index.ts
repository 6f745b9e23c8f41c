/** @trade/sim-exchange: Bybit-exact USDT-perpetual simulator: isolated margin, risk tiers, liquidation, fills, fees, funding, rounding and reason codes; pure formula helpers. */
export const PACKAGE_NAME = '@trade/sim-exchange';
