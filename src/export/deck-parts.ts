import type { Page } from 'puppeteer-core'
import type { Audience } from '../core/audience.ts'
import { timed } from '../core/timings.ts'
import type { PrintPart } from '../render/deck/print-html.ts'
import type { DeckRender, RenderedEdition } from '../render/edition.ts'
import { hashKey, type ArtefactCache, type CachedResult } from './cache.ts'
import type { ExportJob } from './export-job.ts'
import { measureOverflow, type SlideOverflow } from './overflow.ts'
import { FIDELITY_THRESHOLD } from './pptx/gate.ts'
import { readSlides, SHOT_SCALE, type EditableSlide, type PptxMode, type SlideRead, type SlideResults, type SlideShots } from './pptx/pptx.ts'
import { printPart } from './print-pdf.ts'

/**
 * The browser jobs of a deck's print parts (render/deck/print-html.ts).
 * Each part is loaded once and gives what the run asks of it: the overflow
 * of its slides, always; its PDF (`print`); its slides read for the PPTX
 * (`read`: editable shapes the fidelity gate passed, or pictures). A job is
 * keyed by the part's HTML and what it gives, so an edit reloads only the
 * parts it touched. The learners' deck shares the instructors' part jobs
 * wherever the HTML is the same (all but the knowledge checks).
 */

type Size = { width: number; height: number }

/** What a part is read for: `none` for nothing (no PPTX, or a check without --pptx). */
export type PartMode = PptxMode | 'none'

export interface PartOptions {
  size: Size
  salt: string
  cache?: ArtefactCache
  print: boolean
  read: PartMode
}

/** The part jobs of the instructors' deck and of the learners' (which prints only, and reuses the instructors' jobs of equal parts). */
export function deckParts(edition: RenderedEdition, options: PartOptions): { instructor: ExportJob[]; learner: ExportJob[] } {
  const id = edition.plan.edition.id
  const caches = options.cache && options.read !== 'none' ? { shots: slideShots(options.cache, edition, options), results: slideResults(options.cache, edition, options) } : {}
  const instructor = partsOf(edition, `${id}/slides`, 'instructor', options, caches)
  if (!options.print) return { instructor, learner: [] }
  const byHtml = new Map(edition.print.map((part, k) => [part.html, instructor[k]]))
  const own = partsOf(edition.learner, `${id}/learner/slides`, 'learner', { ...options, read: 'none' }, {})
  return { instructor, learner: edition.learner.print.map((part, k) => byHtml.get(part.html) ?? (own[k] as ExportJob)) }
}

function partsOf(deck: DeckRender, label: string, audience: Audience, options: PartOptions, caches: { shots?: SlideShots; results?: SlideResults }): ExportJob[] {
  return deck.print.map((part, k) => partJob(part, `${label} (part ${k + 1}/${deck.print.length})`, audience, options, caches))
}

function partJob(part: PrintPart, label: string, audience: Audience, options: PartOptions, caches: { shots?: SlideShots; results?: SlideResults }): ExportJob {
  const { size, print, read } = options
  return {
    label,
    audience,
    // The fidelity threshold decides which slides are pictures, so it is part of the key.
    key: hashKey(['deck-part', options.salt, `${size.width}x${size.height}`, String(print), read, read === 'none' ? '' : String(FIDELITY_THRESHOLD), part.html]),
    async run(page) {
      await loadPart(page, part, size)
      const overflow = await timed('deck: overflow', () => measureOverflow(page))
      const files: CachedResult['files'] = [{ path: 'overflow.json', data: Buffer.from(JSON.stringify(overflow)) }]
      // Printed before it is read: reading changes the page's viewport.
      if (print) files.push({ path: 'part.pdf', data: await printPart(page, size), pages: part.count })
      if (read !== 'none') {
        const reads = await timed('pptx: read', () => readSlides(page, { count: part.count, first: part.first, ...size, mode: read, ...caches }))
        files.push({ path: 'slides.json', data: Buffer.from(JSON.stringify(reads.map(storedRead))) })
      }
      return { files, warnings: [] }
    },
  }
}

async function loadPart(page: Page, part: PrintPart, size: Size): Promise<void> {
  await timed('deck: load', async () => {
    await page.setViewport({ ...size, deviceScaleFactor: 1 })
    await page.setContent(part.html, { waitUntil: 'load', timeout: 60_000 })
    await page.evaluate(async () => {
      await document.fonts.ready
    })
  })
}

type StoredRead = Omit<SlideRead, 'png'> & { png?: string }

const storedRead = (read: SlideRead): StoredRead => ({ ...read, png: read.png && Buffer.from(read.png).toString('base64') })

/** The overflow of a deck's slides, part after part, at their places in the deck (a part's job is keyed by its HTML alone). */
export function deckOverflow(deck: DeckRender, results: readonly CachedResult[]): SlideOverflow[] {
  return results.flatMap((result, k) => parsed<SlideOverflow[]>(result, 'overflow.json').map((o) => ({ ...o, index: o.index + (deck.print[k]?.first ?? 0) })))
}

/** The slides of a deck as read for the PPTX, part after part, at their places in the deck. */
export function deckReads(deck: DeckRender, results: readonly CachedResult[]): SlideRead[] {
  return results.flatMap((result, k) =>
    parsed<StoredRead[]>(result, 'slides.json').map((read, local) => ({
      ...read,
      verdict: { ...read.verdict, index: (deck.print[k]?.first ?? 0) + local },
      png: read.png === undefined ? undefined : Buffer.from(read.png, 'base64'),
    })),
  )
}

function parsed<T extends unknown[]>(result: CachedResult, file: string): T {
  const data = result.files.find((f) => f.path === file)?.data
  return (data ? JSON.parse(Buffer.from(data).toString('utf8')) : []) as T
}

/** A slide's screenshot depends only on its HTML, the deck's CSS, the size and the browser (in `salt`). */
function slideShots(cache: ArtefactCache, edition: RenderedEdition, { size, salt }: PartOptions): SlideShots {
  const key = (i: number) => hashKey(['slide-png', salt, edition.rendered.css, edition.slides[i] ?? '', `${size.width}x${size.height}@${SHOT_SCALE}`])
  return {
    get: async (i) => (await cache.get(key(i)))?.files[0]?.data,
    put: (i, png) => cache.put(key(i), { files: [{ path: `slide-${i + 1}.png`, data: png }], warnings: [] }),
  }
}

/** What the editable exporter read from a slide depends on the same, and on the gate's threshold. */
function slideResults(cache: ArtefactCache, edition: RenderedEdition, { size, salt }: PartOptions): SlideResults {
  const key = (i: number) => hashKey(['slide-pptx', salt, edition.rendered.css, edition.slides[i] ?? '', `${size.width}x${size.height}`, String(FIDELITY_THRESHOLD)])
  return {
    get: async (i) => {
      const data = (await cache.get(key(i)))?.files[0]?.data
      if (!data) return undefined
      try {
        return JSON.parse(Buffer.from(data).toString('utf8')) as EditableSlide
      } catch {
        return undefined
      }
    },
    put: (i, slide) => cache.put(key(i), { files: [{ path: `slide-${i + 1}.pptx.json`, data: Buffer.from(JSON.stringify(slide)) }], warnings: [] }),
  }
}
