import type { Box, Shape } from '../model.ts'

/**
 * What the walk of one slide collects. Every part of the walker adds to it
 * as it meets the slide's elements, so shapes stay in painting order and
 * the reasons a slide cannot be editable in the order they were found.
 */
export interface Walk {
  /** The slide's box in the page: shapes are placed relative to its top left corner. */
  origin: DOMRect
  shapes: Shape[]
  /** Why the slide cannot be expressed as editable shapes. */
  unsupported: Set<string>
  /** The slide's text, run by run, for the model's `text`. */
  words: string[]
  /** The first heading's text, once found. */
  title: string
  /** Natural sizes of background images still loading; the walk waits for them before it returns. */
  pending: Promise<void>[]
}

export function newWalk(origin: DOMRect): Walk {
  return { origin, shapes: [], unsupported: new Set(), words: [], title: '', pending: [] }
}

/** A box of the page in the slide's coordinates. */
export function rel(walk: Walk, r: DOMRect): Box {
  return { x: r.left - walk.origin.left, y: r.top - walk.origin.top, w: r.width, h: r.height }
}
