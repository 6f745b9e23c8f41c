import type { Operand } from '../conditions/ast';
import { type ExprContext, parseVerboseRefOperand } from '../conditions/parse';
import type { YMap } from '../yaml/tree';

/** An intent metadata ref (`{feature_id, field?, offset?}`), resolved at the tick by the engine. */
export function parseMetadataRef(node: YMap, path: string, ectx: ExprContext): Operand | undefined {
  return parseVerboseRefOperand(node, path, ectx)?.operand;
}
