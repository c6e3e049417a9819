import type { ImageShape } from '../model.ts'
import { colour } from './css-values.ts'
import { rel, type Walk } from './state.ts'

/**
 * The slide's own painting: the first section's colour is the slide
 * background; a gradient or image on any section is a picture of the
 * background alone, shot from the page without the content (`painted`).
 */
export function slideBackground(walk: Walk, sections: HTMLElement[]): { background: string; painted: boolean } {
  const first = sections[0]
  const background = (first && colour(getComputedStyle(first).backgroundColor)) ?? '#ffffff'
  const painted = sections.some((s) => getComputedStyle(s).backgroundImage !== 'none')
  if (painted) walk.shapes.push({ kind: 'image', x: 0, y: 0, w: walk.origin.width, h: walk.origin.height, shot: 'paint' })
  return { background, painted }
}

/**
 * A Marp background image (`![bg](…)`, a figure in the advanced
 * background container) as a picture filling its figure: `cover`,
 * `contain`, or shot from the page when sized otherwise. Its natural size
 * is read as the image loads; the walk waits for it.
 */
export function backgroundFigure(walk: Walk, figure: HTMLElement): void {
  const cs = getComputedStyle(figure)
  const box = rel(walk, figure.getBoundingClientRect())
  const fill = colour(cs.backgroundColor)
  if (fill) walk.shapes.push({ kind: 'rect', ...box, fill })
  const m = /url\("?(data:[^")]+)"?\)/.exec(cs.backgroundImage)
  if (!m?.[1]) {
    if (cs.backgroundImage !== 'none') walk.unsupported.add('a background that is not an image')
    return
  }
  const size = cs.backgroundSize
  const image: ImageShape = {
    kind: 'image',
    ...box,
    src: m[1],
    fit: size === 'contain' ? 'contain' : size === 'cover' || size === 'auto' ? 'cover' : undefined,
    shot: m[1].startsWith('data:image/svg') ? 'box' : undefined,
  }
  if (size !== 'cover' && size !== 'contain' && size !== 'auto') image.shot = 'box'
  walk.shapes.push(image)
  walk.pending.push(
    naturalSize(m[1]).then((n) => {
      image.natural = n
    }),
  )
}

/** An image's natural size once loaded; 0 × 0 when it cannot be decoded. */
function naturalSize(src: string): Promise<{ w: number; h: number }> {
  return new Promise((resolve) => {
    const img = new Image()
    img.onload = () => resolve({ w: img.naturalWidth, h: img.naturalHeight })
    img.onerror = () => resolve({ w: 0, h: 0 })
    img.src = src
  })
}
