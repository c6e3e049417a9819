import { backgroundFigure } from './backgrounds.ts'
import { inlineOnly, tagName, visible } from './boxes.ts'
import { listShape } from './lists.ts'
import { paint } from './paint.ts'
import { imageOf } from './pictures.ts'
import { pseudo } from './pseudo-elements.ts'
import { checkStyle } from './style-rules.ts'
import { tableShape } from './tables.ts'
import { textBlock } from './text-blocks.ts'
import type { Walk } from './state.ts'

/** Elements an editable slide cannot hold: the slide becomes a picture. */
const EMBEDDED = /^(video|audio|iframe|canvas|object|embed)$/

/**
 * Reads one element of a slide and what it contains into shapes: a
 * picture, a background image, a table, or its painting followed by its
 * content (a list, code, a paragraph, or its child elements in turn).
 */
export function visit(walk: Walk, el: Element): void {
  if (!visible(el)) return
  const tag = tagName(el)
  const cs = getComputedStyle(el)
  checkStyle(walk, el, cs)
  if (EMBEDDED.test(tag)) {
    walk.unsupported.add(`<${tag}>`)
    return
  }
  if (tag === 'img' || tag === 'svg') {
    const image = imageOf(walk, el)
    if (image) walk.shapes.push(image)
    return
  }
  if (tag === 'figure' && el.parentElement?.hasAttribute('data-marpit-advanced-background-container')) {
    backgroundFigure(walk, el as HTMLElement)
    return
  }
  paint(walk, el, cs)
  if (tag === 'table') {
    const t = tableShape(walk, el as HTMLTableElement)
    if (t) walk.shapes.push(t)
    return
  }
  if (el instanceof HTMLElement) pseudo(walk, el, '::before')
  content(walk, el, tag)
  if (el instanceof HTMLElement) pseudo(walk, el, '::after')
}

/** A block's content: a list, code, one paragraph of inline content (the first heading is the title), or child blocks. */
function content(walk: Walk, el: Element, tag: string): void {
  if (tag === 'ul' || tag === 'ol') {
    walk.shapes.push(...listShape(walk, el as HTMLElement))
    return
  }
  if (tag === 'pre' || inlineOnly(el)) {
    const block = textBlock(walk, el, [...el.childNodes], tag === 'pre')
    if (!block) return
    if (!walk.title && /^h[1-6]$/.test(tag)) {
      block.title = true
      walk.title = block.paragraphs[0]?.runs.map((r) => r.text).join('') ?? ''
    }
    walk.shapes.push(block)
    return
  }
  for (const child of el.childNodes) {
    if (child.nodeType === Node.TEXT_NODE && (child.textContent ?? '').trim()) walk.unsupported.add(`text beside blocks in <${tag}>`)
  }
  for (const child of el.children) visit(walk, child)
}
