import { playSuiteGate } from './play-suite';

/**
 * G7b Limit Order Suite: `plays/validation/limit_orders` under the play-suite rule. Issue #9 asks for limit-order
 * plays; validation.md has no gate for them, so they get one beside G7 (the simulator's order types, here end to
 * end through the engine), like G4b beside G4 (docs/decisions.md).
 */
export const limitOrderSuiteGate = playSuiteGate('G7b', 'Limit Order Suite', 'limit-orders', 'limit_orders');
/** G8 Operator Suite: `plays/validation/operators` under the play-suite rule (`validation.md` §7.3). */
export const operatorSuiteGate = playSuiteGate('G8', 'Operator Suite', 'operators', 'operators');
/** G9 Structure Suite (`validation.md` §7.4). */
export const structureSuiteGate = playSuiteGate('G9', 'Structure Suite', 'structures', 'structures');
/** G10 Complexity Ladder (`validation.md` §7.5). */
export const complexityLadderGate = playSuiteGate('G10', 'Complexity Ladder', 'complexity', 'complexity');
/** G12 Indicator Suite (`validation.md` §7.6). */
export const indicatorSuiteGate = playSuiteGate('G12', 'Indicator Suite', 'indicators', 'indicators');
