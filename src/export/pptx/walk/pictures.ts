import type { ImageShape } from '../model.ts'
import { contentBox } from './boxes.ts'
import type { Walk } from './state.ts'

/** An inline `<svg>` as a standalone SVG data URL at its drawn size, `currentColor` resolved. */
export function svgSource(el: SVGElement): string {
  const copy = el.cloneNode(true) as SVGElement
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg')
  const b = el.getBoundingClientRect()
  copy.setAttribute('width', String(b.width))
  copy.setAttribute('height', String(b.height))
  const text = new XMLSerializer().serializeToString(copy).replace(/currentColor/g, getComputedStyle(el).color)
  return `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(text)))}`
}

/**
 * An `<img>` or `<svg>` as a picture in its content box. An image that is
 * not a data: URL, and every SVG (for its PNG fallback), is also shot from
 * the page; undefined when the box is empty.
 */
export function imageOf(walk: Walk, el: Element): ImageShape | undefined {
  const box = contentBox(walk, el)
  if (box.w < 1 || box.h < 1) return undefined
  if (el instanceof HTMLImageElement) {
    const src = el.currentSrc || el.src
    if (!src.startsWith('data:')) return { kind: 'image', ...box, shot: 'box', alt: el.alt }
    const fit = getComputedStyle(el).objectFit
    const natural = { w: el.naturalWidth, h: el.naturalHeight }
    return { kind: 'image', ...box, src, fit: fit === 'cover' || fit === 'contain' ? fit : undefined, natural, shot: src.startsWith('data:image/svg') ? 'box' : undefined, alt: el.alt }
  }
  if (el instanceof SVGElement) return { kind: 'image', ...box, src: svgSource(el), shot: 'box', alt: el.getAttribute('aria-label') ?? '' }
  return undefined
}
