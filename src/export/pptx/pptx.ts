import type { Page } from 'puppeteer-core'
import pptxgen from 'pptxgenjs'
import { fallbackReasons, type SlideVerdict } from './gate.ts'
import type { ImageShape, Shape, SlideModel } from './model.ts'
import { finishPptx } from './finish.ts'
import { timed } from '../../core/timings.ts'
import { previewHtml } from './preview.ts'
import { addWalker, walkSlideIn } from './page-walker.ts'
import { writeEditableSlide, writePictureSlide } from './writer.ts'
import { decodePng } from './png-decode.ts'
import { greyscale, shrink, ssim } from './ssim.ts'

const PptxGenJS = pptxgen as unknown as typeof pptxgen.default

/** `editable`: text boxes, tables and pictures; `images`: one picture per slide. */
export type PptxMode = 'editable' | 'images'
export const PPTX_MODES: readonly PptxMode[] = ['editable', 'images']

/** Screenshots kept between builds, per slide: an edit re-shoots only the slides it changed. */
export interface SlideShots {
  get(index: number): Promise<Uint8Array | undefined>
  put(index: number, png: Uint8Array): Promise<void>
}

/** What the exporter found on a slide, kept between builds: an edit re-reads only the slides it changed. */
export interface EditableSlide {
  model: SlideModel
  /** Pictures by the index of their shape in `model.shapes`. */
  pictures: [number, string][]
  verdict: Omit<SlideVerdict, 'index'>
}

export interface SlideResults {
  get(index: number): Promise<EditableSlide | undefined>
  put(index: number, slide: EditableSlide): Promise<void>
}

/** Device scale of the screenshots (1.5 × 1280 = 1920 px wide). */
export const SHOT_SCALE = 1.5

/** The fidelity gate compares the slide and its editable drawing at a quarter of the slide's size… */
export const GATE_SCALE = 0.25
/**
 * …averaged down from a capture at half size: Chromium drawing text directly
 * at a quarter size snaps glyphs to pixels differently in each of two equal
 * drawings, which the measure would read as a difference.
 */
const GATE_CAPTURE = 0.5

export interface PptxResult {
  data: Uint8Array
  /** One verdict per slide: its fidelity score (editable mode) and why it fell back to a picture, if it did. */
  slides: SlideVerdict[]
}

/** What the exporter made of one slide: its editable shapes (when the gate passed it), else a picture of it. */
export interface SlideRead {
  verdict: SlideVerdict
  editable?: EditableSlide
  /** The slide as a PNG, when it is a picture. */
  png?: Uint8Array
}

interface ReadOptions {
  /** The slides loaded in the page, and the index of the first in the deck (the caches and verdicts use deck indices). */
  count: number
  first?: number
  width: number
  height: number
  shots?: SlideShots
  /** Editable slides read by earlier builds. */
  results?: SlideResults
  mode?: PptxMode
  /** Slides whose editable drawing scores below this SSIM against the slide become pictures. */
  threshold?: number
}

/**
 * Reads the slides loaded in `page` (a deck, or one of its print parts) for
 * the PPTX: each slide editable where the fidelity gate passes it, else a
 * picture of it. What a slide gave is taken from `results`/`shots` when an
 * earlier run kept it.
 */
export async function readSlides(page: Page, opts: ReadOptions): Promise<SlideRead[]> {
  const mode = opts.mode ?? 'editable'
  const size = { width: opts.width, height: opts.height }
  const first = opts.first ?? 0
  // Headless Chromium only paints the front tab of a window; a screenshot
  // of a background tab never completes (the pool gives each page a window).
  await page.bringToFront()
  // Twice as wide in editable mode: the fidelity gate draws each slide's
  // editable shapes to its right and shoots both at once.
  await page.setViewport({ width: mode === 'editable' ? size.width * 2 : size.width, height: size.height, deviceScaleFactor: SHOT_SCALE })
  if (mode === 'editable') await addWalker(page)
  let shown = -1
  const show = async (local: number) => {
    if (shown !== local) await showOnly(page, local)
    shown = local
  }
  const reads: SlideRead[] = []
  for (let local = 0; local < opts.count; local++) {
    const i = first + local
    const editable = mode === 'editable' ? await readSlide(page, local, i, opts, show) : undefined
    const verdict: SlideVerdict = editable ? { ...editable.verdict, index: i } : { index: i, reasons: [] }
    if (editable && verdict.reasons.length === 0) {
      reads.push({ verdict, editable })
      continue
    }
    let png = await opts.shots?.get(i)
    if (!png) {
      await show(local)
      png = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, ...size } })
      await opts.shots?.put(i, png)
    }
    reads.push({ verdict, png })
  }
  return reads
}

