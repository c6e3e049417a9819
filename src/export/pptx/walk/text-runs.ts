import type { TextRun } from '../model.ts'
import { colour, families, genericOf, px } from './css-values.ts'
import { INLINE, tagName, visible } from './boxes.ts'
import { imageOf } from './pictures.ts'
import { checkStyle } from './style-rules.ts'
import type { Walk } from './state.ts'

interface Decoration {
  underline: boolean
  strike: boolean
}

/** The runs of one paragraph being read; `pre` keeps whitespace and line breaks as they are. */
interface Runs {
  walk: Walk
  pre: boolean
  runs: TextRun[]
}

/**
 * The text runs of `nodes`, the inline content of one paragraph: one run
 * per text node in its computed font, colour and decorations. A picture in
 * the line (inline math, an icon) is added to the slide's shapes where it
 * is, and its width kept free in the text.
 */
export function runsOf(walk: Walk, nodes: Node[], pre: boolean): TextRun[] {
  const into: Runs = { walk, pre, runs: [] }
  const inherited = inheritedDecoration(nodes)
  for (const n of nodes) walkNode(into, n, inherited)
  return collapsed(into.runs, pre)
}

/** Decorations reach the text from every ancestor up to the slide. */
function inheritedDecoration(nodes: Node[]): Decoration {
  const deco = { underline: false, strike: false }
  for (let el = nodes[0]?.parentElement; el && tagName(el) !== 'foreignobject'; el = el.parentElement) {
    const line = getComputedStyle(el).textDecorationLine
    deco.underline ||= line.includes('underline')
    deco.strike ||= line.includes('line-through')
  }
  return deco
}

function walkNode(into: Runs, node: Node, deco: Decoration): void {
  if (node.nodeType === Node.TEXT_NODE) {
    textRuns(into, node, deco)
    return
  }
  if (!(node instanceof Element) || !visible(node)) return
  const tag = tagName(node)
  if (tag === 'br') {
    const prev = into.runs[into.runs.length - 1]
    if (prev) prev.breakAfter = true
    return
  }
  if (tag === 'img' || tag === 'svg') {
    const image = imageOf(into.walk, node)
    if (image) into.walk.shapes.push(image)
    gap(into, node, node.getBoundingClientRect().width)
    return
  }
  const cs = getComputedStyle(node)
  checkStyle(into.walk, node, cs)
  const line = cs.textDecorationLine
  const next = { underline: deco.underline || line.includes('underline'), strike: deco.strike || line.includes('line-through') }
  const inline = !into.pre && INLINE.test(cs.display)
  if (inline) spacer(into, node, cs, 'Left')
  for (const child of node.childNodes) walkNode(into, child, next)
  if (inline) spacer(into, node, cs, 'Right')
}

/** A text node's runs: one, or one per line in code. */
function textRuns(into: Runs, node: Node, deco: Decoration): void {
  const parent = node.parentElement
  if (!parent) return
  const cs = getComputedStyle(parent)
  const text = textOf(node, cs, into.pre)
  if (!text) return
  const base = runStyle(parent, cs, deco)
  const lines = into.pre ? text.replace(/\t/g, '    ').split('\n') : [text]
  lines.forEach((line, k) => {
    const last = k === lines.length - 1
    if (line || !last) into.runs.push({ ...base, text: line, breakAfter: !last || undefined })
  })
}

/** A text node's text as drawn: whitespace collapsed (no-break spaces kept) outside code, `text-transform` applied. */
function textOf(node: Node, cs: CSSStyleDeclaration, pre: boolean): string {
  let text = node.textContent ?? ''
  if (!pre) text = text.replace(/[\s\u00a0]+/g, (m) => (m.includes('\u00a0') ? m.replace(/[^\u00a0]/g, '') || ' ' : ' '))
  if (!text) return ''
  if (cs.textTransform === 'uppercase') return text.toUpperCase()
  if (cs.textTransform === 'lowercase') return text.toLowerCase()
  return text
}

/** The look of the text inside `parent`, as a run without text. */
function runStyle(parent: Element, cs: CSSStyleDeclaration, deco: Decoration): TextRun {
  const code = parent.closest('code')
  const link = parent.closest('a')
  return {
    text: '',
    font: families(cs.fontFamily)[0] ?? 'sans-serif',
    generic: genericOf(cs.fontFamily),
    stack: cs.fontFamily,
    size: px(cs.fontSize),
    spacing: cs.letterSpacing === 'normal' || px(cs.letterSpacing) === 0 ? undefined : px(cs.letterSpacing),
    color: colour(cs.color) ?? '#000000',
    bold: px(cs.fontWeight) >= 600 || undefined,
    italic: cs.fontStyle === 'italic' || cs.fontStyle.startsWith('oblique') || undefined,
    underline: deco.underline || undefined,
    strike: deco.strike || undefined,
    // Inline code's background; a code block's is painted as a rectangle.
    highlight: code && !code.closest('pre') ? colour(getComputedStyle(code).backgroundColor) : undefined,
    href: link?.href && /^(https?|mailto):/.test(link.href) ? link.href : undefined,
    baseline: cs.verticalAlign === 'super' ? 'super' : cs.verticalAlign === 'sub' ? 'sub' : undefined,
  }
}

/**
 * An inline element's padding, border and margin on one side (inline
 * code's padding) as a space in the text around it, in its background.
 */
function spacer(into: Runs, el: Element, cs: CSSStyleDeclaration, side: 'Left' | 'Right'): void {
  const s = side.toLowerCase()
  const width = px(cs.getPropertyValue(`padding-${s}`)) + px(cs.getPropertyValue(`border-${s}-width`)) + px(cs.getPropertyValue(`margin-${s}`))
  if (width < 0.5 || !el.textContent?.trim()) return
  gap(into, el, width, colour(cs.backgroundColor))
}

let measure: CanvasRenderingContext2D | undefined

/**
 * A no-break space `width` pixels wide in the text around `el`: a space in
 * the surrounding text's font, widened or narrowed to that width by letter
 * spacing.
 */
function gap(into: Runs, el: Element, width: number, highlight?: string): void {
  if (width < 0.5) return
  const outer = getComputedStyle(el.parentElement ?? el)
  const font = families(outer.fontFamily)[0] ?? 'sans-serif'
  const size = px(outer.fontSize)
  measure ??= document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D
  measure.font = `${size}px "${font}", ${genericOf(outer.fontFamily)}`
  const natural = measure.measureText('\u00a0').width
  const spacing = Math.round((width - natural) * 100) / 100
  into.runs.push({ text: '\u00a0', font, generic: genericOf(outer.fontFamily), size, spacing, color: colour(outer.color) ?? '#000000', highlight })
}

/** Whitespace as the browser collapses it: none at the ends of the paragraph, one between runs; empty runs dropped. */
function collapsed(runs: TextRun[], pre: boolean): TextRun[] {
  const out: TextRun[] = []
  for (const run of runs) {
    const prev = out[out.length - 1]
    if (!pre && (!prev || prev.breakAfter || prev.text.endsWith(' '))) run.text = run.text.replace(/^ +/, '')
    if (!run.text && !run.breakAfter) continue
    out.push(run)
  }
  if (pre) return out
  for (let i = out.length - 1; i >= 0; i--) {
    const run = out[i]!
    run.text = run.text.replace(/ +$/, '')
    if (run.text || run.breakAfter) break
    out.pop()
  }
  return out
}
