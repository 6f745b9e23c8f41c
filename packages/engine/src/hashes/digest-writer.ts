/**
 * The streaming SHA-256 text writer lives in `@trade/core` (the synthetic generator's `data_hash` uses it too).
 * This re-export only keeps the engine's existing test import path; engine code imports from `@trade/core`.
 */
export { DigestWriter } from '@trade/core';
