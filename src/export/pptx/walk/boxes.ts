import type { Box } from '../model.ts'
import { px } from './css-values.ts'
import { rel, type Walk } from './state.ts'

/** Elements laid out in a line of text (`inline`, `inline-block`, `inline-flex`…). */
export const INLINE = /^inline/

export function tagName(el: Element): string {
  return el.tagName.toLowerCase()
}

/** Whether an element is drawn at all (not `display: none`, not `visibility: hidden`). */
export function visible(el: Element): boolean {
  const cs = getComputedStyle(el)
  return cs.display !== 'none' && cs.visibility !== 'hidden'
}

/** An element's box inside its padding and border, in the slide's coordinates. */
export function contentBox(walk: Walk, el: Element): Box {
  const cs = getComputedStyle(el)
  const b = rel(walk, el.getBoundingClientRect())
  const l = px(cs.paddingLeft) + px(cs.borderLeftWidth)
  const t = px(cs.paddingTop) + px(cs.borderTopWidth)
  const r = px(cs.paddingRight) + px(cs.borderRightWidth)
  const bt = px(cs.paddingBottom) + px(cs.borderBottomWidth)
  return { x: b.x + l, y: b.y + t, w: Math.max(0, b.w - l - r), h: Math.max(0, b.h - t - bt) }
}

/** The lines a range of inline content occupies, top and bottom in the slide's coordinates; undefined when it draws nothing. */
export function linesOf(walk: Walk, nodes: Node[], lineHeight: number): { top: number; bottom: number } | undefined {
  const range = document.createRange()
  let top = Number.POSITIVE_INFINITY
  let bottom = Number.NEGATIVE_INFINITY
  for (const node of nodes) {
    range.selectNode(node)
    for (const r of range.getClientRects()) {
      if (r.width === 0 && r.height === 0) continue
      top = Math.min(top, r.top)
      bottom = Math.max(bottom, r.bottom)
    }
  }
  if (!Number.isFinite(top)) return undefined
  // Line boxes, not glyph boxes: round the extent out to whole lines.
  const glyphs = bottom - top
  const lines = Math.max(1, Math.round((glyphs + (lineHeight - Math.min(glyphs, lineHeight))) / lineHeight))
  const mid = (top + bottom) / 2
  return { top: mid - (lines * lineHeight) / 2 - walk.origin.top, bottom: mid + (lines * lineHeight) / 2 - walk.origin.top }
}

/** Whether an element holds text and only inline content (one paragraph), line breaks allowed. */
export function inlineOnly(el: Element): boolean {
  let text = false
  for (const child of el.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      if ((child.textContent ?? '').trim()) text = true
      continue
    }
    if (!(child instanceof Element)) continue
    const display = getComputedStyle(child).display
    if (display === 'none') continue
    if (tagName(child) === 'br') continue
    if (!INLINE.test(display)) return false
    if ((child.textContent ?? '').trim()) text = true
  }
  return text
}
