import type { BorderSide } from '../model.ts'
import { colour, px } from './css-values.ts'
import { tagName } from './boxes.ts'
import { rel, type Walk } from './state.ts'

type Side = 'Top' | 'Right' | 'Bottom' | 'Left'

/** One side of an element's border: its width (0 when none) and colour. */
export function border(cs: CSSStyleDeclaration, side: Side): BorderSide {
  const name = `border-${side.toLowerCase()}`
  const style = cs.getPropertyValue(`${name}-style`)
  const width = style === 'none' || style === 'hidden' ? 0 : px(cs.getPropertyValue(`${name}-width`))
  return { width, color: colour(cs.getPropertyValue(`${name}-color`)) ?? '#000000' }
}

/**
 * An element's own painting as rectangles: its background colour (unless
 * `skipBackground`, when the slide background shows it) and each border
 * side. A background image cannot be drawn this way and is recorded.
 */
export function paint(walk: Walk, el: Element, cs: CSSStyleDeclaration, skipBackground = false): void {
  const b = rel(walk, el.getBoundingClientRect())
  if (b.w < 0.5 || b.h < 0.5) return
  const fill = colour(cs.backgroundColor)
  const radius = px(cs.borderTopLeftRadius)
  if (fill && !skipBackground) walk.shapes.push({ kind: 'rect', ...b, fill, radius: radius > 0 ? radius : undefined })
  if (!skipBackground && cs.backgroundImage !== 'none') walk.unsupported.add(`background image on <${tagName(el)}>`)
  const [t, r, bt, l] = (['Top', 'Right', 'Bottom', 'Left'] as const).map((s) => border(cs, s)) as [BorderSide, BorderSide, BorderSide, BorderSide]
  if (t.width > 0) walk.shapes.push({ kind: 'rect', x: b.x, y: b.y, w: b.w, h: t.width, fill: t.color })
  if (bt.width > 0) walk.shapes.push({ kind: 'rect', x: b.x, y: b.y + b.h - bt.width, w: b.w, h: bt.width, fill: bt.color })
  if (l.width > 0) walk.shapes.push({ kind: 'rect', x: b.x, y: b.y, w: l.width, h: b.h, fill: l.color })
  if (r.width > 0) walk.shapes.push({ kind: 'rect', x: b.x + b.w - r.width, y: b.y, w: r.width, h: b.h, fill: r.color })
}