/** The PPTX of a deck from its slides as `readSlides` gave them, with the speaker notes (no browser). */
export async function writePptx(reads: readonly SlideRead[], opts: { width: number; height: number; notes: string[][]; title: string; author: string }): Promise<PptxResult> {
  const pptx = presentation(opts)
  const svgFallbacks: string[][] = []
  const fonts = new Map<string, string>()
  for (const [i, read] of reads.entries()) {
    const slide = pptx.addSlide()
    if (read.editable) {
      const { model } = read.editable
      writeEditableSlide(slide, model, picturesOf(read.editable), opts.width)
      svgFallbacks.push(model.shapes.flatMap((s, k) => (s.kind === 'image' && s.src?.startsWith('data:image/svg') ? [read.editable?.pictures.find(([at]) => at === k)?.[1] ?? ''] : [])))
      for (const [font, generic] of fontsOf(model)) fonts.set(font, generic)
    } else {
      writePictureSlide(slide, `image/png;base64,${Buffer.from(read.png ?? new Uint8Array()).toString('base64')}`, read.verdict.title ?? '', opts)
      svgFallbacks.push([])
    }
    const notes = (opts.notes[i] ?? []).join('\n\n').trim()
    if (notes) slide.addNotes(notes)
  }
  const out = (await timed('pptx: pptxgenjs', () => pptx.write({ outputType: 'nodebuffer' }))) as Buffer
  return { data: await timed('pptx: finish', () => finishPptx(new Uint8Array(out), { svgFallbacks, fonts })), slides: reads.map((r) => r.verdict) }
}

/** An editable slide's pictures by shape. */
function picturesOf(slide: EditableSlide): Map<Shape, string> {
  const shapes = slide.model.shapes
  return new Map(slide.pictures.flatMap(([k, data]) => (shapes[k] ? [[shapes[k], data] as const] : [])))
}

function presentation(opts: { width: number; height: number; title: string; author: string }): pptxgen.default {
  const pptx = new PptxGenJS()
  pptx.defineLayout({ name: 'KIT', width: 13.333, height: (13.333 * opts.height) / opts.width })
  pptx.layout = 'KIT'
  pptx.title = opts.title
  pptx.author = opts.author
  pptx.company = ''
  pptx.subject = opts.title
  return pptx
}

/** A slide's editable shapes, pictures and verdict: from an earlier build, else read from the page (where it is slide `local`) and judged by the gate. */
async function readSlide(page: Page, local: number, i: number, opts: ReadOptions, show: (local: number) => Promise<void>): Promise<EditableSlide> {
  const known = await opts.results?.get(i)
  if (known) return known
  const size = { width: opts.width, height: opts.height }
  await show(local)
  const model = await timed('pptx: walk', () => walkSlideIn(page, local))
  const pictures = new Map<Shape, string>()
  for (const shape of model.shapes) {
    if (shape.kind !== 'image') continue
    if (shape.src?.startsWith('data:image/svg')) pictures.set(shape, await rasterize(page, shape, size.width))
    else if (shape.shot) pictures.set(shape, await shoot(page, shape, shape.shot === 'paint', size))
  }
  const score = model.unsupported.length > 0 ? undefined : await timed('pptx: gate', () => fidelity(page, model, pictures, size))
  const read: EditableSlide = {
    model,
    pictures: [...pictures].map(([shape, data]) => [model.shapes.indexOf(shape), data]),
    verdict: { score, title: model.title, reasons: fallbackReasons(model.unsupported, score, opts.threshold) },
  }
  await opts.results?.put(i, read)
  return read
}

/** Every font a slide's text uses, with its generic family. */
function fontsOf(model: SlideModel): Map<string, string> {
  const fonts = new Map<string, string>()
  for (const shape of model.shapes) {
    const paragraphs = shape.kind === 'text' ? shape.paragraphs : shape.kind === 'table' ? shape.cells.flat().flatMap((c) => c.paragraphs) : []
    for (const p of paragraphs) for (const r of p.runs) fonts.set(r.font, r.generic)
  }
  return fonts
}

