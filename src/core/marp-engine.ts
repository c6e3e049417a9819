import { Marp } from '@marp-team/marp-core'
import { escapeHtml } from './escape-html.ts'
import { type OffsetsEngine, sourceOffsets } from './markdown-offsets.ts'

/**
 * The one place that configures marp-core. Emoji stay native characters
 * (marp-core's default loads Twemoji images from a CDN) and math renders to
 * inline SVG with MathJax, so nothing is fetched at view time.
 */
export const MARP_OPTIONS = {
  emoji: { shortcode: true, unicode: false },
  math: 'mathjax',
  minifyCSS: false,
} as const

/** A Marp instance with the project's themes registered, configured here and nowhere else. */
export function createMarp(themeCss: readonly string[] = []): Marp {
  const marp = new Marp(MARP_OPTIONS)
  for (const css of themeCss) marp.themeSet.add(css)
  packOnce(marp)
  labelMath(marp)
  recordHeadingSplits(marp)
  // References (images, links, raw HTML) are found from this engine's tokens, with their positions.
  sourceOffsets(marp.markdown as unknown as OffsetsEngine)
  return marp
}

/**
 * Marpit packs the theme's CSS (PostCSS over the whole theme) on every
 * render, which costs more than rendering a module's markdown. The packed
 * CSS is a function of the theme and the pack options of the render (the
 * deck's own styles, the math it used), as the theme set is fixed once
 * created: each distinct one is packed once per engine.
 */
function packOnce(marp: Marp): void {
  const engine = marp as unknown as { renderStyle(theme?: string): string; themeSetPackOptions(): object }
  const pack = engine.renderStyle.bind(marp)
  const packed = new Map<string, string>()
  engine.renderStyle = (theme) => {
    const key = JSON.stringify([theme ?? null, engine.themeSetPackOptions()])
    let css = packed.get(key)
    if (css === undefined) {
      css = pack(theme)
      if (packed.size > 256) packed.clear()
      packed.set(key, css)
    }
    return css
  }
}

/**
 * Where Marp's heading divider splits a deck: a core rule after Marp's own
 * records the line of each heading that starts a new slide, into the parse
 * environment of whoever asks (`headingSplits`), and does nothing otherwise.
 */
function recordHeadingSplits(marp: Marp): void {
  marp.markdown.core.ruler.after('marpit_heading_divider', 'kit_heading_splits', (state: { env: unknown; tokens: { type: string; hidden: boolean; map: [number, number] | null }[] }) => {
    const sink = (state.env as { kitHeadingSplits?: number[] } | undefined)?.kitHeadingSplits
    if (!sink) return
    state.tokens.forEach((token, i) => {
      const next = state.tokens[i + 1]
      if (token.type === 'hr' && token.hidden && next?.map) sink.push(next.map[0])
    })
  })
}

/** 0-based lines of the headings before which Marp's heading divider splits `source`. */
export function headingSplits(marp: Marp, source: string): number[] {
  const found: number[] = []
  marp.markdown.parse(source, { kitHeadingSplits: found })
  return found
}

/**
 * MathJax draws formulas as <svg role="img"> without a text alternative;
 * give each one its TeX source as its accessible name.
 */
function labelMath(marp: Marp): void {
  const rules = marp.markdown.renderer.rules as Record<string, ((tokens: { content: string }[], idx: number, ...rest: unknown[]) => string) | undefined>
  for (const name of ['marp_math_inline', 'marp_math_block']) {
    const original = rules[name]
    if (!original) continue
    rules[name] = (tokens, idx, ...rest) => {
      const html = original(tokens, idx, ...rest)
      const tex = escapeHtml((tokens[idx]?.content ?? '').trim())
      return html.replace(/<svg(?![^>]*aria-label)([^>]*role="img")/, `<svg aria-label="${tex}"$1`)
    }
  }
}

export interface RenderedDeck {
  /** One `<svg data-marpit-svg>` string per slide. */
  slides: string[]
  css: string
  /** Speaker notes per slide, as marp-core collects them. */
  notes: string[][]
}

/** Renders Marp markdown into per-slide HTML, CSS and notes. */
export function renderDeck(marp: Marp, markdown: string): RenderedDeck {
  const { html, css, comments } = marp.render(markdown, { htmlAsArray: true })
  return { slides: html as unknown as string[], css, notes: comments }
}

/** Why marp-core refuses `css` as a theme (it names none with an @theme comment), or undefined when it takes it. */
export function themeError(css: string): string | undefined {
  try {
    new Marp(MARP_OPTIONS).themeSet.add(css)
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

/** Names of the themes known to `marp` (built-in and registered). */
export function themeNames(marp: Marp): string[] {
  return [...marp.themeSet.themes()].map((t) => t.name).filter((n): n is string => Boolean(n))
}
