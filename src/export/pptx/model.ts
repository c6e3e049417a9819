/**
 * What the editable PPTX exporter reads off a laid-out slide: positioned
 * shapes in CSS pixels of the slide (1280 × 720 for 16:9), in painting order.
 * The walker (`walk/`, bundled as `walk.browser.ts`) produces it in the
 * browser; the writer (`write.ts`) turns it into PowerPoint shapes and the
 * preview (`preview.ts`) draws it back as HTML for the fidelity gate.
 */

export interface Box {
  x: number
  y: number
  w: number
  h: number
}

export interface TextRun {
  text: string
  /** CSS family name as the deck names it, e.g. `Inter`. */
  font: string
  /** The generic family the deck falls back to (`sans-serif`, `serif`, `monospace`). */
  generic: string
  /** The whole CSS font stack, for glyphs the first font lacks (the preview draws with it). */
  stack?: string
  /** Pixels. */
  size: number
  /** Letter spacing in pixels (CSS `letter-spacing`), when not 0. */
  spacing?: number
  /** `#rrggbb`. */
  color: string
  bold?: boolean
  italic?: boolean
  underline?: boolean
  strike?: boolean
  /** Background of inline code, `#rrggbb`. */
  highlight?: string
  href?: string
  baseline?: 'super' | 'sub'
  /** A line break (`<br>` or a newline in code) follows this run. */
  breakAfter?: boolean
}

export interface TextParagraph {
  runs: TextRun[]
  align: 'left' | 'center' | 'right' | 'justify'
  /** Pixels from the paragraph's first line to the box top (first paragraph) or the previous paragraph's last line. */
  spaceBefore: number
  /** Pixels per line. */
  lineHeight: number
  /** List item: its depth (0 = top), the marker and the text's indent from the box's left edge. */
  list?: { level: number; ordered: boolean; start: number; marker: string; indent: number }
}

export interface TextShape extends Box {
  kind: 'text'
  paragraphs: TextParagraph[]
  /** Code blocks keep their line breaks and never wrap. */
  wrap: boolean
  /** This box is the slide's title (the first heading). */
  title?: boolean
}

export interface RectShape extends Box {
  kind: 'rect'
  fill: string
  radius?: number
}

export interface ImageShape extends Box {
  kind: 'image'
  /** A data: URL (PNG, JPEG, GIF or SVG), or absent when only a screenshot can show it. */
  src?: string
  /** `cover` / `contain` as CSS `background-size` or `object-fit` sized it, else the box itself. */
  fit?: 'cover' | 'contain'
  /** Natural size of the image, for `fit`. */
  natural?: { w: number; h: number }
  /** Taken from a screenshot: of the box (an SVG's PNG fallback, or the picture itself when there is no `src`), or of the slide's background alone (`paint`). */
  shot?: 'box' | 'paint'
  alt?: string
}

export interface TableCell {
  paragraphs: TextParagraph[]
  fill?: string
  /** Top, right, bottom, left: width in pixels and colour. */
  borders: [BorderSide, BorderSide, BorderSide, BorderSide]
  /** Top, right, bottom, left padding in pixels. */
  padding: [number, number, number, number]
  valign: 'top' | 'middle' | 'bottom'
  colspan: number
  rowspan: number
}

export interface BorderSide {
  width: number
  color: string
}

export interface TableShape extends Box {
  kind: 'table'
  columns: number[]
  rows: number[]
  /** One row of cells per row; a cell covered by a span is absent from its row. */
  cells: TableCell[][]
}

export type Shape = TextShape | RectShape | ImageShape | TableShape

export interface SlideModel {
  /** Slide background colour, `#rrggbb`. */
  background: string
  shapes: Shape[]
  /** The slide's title for PowerPoint's outline (its first heading, or empty). */
  title: string
  /** Why this slide cannot be expressed as editable shapes; empty when it can. */
  unsupported: string[]
  /** Every word of the slide's text as the walker read it. */
  text: string
}

/** What the walker's script puts in the page, as `globalThis.kitPptxWalk`. */
export interface PptxWalker {
  /** Reads slide `index` (from 0) of the laid-out deck. */
  walkSlide(index: number): Promise<SlideModel>
}

export const PX_PER_INCH = 96
export const PT_PER_PX = 0.75