async function showOnly(page: Page, index: number): Promise<void> {
  await page.evaluate((i) => {
    const slides = document.querySelectorAll<SVGElement>('div.marpit > svg[data-marpit-svg]')
    slides.forEach((svg, k) => {
      svg.style.display = k === i ? 'block' : 'none'
    })
  }, index)
}

/** A screenshot of a box of the slide as a PNG data URL, or of the slide's painting alone (its content hidden). */
async function shoot(page: Page, box: { x: number; y: number; w: number; h: number }, paintOnly: boolean, size: { width: number; height: number }): Promise<string> {
  if (paintOnly) {
    await page.evaluate(() => {
      const style = document.createElement('style')
      style.id = 'kit-paint-only'
      style.textContent = 'div.marpit section > *, div.marpit section::before, div.marpit section::after { visibility: hidden !important; }'
      document.head.append(style)
    })
  }
  try {
    const x = Math.max(0, Math.floor(box.x))
    const y = Math.max(0, Math.floor(box.y))
    const clip = { x, y, width: Math.max(1, Math.min(size.width - x, Math.ceil(box.w + box.x - x))), height: Math.max(1, Math.min(size.height - y, Math.ceil(box.h + box.y - y))) }
    // A background (a gradient) compresses far better as JPEG.
    if (paintOnly) return `data:image/jpeg;base64,${Buffer.from(await page.screenshot({ type: 'jpeg', quality: 90, clip })).toString('base64')}`
    return `data:image/png;base64,${Buffer.from(await page.screenshot({ type: 'png', clip })).toString('base64')}`
  } finally {
    if (paintOnly) await page.evaluate(() => document.getElementById('kit-paint-only')?.remove())
  }
}

/**
 * An SVG image drawn as PNG at its own size, at most the slide's width: the
 * fallback for readers without SVG. The same SVG on several slides gives the
 * same PNG, stored once.
 */
async function rasterize(page: Page, image: ImageShape, maxWidth: number): Promise<string> {
  return page.evaluate(
    async (src, max) => {
      const img = new Image()
      img.src = src
      await img.decode()
      const scale = Math.min(1, max / Math.max(1, img.naturalWidth))
      const canvas = document.createElement('canvas')
      canvas.width = Math.max(1, Math.round(img.naturalWidth * scale))
      canvas.height = Math.max(1, Math.round(img.naturalHeight * scale))
      canvas.getContext('2d')?.drawImage(img, 0, 0, canvas.width, canvas.height)
      return canvas.toDataURL('image/png')
    },
    image.src ?? '',
    maxWidth,
  )
}

/** SSIM between the slide and the drawing of its editable shapes beside it, shot small in greyscale. */
async function fidelity(page: Page, model: SlideModel, pictures: Map<Shape, string>, size: { width: number; height: number }): Promise<number> {
  await page.evaluate(
    async (html) => {
      const holder = document.createElement('div')
      holder.id = 'kit-pptx-preview'
      holder.innerHTML = html
      document.body.append(holder)
      await Promise.all([...holder.querySelectorAll('img')].map((img) => img.decode().catch(() => undefined)))
      await document.fonts.ready
    },
    previewHtml(model, pictures, size, size.width),
  )
  let both: Uint8Array
  try {
    // The clip's scale multiplies the device scale of the viewport.
    both = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: size.width * 2, height: size.height, scale: GATE_CAPTURE / SHOT_SCALE }, optimizeForSpeed: true })
  } finally {
    await page.evaluate(() => document.getElementById('kit-pptx-preview')?.remove())
  }
  const w = Math.round(size.width * GATE_SCALE)
  const h = Math.round(size.height * GATE_SCALE)
  const image = decodePng(both)
  const grey = shrink(greyscale(image.rgba), image.width, image.height, w * 2, h)
  const half = (from: number) => {
    const out = new Float32Array(w * h)
    for (let y = 0; y < h; y++) out.set(grey.subarray(y * w * 2 + from, y * w * 2 + from + w), y * w)
    return out
  }
  return ssim(half(0), half(w), w, h)
}
