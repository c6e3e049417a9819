import type { Format } from '../plan/edition-plan.ts'
import { KitError } from '../core/problems.ts'
import type { DeckRender, Printable, RenderedEdition } from '../render/edition.ts'
import { AUDIENCES, type Audience } from '../core/audience.ts'
import { timed } from '../core/timings.ts'
import { hashKey, type ArtefactCache, type CachedResult } from './cache.ts'
import { overflowProblems } from './overflow.ts'
import { splitPages } from './pdf-metadata.ts'
import { mergePdfs } from './pdf-merge.ts'
import { printDocument } from './print-pdf.ts'
import { deckOverflow, deckParts } from './deck-parts.ts'
import type { ExportJob } from './export-job.ts'
import { deckPptxJob } from './pptx-jobs.ts'
import type { PptxMode } from './pptx/pptx.ts'
import { SLIDE_SIZES } from '../render/deck/print-html.ts'

export { SLIDE_SIZES }
export type { ExportJob }

/**
 * The largest deck kit prints (PDF, PPTX and the handout's thumbnails).
 * The handout lays out every slide at once (the deck's PDF and PPTX are
 * made from parts of at most 40 slides) and the PPTX is written in
 * memory with the pictures of all its slides; past this many text slides a
 * build would need more than 2 GiB (5,000 measured 3.3 GiB when the PPTX
 * still laid out the whole deck; image-heavy decks cost more, see
 * docs/reliability.md), so it is refused. HTML has no such limit.
 */
export const MAX_PRINTED_SLIDES = 2000

export function exportJobs(
  edition: RenderedEdition,
  formats: readonly Format[],
  size: { width: number; height: number },
  salt: string,
  cache?: ArtefactCache,
  pptxMode: PptxMode = 'editable',
): ExportJob[] {
  const jobs: ExportJob[] = []
  const pdf = formats.includes('pdf')
  const pptx = formats.includes('pptx')
  if (pdf || pptx) refuseHugeDeck(edition)
  // Each part is loaded once for both: its PDF printed, its slides read for the PPTX.
  const parts = deckParts(edition, { size, salt, cache, print: pdf, read: pptx ? pptxMode : 'none' })
  if (pptx) jobs.push(deckPptxJob(edition, parts.instructor, size, salt, pptxMode))
  if (!pdf) return jobs
  // The learners' deck has no notes and no answers; only its PDF is made.
  jobs.push(deckPdfJob(edition, edition, parts.instructor, salt), deckPdfJob(edition, edition.learner, parts.learner, salt))
  for (const audience of AUDIENCES) for (const printable of edition.sets[audience].printables) jobs.push(documentJob(edition, audience, printable, salt))
  return jobs
}

/** A printed page of a set (handout, a sheet, the guide…). */
function documentJob(edition: RenderedEdition, audience: Audience, printable: Printable, salt: string): ExportJob {
  const meta = { ...edition.meta, title: printable.title, subject: printable.subject }
  return {
    label: `${edition.plan.edition.id}/${audience === 'instructor' ? 'instructor/' : ''}${printable.pdf}`,
    key: hashKey(['document', salt, printable.html, JSON.stringify(meta), JSON.stringify(printable.split ?? [])]),
    audience,
    cacheable: !printable.personal,
    async run(page) {
      const out = await printDocument(page, printable.html, meta)
      const files: CachedResult['files'] = [{ path: printable.pdf, data: out.bytes, pages: out.pages }]
      if (printable.split) {
        const titles = printable.split.map((file) => `${meta.title}${edition.messages.t('common.dash')}${file.replace(/^.*\/|\.pdf$/g, '')}`)
        const parts = await splitPages(out.bytes, meta, titles).catch((error: Error) => {
          throw new KitError([
            {
              code: 'KIT_CERTIFICATE_LAYOUT',
              severity: 'error',
              message: `${printable.pdf} cannot be split into one file per certificate: ${error.message}.`,
              location: { file: 'templates/certificates.hbs' },
            },
          ])
        })
        for (const [i, data] of parts.entries()) files.push({ path: printable.split[i] ?? '', data, pages: 1 })
      }
      return { files, warnings: [] }
    },
  }
}

/**
 * A deck's slides.pdf, put together from its print parts (render/deck/print-html.ts):
 * each part is a job of its own, keyed by its HTML alone, so an edit
 * reprints the parts whose slides it changed and the rest come from the
 * cache. Overflow is measured in each part and turned into warnings here,
 * where the modules' current line numbers are known.
 */
function deckPdfJob(edition: RenderedEdition, deck: DeckRender, parts: ExportJob[], salt: string): ExportJob {
  const id = edition.plan.edition.id
  const audience: Audience = deck === edition ? 'instructor' : 'learner'
  const label = audience === 'learner' ? `${id}/learner/slides` : `${id}/slides`
  const outline = deck.deck.parts.filter((p) => p.kind === 'divider' || p.kind === 'title' || p.kind === 'agenda').map((p) => ({ title: outlineTitle(edition, p.kind, p.moduleId), page: p.first }))
  const meta = { ...edition.meta, subject: edition.messages.t('doc.slides') }
  // Warnings point at module lines, so the sources' positions are part of the key.
  const positions = JSON.stringify(edition.plan.modules.map((m) => [m.file, m.slideLines]))
  return {
    label,
    audience,
    key: hashKey(['slides-pdf', salt, ...parts.map((p) => p.key), JSON.stringify(deck.print.map((p) => [p.first, p.count])), JSON.stringify(outline), JSON.stringify(meta), positions]),
    run: () => Promise.reject(new Error(`${label} is put together from its parts`)),
    combine: {
      parts,
      async run(results) {
        const pdfs = results.map((r) => r.files.find((f) => f.path === 'part.pdf')?.data ?? new Uint8Array())
        const out = await timed('pdf-lib: merge', () => mergePdfs(pdfs, meta, outline))
        const warnings = overflowProblems(deckOverflow(deck, results), deck.deck.parts, edition.plan.modules, `${id}/slides`)
        return { files: [{ path: 'slides.pdf', data: out.bytes, pages: out.pages }], warnings }
      },
    },
  }
}

function outlineTitle(edition: RenderedEdition, kind: string, moduleId?: string): string {
  if (kind === 'title') return edition.plan.edition.title
  if (kind === 'agenda') return edition.messages.t('agenda.heading')
  const index = edition.plan.modules.findIndex((m) => m.id === moduleId)
  return `${index + 1}. ${edition.plan.modules[index]?.title ?? moduleId}`
}

/** A deck too large to print is refused before any browser starts. */
function refuseHugeDeck(edition: RenderedEdition): void {
  if (edition.slides.length <= MAX_PRINTED_SLIDES) return
  throw new KitError([
    {
      code: 'KIT_DECK_TOO_LARGE',
      severity: 'error',
      message: `The ${edition.plan.edition.id} deck has ${edition.slides.length} slides; kit prints decks (PDF, PPTX, handout) of up to ${MAX_PRINTED_SLIDES} slides.`,
      hint: 'Split the edition or the module, or build this one with --formats html.',
    },
  ])
}
