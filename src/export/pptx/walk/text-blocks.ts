import type { TextShape } from '../model.ts'
import { alignOf, lineHeightOf } from './css-values.ts'
import { contentBox, linesOf } from './boxes.ts'
import { runsOf } from './text-runs.ts'
import type { Walk } from './state.ts'

/**
 * One paragraph (`nodes`, the inline content of `el`) as a text box in
 * `el`'s content box; undefined when it has no text. Its first line keeps
 * its distance from the box's top.
 */
export function textBlock(walk: Walk, el: Element, nodes: Node[], pre: boolean): TextShape | undefined {
  const cs = getComputedStyle(el)
  const runs = runsOf(walk, nodes, pre)
  if (runs.length === 0) return undefined
  const box = contentBox(walk, el)
  const lineHeight = lineHeightOf(cs)
  const lines = linesOf(walk, nodes, lineHeight)
  const spaceBefore = lines ? Math.max(0, lines.top - box.y) : 0
  for (const r of runs) walk.words.push(r.text)
  // A line that fits on one line here must stay one line in PowerPoint.
  const oneLine = lines !== undefined && lines.bottom - lines.top < lineHeight * 1.5 && !runs.some((r) => r.breakAfter)
  const wrap = !pre && !oneLine && cs.whiteSpace !== 'nowrap' && cs.whiteSpace !== 'pre'
  return { kind: 'text', ...box, wrap, paragraphs: [{ runs, align: alignOf(cs), spaceBefore, lineHeight }] }
}
