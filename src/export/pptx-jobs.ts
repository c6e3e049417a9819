import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from 'puppeteer-core'
import { timed } from '../core/timings.ts'
import type { PrintPart } from '../render/deck/print-html.ts'
import type { RenderedEdition } from '../render/edition.ts'
import { hashKey, type ArtefactCache, type CachedResult } from './cache.ts'
import type { ExportJob } from './export-job.ts'
import { measureOverflow, overflowProblems, type SlideOverflow } from './overflow.ts'
import { fallbackProblems, FIDELITY_THRESHOLD, type SlideVerdict } from './pptx/gate.ts'
import { readSlides, SHOT_SCALE, writePptx, type EditableSlide, type PptxMode, type SlideRead, type SlideResults, type SlideShots } from './pptx/pptx.ts'

/**
 * A deck's slides.pptx is made from the deck's print parts, as its PDF is:
 * each part is a browser job that measures its slides' overflow and reads
 * them for the PPTX (editable shapes the fidelity gate passed, or
 * pictures), keyed by the part's HTML alone. The PPTX is then written from
 * the parts' slides without a browser, with the speaker notes. So an edit
 * to a slide reloads the part that shows it, and an edit to a speaker note
 * reloads none.
 */

type Size = { width: number; height: number }

/** What a part job reads: `none` measures overflow only (`kit check` of a deck whose PPTX is pictures). */
type PartMode = PptxMode | 'none'

/** slides.pptx of the instructors' deck. */
export function deckPptxJob(edition: RenderedEdition, size: Size, salt: string, cache: ArtefactCache | undefined, mode: PptxMode): ExportJob {
  const id = edition.plan.edition.id
  const parts = pptxParts(edition, size, salt, cache, mode)
  const meta = { title: edition.meta.title, author: edition.meta.author }
  const notes = edition.rendered.notes
  return {
    label: `${id}/slides.pptx`,
    audience: 'instructor',
    key: hashKey(['slides-pptx', salt, mode, ...parts.map((p) => p.key), JSON.stringify(meta), JSON.stringify(notes), positions(edition)]),
    run: () => Promise.reject(new Error(`${id}/slides.pptx is put together from its parts`)),
    combine: {
      parts,
      async run(results) {
        const reads = deckReads(edition, results)
        const out = await timed('pptx: write', () => writePptx(reads, { ...size, notes, ...meta }))
        await reportScores(id, out.slides)
        return { files: [{ path: 'slides.pptx', data: out.data, pages: reads.length }], warnings: deckWarnings(edition, results, out.slides, 'slides.pptx') }
      },
    },
  }
}

/**
 * What `kit check` asks of a deck in the browser, without printing: its
 * slides measured for overflow and, with `gate` (kit check --pptx) and an
 * editable slides.pptx, read and judged by the fidelity gate, nothing
 * written. With the gate the parts are the build's own, so a check after a
 * build finds them in the cache; without it a part is only loaded and
 * measured, which costs a fraction of reading it.
 */
export function deckCheckJob(edition: RenderedEdition, size: Size, salt: string, cache: ArtefactCache, mode: PptxMode, gate: boolean): ExportJob {
  const id = edition.plan.edition.id
  const parts = pptxParts(edition, size, salt, cache, gate && mode !== 'images' ? mode : 'none')
  return {
    label: `${id}/slides (check)`,
    audience: 'instructor',
    key: hashKey(['slides-check', salt, mode, String(gate), ...parts.map((p) => p.key), positions(edition)]),
    run: () => Promise.reject(new Error(`${id}/slides (check) is put together from its parts`)),
    combine: {
      parts,
      run: async (results) => ({
        files: [],
        warnings: deckWarnings(
          edition,
          results,
          deckReads(edition, results).map((r) => r.verdict),
          'slides.pptx',
        ),
      }),
    },
  }
}

/** Warnings point at module lines, so the sources' positions are part of the keys of the jobs that give them. */
function positions(edition: RenderedEdition): string {
  return JSON.stringify(edition.plan.modules.map((m) => [m.file, m.slideLines]))
}

