import { escapeHtml } from '../../core/escape-html.ts'
import type { DeckPart } from './assemble-deck.ts'

/**
 * A deck as the browser prints it: one page per slide, in parts. Each part
 * is printed by itself and the parts' PDFs are merged, so an edit reprints
 * the parts it touched, the learners' deck shares with the instructor's
 * every part but the knowledge checks, and the browser never holds a whole
 * large deck at once.
 */

export const SLIDE_SIZES = { '16:9': { width: 1280, height: 720 }, '4:3': { width: 960, height: 720 } } as const

/** A run of a deck's slides with the HTML that prints them, fonts included. */
export interface PrintPart {
  /** Index of the first slide (0-based) and number of slides. */
  first: number
  count: number
  html: string
}

/**
 * The most slides in one part: a module longer than this is printed in
 * parts of at most this many slides (its memory in the browser is bounded).
 */
export const PRINT_PART_MAX = 40

/**
 * Where a deck is cut into parts: before each module's divider, and around
 * each run of knowledge checks (the learners' differ from the instructor's
 * by their last slide); generated slides between modules (breaks,
 * exercises) go with the part before them.
 * Cuts follow the deck's structure, not its length, so an edit that adds a
 * slide to one module moves no other part's boundaries.
 */
export function printRanges(parts: readonly DeckPart[], count: number, max = PRINT_PART_MAX): { first: number; count: number }[] {
  const cuts = new Set<number>([0, count])
  for (const part of parts) {
    if (part.kind === 'divider') cuts.add(part.first)
    if (part.kind === 'quiz') {
      cuts.add(part.first)
      cuts.add(part.first + part.count)
    }
  }
  const edges = [...cuts].filter((c) => c >= 0 && c <= count).sort((a, b) => a - b)
  const ranges: { first: number; count: number }[] = []
  for (let i = 0; i + 1 < edges.length; i++) {
    const from = edges[i] ?? 0
    const to = edges[i + 1] ?? count
    const pieces = Math.ceil((to - from) / max)
    for (let k = 0; k < pieces; k++) {
      const first = from + Math.floor(((to - from) * k) / pieces)
      const last = from + Math.floor(((to - from) * (k + 1)) / pieces)
      if (last > first) ranges.push({ first, count: last - first })
    }
  }
  return ranges
}

/** HTML that lays slides out one per printed page (Marp's inline SVG). */
export function slidesPrintHtml(opts: { slides: readonly string[]; css: string; fonts: string; lang: string; title: string; width: number; height: number }): string {
  const { width, height } = opts
  return `<!DOCTYPE html><html lang="${opts.lang}"><head><meta charset="utf-8"><title>${escapeHtml(opts.title)}</title>
<style>${opts.fonts}
${opts.css}
@page { size: ${width}px ${height}px; margin: 0; }
html, body { margin: 0; padding: 0; background: #fff; }
div.marpit > svg[data-marpit-svg] { display: block; width: ${width}px; height: ${height}px; break-after: page; }
div.marpit > svg[data-marpit-svg]:last-child { break-after: auto; }
</style></head><body><div class="marpit">${opts.slides.join('')}</div></body></html>`
}
