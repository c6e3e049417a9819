import type { TextParagraph } from '../model.ts'

/**
 * Readers of computed CSS values. Pure: they take the strings (or the few
 * properties) a `CSSStyleDeclaration` gives and touch no DOM.
 */

/** A length in pixels (`12.5px` → 12.5), 0 for anything that is not a number. */
export function px(value: string): number {
  return Number.parseFloat(value) || 0
}

/**
 * A computed `rgb()`/`rgba()` colour as `#rrggbb`, or undefined when it is
 * not one or is all but transparent. A translucent colour is drawn over
 * white: PowerPoint text has no alpha.
 */
export function colour(css: string): string | undefined {
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(css)
  if (!m) return undefined
  let alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? px(m[4]) / 100 : px(m[4])
  if (alpha < 0.05) return undefined
  alpha = Math.min(1, alpha)
  const mixed = (c: string | undefined) => Math.round(px(c ?? '0') * alpha + 255 * (1 - alpha))
  const hex = (c: string | undefined) => mixed(c).toString(16).padStart(2, '0')
  return `#${hex(m[1])}${hex(m[2])}${hex(m[3])}`
}

/** The families of a CSS `font-family` list, unquoted, in order. */
export function families(css: string): string[] {
  return css.split(',').map((f) => f.trim().replace(/^["']|["']$/g, ''))
}

const GENERIC = ['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui', 'ui-monospace']

/** The generic family a `font-family` list falls back to; `sans-serif` when it names none. */
export function genericOf(css: string): string {
  return families(css).find((f) => GENERIC.includes(f)) ?? 'sans-serif'
}

/** Pixels per line; `normal` taken as 1.2 × the font size. */
export function lineHeightOf(cs: Pick<CSSStyleDeclaration, 'lineHeight' | 'fontSize'>): number {
  return cs.lineHeight === 'normal' ? px(cs.fontSize) * 1.2 : px(cs.lineHeight)
}

/** A computed `text-align` as one of the four alignments PowerPoint has. */
export function alignOf(cs: Pick<CSSStyleDeclaration, 'textAlign'>): TextParagraph['align'] {
  const a = cs.textAlign
  if (a === 'center' || a === '-webkit-center') return 'center'
  if (a === 'right' || a === 'end' || a === '-webkit-right') return 'right'
  if (a === 'justify') return 'justify'
  return 'left'
}

/** List markers by CSS `list-style-type`: a bullet character, or pptxgenjs's numbering type. */
export const MARKERS: Readonly<Record<string, string>> = {
  disc: '•',
  circle: '◦',
  square: '▪',
  none: '',
  decimal: 'arabicPeriod',
  'lower-alpha': 'alphaLcPeriod',
  'lower-latin': 'alphaLcPeriod',
  'upper-alpha': 'alphaUcPeriod',
  'upper-latin': 'alphaUcPeriod',
  'lower-roman': 'romanLcPeriod',
  'upper-roman': 'romanUcPeriod',
}

/** The marker of a list item: its `list-style-type`'s, else a number or a bullet. */
export function markerOf(listStyleType: string, ordered: boolean): string {
  return MARKERS[listStyleType] ?? (ordered ? 'arabicPeriod' : '•')
}