/** Overflowing slides and slides kept as pictures, at their lines. */
function deckWarnings(edition: RenderedEdition, results: readonly CachedResult[], verdicts: readonly SlideVerdict[], output: string) {
  const id = edition.plan.edition.id
  const { parts } = edition.deck
  const overflow = overflowProblems(
    results.flatMap((r, k) => parsed<SlideOverflow[]>(r, 'overflow.json').map((o) => ({ ...o, index: o.index + (edition.print[k]?.first ?? 0) }))),
    parts,
    edition.plan.modules,
    `${id}/slides`,
  )
  return [...overflow, ...fallbackProblems(verdicts, parts, edition.plan.modules, `${id}/${output}`)]
}

function pptxParts(edition: RenderedEdition, size: Size, salt: string, cache: ArtefactCache | undefined, mode: PartMode): ExportJob[] {
  const id = edition.plan.edition.id
  const caches = cache && mode !== 'none' ? { shots: slideShots(cache, edition, size, salt), results: slideResults(cache, edition, size, salt) } : {}
  const label = (k: number) => (mode === 'none' ? `${id}/slides (part ${k + 1}/${edition.print.length}, measured)` : `${id}/slides.pptx (part ${k + 1}/${edition.print.length})`)
  return edition.print.map((part, k) => pptxPartJob(part, label(k), size, salt, mode, caches))
}

/** One print part loaded: its overflow measured and, unless `none`, its slides read for the PPTX. */
function pptxPartJob(part: PrintPart, label: string, size: Size, salt: string, mode: PartMode, caches: { shots?: SlideShots; results?: SlideResults }): ExportJob {
  return {
    label,
    audience: 'instructor',
    // The fidelity threshold decides which slides are pictures, so it is part of the key.
    key: hashKey(['pptx-part', salt, `${size.width}x${size.height}`, mode, String(FIDELITY_THRESHOLD), part.html]),
    async run(page, frontTab) {
      await loadPart(page, part, size)
      const overflow = await timed('deck: overflow', () => measureOverflow(page))
      const reads = mode === 'none' ? [] : await frontTab.run(() => timed('pptx: read', () => readSlides(page, { count: part.count, first: part.first, ...size, mode, ...caches })))
      return {
        files: [
          { path: 'slides.json', data: Buffer.from(JSON.stringify(reads.map(storedRead))) },
          { path: 'overflow.json', data: Buffer.from(JSON.stringify(overflow)) },
        ],
        warnings: [],
      }
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

/**
 * The slides of a deck, part after part. A part's job is keyed by its HTML
 * alone, so the slides' places in the deck are set here from the parts'.
 */
function deckReads(edition: RenderedEdition, results: readonly CachedResult[]): SlideRead[] {
  return results.flatMap((result, k) =>
    parsed<StoredRead[]>(result, 'slides.json').map((read, local) => ({
      ...read,
      verdict: { ...read.verdict, index: (edition.print[k]?.first ?? 0) + local },
      png: read.png === undefined ? undefined : Buffer.from(read.png, 'base64'),
    })),
  )
}

function parsed<T extends unknown[]>(result: CachedResult, file: string): T {
  const data = result.files.find((f) => f.path === file)?.data
  return (data ? JSON.parse(Buffer.from(data).toString('utf8')) : []) as T
}

/** A slide's screenshot depends only on its HTML, the deck's CSS, the size and the browser (in `salt`). */
function slideShots(cache: ArtefactCache, edition: RenderedEdition, size: Size, salt: string): SlideShots {
  const key = (i: number) => hashKey(['slide-png', salt, edition.rendered.css, edition.slides[i] ?? '', `${size.width}x${size.height}@${SHOT_SCALE}`])
  return {
    get: async (i) => (await cache.get(key(i)))?.files[0]?.data,
    put: (i, png) => cache.put(key(i), { files: [{ path: `slide-${i + 1}.png`, data: png }], warnings: [] }),
  }
}

/** What the editable exporter read from a slide depends on the same, and on the gate's threshold. */
function slideResults(cache: ArtefactCache, edition: RenderedEdition, size: Size, salt: string): SlideResults {
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

/** With KIT_PPTX_REPORT set to a folder, each deck's fidelity verdicts are written there as JSON (for measuring the gate). */
async function reportScores(id: string, slides: SlideVerdict[]): Promise<void> {
  const dir = process.env.KIT_PPTX_REPORT
  if (!dir) return
  await mkdir(dir, { recursive: true })
  await writeFile(path.join(dir, `${id}.json`), JSON.stringify(slides, null, 1))
}
