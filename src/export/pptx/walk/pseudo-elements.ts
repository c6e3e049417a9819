import { paint } from './paint.ts'
import { checkStyle } from './style-rules.ts'
import { textBlock } from './text-blocks.ts'
import type { Walk } from './state.ts'

type Which = '::before' | '::after'

/**
 * A pseudo-element (`::before`, `::after`) read as a real element: a span
 * with its computed style and text is put in its place, read like any
 * element (painting and text), and removed.
 */
export function pseudo(walk: Walk, el: HTMLElement, which: Which): void {
  const cs = getComputedStyle(el, which)
  const content = cs.content
  if (!content || content === 'none' || content === 'normal' || cs.display === 'none') return
  const text = generatedText(walk, el, content, which)
  if (text === undefined) return
  const copy = styledSpan(cs, text)
  if (which === '::before') el.prepend(copy)
  else el.append(copy)
  try {
    const ccs = getComputedStyle(copy)
    checkStyle(walk, copy, ccs)
    paint(walk, copy, ccs)
    if (text.trim()) {
      const block = textBlock(walk, copy, [...copy.childNodes], false)
      if (block) walk.shapes.push(block)
    }
  } finally {
    copy.remove()
  }
}

/**
 * The text of a computed `content`: its strings and `attr()` values.
 * Anything else (counters, images, quotes) is recorded as unsupported and
 * gives undefined.
 */
function generatedText(walk: Walk, el: Element, content: string, which: Which): string | undefined {
  let text = ''
  const token = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|attr\(\s*([\w-]+)\s*\)|(\S+)/g
  for (let m = token.exec(content); m; m = token.exec(content)) {
    if (m[1] !== undefined || m[2] !== undefined) text += (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1')
    else if (m[3]) text += el.getAttribute(m[3]) ?? ''
    else if (m[4]) {
      walk.unsupported.add(`generated content ${m[4].slice(0, 20)} in ${which}`)
      return undefined
    }
  }
  return text
}

/** A span with every computed property of a pseudo-element but `content`, holding `text`. */
function styledSpan(cs: CSSStyleDeclaration, text: string): HTMLSpanElement {
  const copy = document.createElement('span')
  for (let k = 0; k < cs.length; k++) {
    const name = cs.item(k)
    if (name === 'content') continue
    copy.style.setProperty(name, cs.getPropertyValue(name))
  }
  copy.textContent = text
  return copy
}
