import { Marp } from '@marp-team/marp-core'

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

/** A Marp instance with the project's themes registered. */
export function createMarp(themeCss: readonly string[] = []): Marp {
  const marp = new Marp(MARP_OPTIONS)
  for (const css of themeCss) marp.themeSet.add(css)
  return marp
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

/** Names of the themes known to `marp` (built-in and registered). */
export function themeNames(marp: Marp): string[] {
  return [...marp.themeSet.themes()].map((t) => t.name).filter((n): n is string => Boolean(n))
}
