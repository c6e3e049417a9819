import { px } from './css-values.ts'
import { tagName } from './boxes.ts'
import type { Walk } from './state.ts'

/**
 * The static rules of the fidelity gate: CSS an editable slide cannot
 * show. Each finding is recorded as a reason; one reason makes the slide a
 * picture.
 */
export function checkStyle(walk: Walk, el: Element, cs: CSSStyleDeclaration): void {
  const name = `<${tagName(el)}>`
  const found = (reason: string) => walk.unsupported.add(`${reason} on ${name}`)
  if (cs.filter !== 'none') found('CSS filter')
  if (cs.backdropFilter && cs.backdropFilter !== 'none') found('CSS backdrop-filter')
  if (cs.transform !== 'none') found('CSS transform')
  if (cs.clipPath !== 'none') found('CSS clip-path')
  if (cs.maskImage && cs.maskImage !== 'none') found('CSS mask')
  if (cs.mixBlendMode !== 'normal') found('CSS mix-blend-mode')
  if (px(cs.opacity) < 0.99) found('opacity')
  if (cs.writingMode !== 'horizontal-tb') found('vertical writing')
  // A list's columns are read as one text box per column.
  if (cs.columnCount !== 'auto' && cs.columnCount !== '1' && !/^(ul|ol)$/.test(tagName(el))) found('CSS columns')
}
