import type { Box, ImageShape, TextShape } from './model.ts'

/**
 * Geometry shared by the PPTX writer and the preview the fidelity gate
 * draws, so both place every shape the same way.
 */

/**
 * A wrapping text box a little wider than the browser's line box: another
 * renderer's glyph widths differ by a few per cent, and a line that fitted
 * must not wrap. The box grows away from its alignment edge.
 */
export function textBox(shape: TextShape, slideWidth: number): Box {
  if (!shape.wrap) return { x: shape.x, y: shape.y, w: Math.max(shape.w, 1), h: shape.h }
  const extra = Math.min(shape.w * 0.001 + 1, Math.max(0, slideWidth - shape.w))
  const align = shape.paragraphs[0]?.align ?? 'left'
  const shift = align === 'center' ? extra / 2 : align === 'right' ? extra : 0
  const x = Math.max(0, Math.min(shape.x - shift, slideWidth - shape.w - extra))
  return { x, y: shape.y, w: shape.w + extra, h: shape.h }
}

/** Where an image with `fit: contain` lands inside its box (centred). */
export function containRect(image: ImageShape): Box {
  const n = image.natural
  if (!n || n.w <= 0 || n.h <= 0) return { x: image.x, y: image.y, w: image.w, h: image.h }
  const scale = Math.min(image.w / n.w, image.h / n.h)
  const w = n.w * scale
  const h = n.h * scale
  return { x: image.x + (image.w - w) / 2, y: image.y + (image.h - h) / 2, w, h }
}

/** The OOXML pitch-and-family byte for a CSS generic family: how PowerPoint picks a substitute for a missing font. */
export function pitchFamily(generic: string): number {
  if (generic === 'monospace' || generic === 'ui-monospace') return 49
  if (generic === 'serif') return 18
  return 34
}

/** A concrete font for a CSS generic family named alone. */
export function concreteFont(font: string): string {
  const generic: Record<string, string> = {
    'sans-serif': 'Arial',
    'system-ui': 'Arial',
    serif: 'Times New Roman',
    monospace: 'Courier New',
    'ui-monospace': 'Courier New',
    cursive: 'Comic Sans MS',
    fantasy: 'Impact',
  }
  return generic[font] ?? font
}
