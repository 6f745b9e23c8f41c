/** @trade/validate: Tiered parallel validation: gates, validation plays, reports. */
export const PACKAGE_NAME = '@trade/validate';
