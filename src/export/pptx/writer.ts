import type pptxgen from 'pptxgenjs'
import { concreteFont, containRect, textBox } from './geometry.ts'
import { svgForOffice } from './svg.ts'
import { PT_PER_PX, PX_PER_INCH, type ImageShape, type Shape, type SlideModel, type TableShape, type TextParagraph, type TextShape } from './model.ts'

type Slide = pptxgen.default.Slide
type TextProps = pptxgen.default.TextProps
type TableCell = pptxgen.default.TableCell

/** Object name of the text box that post-processing turns into the slide's title placeholder. */
export const TITLE_NAME = 'kit-slide-title'

const inch = (px: number) => px / PX_PER_INCH
const pt = (px: number) => Math.round(px * PT_PER_PX * 100) / 100
const hex = (c: string) => c.replace(/^#/, '').toUpperCase()

/** The runs of paragraphs as pptxgenjs text: paragraph settings on every run, a break after each paragraph. */
export function textRuns(paragraphs: TextParagraph[]): TextProps[] {
  const out: TextProps[] = []
  paragraphs.forEach((p, i) => {
    const runs = p.runs.length > 0 ? p.runs : [{ text: '', font: 'Arial', generic: 'sans-serif', size: 16, color: '#000000' }]
    const list = p.list
    const para = {
      align: p.align,
      lineSpacing: pt(p.lineHeight),
      paraSpaceBefore: pt(p.spaceBefore),
      ...(list
        ? {
            indentLevel: list.level,
            bullet: list.ordered
              ? { type: 'number' as const, style: list.marker, numberType: list.marker as 'arabicPeriod', numberStartAt: list.start, indent: pt(list.indent / (list.level + 1)) }
              : list.marker
                ? { characterCode: list.marker.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'), indent: pt(list.indent / (list.level + 1)) }
                : false,
          }
        : { bullet: false as const }),
    }
    runs.forEach((r, k) => {
      const prev = runs[k - 1]
      out.push({
        text: r.text,
        options: {
          ...para,
          fontFace: concreteFont(r.font),
          fontSize: pt(r.size),
          charSpacing: r.spacing ? pt(r.spacing) : undefined,
          color: hex(r.color),
          bold: r.bold,
          italic: r.italic,
          underline: r.underline ? { style: 'sng' } : undefined,
          strike: r.strike ? 'sngStrike' : undefined,
          highlight: r.highlight ? hex(r.highlight) : undefined,
          hyperlink: r.href ? { url: r.href } : undefined,
          superscript: r.baseline === 'super' || undefined,
          subscript: r.baseline === 'sub' || undefined,
          softBreakBefore: prev?.breakAfter || undefined,
          breakLine: k === runs.length - 1 && i < paragraphs.length - 1 ? true : undefined,
        },
      })
    })
  })
  return out
}

function addText(slide: Slide, shape: TextShape, slideWidth: number): void {
  const box = textBox(shape, slideWidth)
  slide.addText(textRuns(shape.paragraphs), {
    x: inch(box.x),
    y: inch(box.y),
    w: inch(box.w),
    h: inch(Math.max(box.h, 1)),
    margin: 0,
    valign: 'top',
    wrap: shape.wrap,
    fit: 'shrink',
    isTextBox: true,
    objectName: shape.title ? TITLE_NAME : undefined,
  })
}

function addImage(slide: Slide, shape: ImageShape, picture: string | undefined): void {
  const data = shape.src ? svgForOffice(shape.src) : picture
  if (!data) return
  const src = data.replace(/^data:/, '')
  const alt = shape.alt || undefined
  if (shape.fit === 'contain' && shape.src) {
    const r = containRect(shape)
    slide.addImage({ data: src, x: inch(r.x), y: inch(r.y), w: inch(r.w), h: inch(r.h), altText: alt })
    return
  }
  if (shape.fit === 'cover' && shape.src && shape.natural && shape.natural.w > 0) {
    const h = (shape.w * shape.natural.h) / shape.natural.w
    slide.addImage({ data: src, x: inch(shape.x), y: inch(shape.y), w: inch(shape.w), h: inch(h), sizing: { type: 'cover', w: inch(shape.w), h: inch(shape.h) }, altText: alt })
    return
  }
  slide.addImage({ data: src, x: inch(shape.x), y: inch(shape.y), w: inch(shape.w), h: inch(shape.h), altText: alt })
}

function addTable(slide: Slide, shape: TableShape): void {
  const rows: TableCell[][] = shape.cells.map((row) =>
    row.map((cell) => ({
      text: textRuns(cell.paragraphs),
      options: {
        fill: cell.fill ? { color: hex(cell.fill) } : undefined,
        border: cell.borders.map((b) => (b.width > 0 ? { type: 'solid' as const, pt: pt(b.width), color: hex(b.color) } : { type: 'none' as const })) as [
          pptxgen.default.BorderProps,
          pptxgen.default.BorderProps,
          pptxgen.default.BorderProps,
          pptxgen.default.BorderProps,
        ],
        margin: cell.padding.map(inch) as [number, number, number, number],
        valign: cell.valign,
        colspan: cell.colspan > 1 ? cell.colspan : undefined,
        rowspan: cell.rowspan > 1 ? cell.rowspan : undefined,
      },
    })),
  )
  slide.addTable(rows, { x: inch(shape.x), y: inch(shape.y), w: inch(shape.w), colW: shape.columns.map(inch), rowH: shape.rows.map(inch), autoPage: false })
}

function addShape(slide: Slide, shape: Shape, pictures: Map<Shape, string>, slideWidth: number): void {
  if (shape.kind === 'rect') {
    const radius = shape.radius ? Math.min(0.5, shape.radius / Math.max(1, Math.min(shape.w, shape.h))) : 0
    slide.addShape(radius > 0 ? 'roundRect' : 'rect', {
      x: inch(shape.x),
      y: inch(shape.y),
      w: inch(shape.w),
      h: inch(shape.h),
      fill: { color: hex(shape.fill) },
      line: { type: 'none' },
      rectRadius: radius > 0 ? radius : undefined,
    })
  } else if (shape.kind === 'text') addText(slide, shape, slideWidth)
  else if (shape.kind === 'image') addImage(slide, shape, pictures.get(shape))
  else addTable(slide, shape)
}

/** Adds one editable slide: background, then every shape in painting order. */
export function writeEditableSlide(slide: Slide, model: SlideModel, pictures: Map<Shape, string>, slideWidth: number): void {
  // A painted background (a gradient) is the slide's background picture, behind every shape.
  const paint = model.shapes.find((s) => s.kind === 'image' && s.shot === 'paint')
  const picture = paint && pictures.get(paint)
  slide.background = picture ? { data: picture.replace(/^data:/, '') } : { color: hex(model.background) }
  for (const shape of model.shapes) if (shape !== paint) addShape(slide, shape, pictures, slideWidth)
}

/** A picture slide (`data` as pptxgenjs takes it: `image/png;base64,…`), with the title behind the picture so PowerPoint's outline still names the slide. */
export function writePictureSlide(slide: Slide, data: string, title: string, size: { width: number; height: number }): void {
  if (title) slide.addText(title, { x: 0, y: 0, w: inch(size.width), h: 0.5, fontSize: 12, color: 'FFFFFF', objectName: TITLE_NAME })
  slide.addImage({ data, x: 0, y: 0, w: inch(size.width), h: inch(size.height) })
}
