import type { SourcePos } from '../diagnostics';
import type { YNode } from './tree';

/**
 * Where a diagnostic about `node` points (§1.3): aliased content at the alias site with the anchor as a related
 * note, a template value at the template site with the variable as a related note.
 */
export function locate(node: YNode): { pos: SourcePos; related: { pos: SourcePos; note: string }[] } {
  const related: { pos: SourcePos; note: string }[] = [];
  if (node.via !== undefined) related.push({ pos: node.pos, note: 'value defined at this anchor' });
  if (node.kind === 'scalar' && node.fromVariable !== undefined) {
    related.push({ pos: node.fromVariable.pos, note: `variable '${node.fromVariable.name}' declared here` });
  }
  return { pos: node.via ?? node.pos, related };
}
