/** @trade/play: Play v3 YAML loader, strict validator with located diagnostics, and the condition compiler. */
export const PACKAGE_NAME = '@trade/play';
