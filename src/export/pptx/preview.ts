import { escapeHtml } from '../../core/escape-html.ts'
import { containRect, textBox } from './geometry.ts'
import type { Box, ImageShape, Shape, SlideModel, TableShape, TextParagraph, TextRun, TextShape } from './model.ts'

/**
 * Draws a `SlideModel` back as absolutely positioned HTML, placed as the
 * PPTX writer places it, so the fidelity gate can compare what the editable
 * slide will show with the slide itself in the same browser.
 */

const at = (b: Box) => `position:absolute;left:${b.x}px;top:${b.y}px;width:${b.w}px;height:${b.h}px;`
const family = (r: TextRun) => (r.stack ?? `'${r.font.replace(/'/g, '')}', ${r.generic}`).replace(/"/g, "'")

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ]
  let out = ''
  for (const [v, s] of table) {
    while (n >= v) {
      out += s
      n -= v
    }
  }
  return out
}

/** The marker PowerPoint draws for the `n`th item (1-based) of a numbered list. */
export function numberMarker(type: string, n: number): string {
  if (type.startsWith('alphaLc')) return `${String.fromCharCode(96 + (((n - 1) % 26) + 1))}.`
  if (type.startsWith('alphaUc')) return `${String.fromCharCode(64 + (((n - 1) % 26) + 1))}.`
  if (type.startsWith('romanLc')) return `${roman(n)}.`
  if (type.startsWith('romanUc')) return `${roman(n).toUpperCase()}.`
  return `${n}.`
}

function run(r: TextRun): string {
  const style = [
    `font-family:${family(r)}`,
    `font-size:${r.size}px`,
    // Exact line spacing, as PowerPoint's: runs of other sizes do not grow the line.
    'line-height:0',
    r.spacing ? `letter-spacing:${r.spacing}px` : '',
    `color:${r.color}`,
    `font-weight:${r.bold ? 700 : 400}`,
    `font-style:${r.italic ? 'italic' : 'normal'}`,
    `text-decoration:${[r.underline ? 'underline' : '', r.strike ? 'line-through' : ''].filter(Boolean).join(' ') || 'none'}`,
    r.highlight ? `background:${r.highlight}` : '',
    r.baseline ? `vertical-align:${r.baseline};font-size:${r.size * 0.7}px` : '',
  ]
  return `<span style="${style.filter(Boolean).join(';')}">${escapeHtml(r.text)}</span>${r.breakAfter ? '<br>' : ''}`
}

/** The run most of a paragraph's text is in: its font sets the line (the strut) in the preview. */
function mainRun(p: TextParagraph): TextRun | undefined {
  let best: TextRun | undefined
  for (const r of p.runs) if (!best || r.text.length > best.text.length) best = r
  return best
}

function paragraphs(list: TextParagraph[]): string {
  const counters: number[] = []
  return list
    .map((p) => {
      const runs = p.runs.map(run).join('')
      const main = mainRun(p)
      const size = main?.size ?? 16
      let marker = ''
      let pad = 0
      if (p.list) {
        const level = p.list.level
        counters.length = level + 1
        counters[level] = (counters[level] ?? p.list.start - 1) + 1
        pad = p.list.indent
        const hang = p.list.indent / (level + 1)
        const text = p.list.ordered ? numberMarker(p.list.marker, counters[level] ?? 1) : p.list.marker
        const first = p.runs[0]
        const look = first ? `font-family:${family(first)};color:${first.color};font-size:${first.size}px` : ''
        marker = `<span style="position:absolute;left:${-hang}px;${look}">${escapeHtml(text)}</span>`
      } else counters.length = 0
      return `<div style="position:relative;margin:${p.spaceBefore}px 0 0 ${pad}px;font-size:${size}px;font-family:${main ? family(main) : 'sans-serif'};line-height:${p.lineHeight}px;text-align:${p.align}">${marker}${runs || '&#8203;'}</div>`
    })
    .join('')
}

function text(shape: TextShape, slideWidth: number): string {
  const box = textBox(shape, slideWidth)
  return `<div style="${at(box)}white-space:${shape.wrap ? 'pre-wrap' : 'pre'};overflow:visible">${paragraphs(shape.paragraphs)}</div>`
}

function image(shape: ImageShape, picture: string | undefined): string {
  const src = shape.src ?? picture
  if (!src) return ''
  if (shape.fit === 'contain' && shape.src) return `<img alt="" src="${escapeHtml(src)}" style="${at(containRect(shape))}">`
  if (shape.fit === 'cover' && shape.src) return `<div style="${at(shape)}background:url('${escapeHtml(src)}') center/cover no-repeat"></div>`
  return `<img alt="" src="${escapeHtml(src)}" style="${at(shape)}">`
}

function table(shape: TableShape): string {
  const cols = shape.columns.map((w) => `<col style="width:${w}px">`).join('')
  const rows = shape.cells
    .map((row, i) => {
      const cells = row
        .map((c) => {
          const border = c.borders.map((b) => (b.width > 0 ? `${b.width}px solid ${b.color}` : 'none'))
          const style = [
            `border-top:${border[0]}`,
            `border-right:${border[1]}`,
            `border-bottom:${border[2]}`,
            `border-left:${border[3]}`,
            `padding:${c.padding.map((p) => `${p}px`).join(' ')}`,
            `vertical-align:${c.valign}`,
            c.fill ? `background:${c.fill}` : '',
          ]
          const span = `${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}`
          return `<td${span} style="${style.filter(Boolean).join(';')}">${paragraphs(c.paragraphs)}</td>`
        })
        .join('')
      return `<tr style="height:${shape.rows[i] ?? 0}px">${cells}</tr>`
    })
    .join('')
  return `<table style="position:absolute;left:${shape.x}px;top:${shape.y}px;width:${shape.w}px;border-collapse:collapse;table-layout:fixed;border-spacing:0">${cols}${rows}</table>`
}

function shapeHtml(shape: Shape, pictures: Map<Shape, string>, slideWidth: number): string {
  if (shape.kind === 'rect') return `<div style="${at(shape)}background:${shape.fill};border-radius:${shape.radius ?? 0}px"></div>`
  if (shape.kind === 'text') return text(shape, slideWidth)
  if (shape.kind === 'image') return image(shape, pictures.get(shape))
  return table(shape)
}

/** The editable slide as HTML: a `size`-sized box with every shape in painting order, fixed at `left` pixels from the page's left edge. */
export function previewHtml(model: SlideModel, pictures: Map<Shape, string>, size: { width: number; height: number }, left = 0): string {
  const shapes = model.shapes.map((s) => shapeHtml(s, pictures, size.width)).join('')
  return `<div style="all:initial;position:fixed;left:${left}px;top:0;width:${size.width}px;height:${size.height}px;overflow:hidden;z-index:2147483647;background:${model.background};display:block">${shapes}</div>`
}
