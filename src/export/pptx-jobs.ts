import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { timed } from '../core/timings.ts'
import type { RenderedEdition } from '../render/edition.ts'
import { hashKey, type ArtefactCache, type CachedResult } from './cache.ts'
import { deckOverflow, deckParts, deckReads } from './deck-parts.ts'
import type { ExportJob } from './export-job.ts'
import { overflowProblems } from './overflow.ts'
import { fallbackProblems, type SlideVerdict } from './pptx/gate.ts'
import { writePptx, type PptxMode } from './pptx/pptx.ts'

/**
 * A deck's slides.pptx is written from its print parts' slides as the part
 * jobs read them (src/export/deck-parts.ts), without a browser, with the
 * speaker notes: an edit to a slide reloads the part that shows it, and an
 * edit to a speaker note reloads none.
 */

type Size = { width: number; height: number }

/** slides.pptx of the instructors' deck, from the deck's part jobs (read for the PPTX). */
export function deckPptxJob(edition: RenderedEdition, parts: ExportJob[], size: Size, salt: string, mode: PptxMode): ExportJob {
  const id = edition.plan.edition.id
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
        return { files: [{ path: 'slides.pptx', data: out.data, pages: reads.length }], warnings: deckWarnings(edition, results, out.slides) }
      },
    },
  }
}

/**
 * What `kit check` asks of a deck in the browser, without printing: each
 * part loaded and its slides measured for overflow and, with `gate` (kit
 * check --pptx) and an editable slides.pptx, read and judged by the
 * fidelity gate, nothing written. Each slide's reading is cached as the
 * build's is, so a check --pptx after a build re-reads no slide.
 */
export function deckCheckJob(edition: RenderedEdition, size: Size, salt: string, cache: ArtefactCache, mode: PptxMode, gate: boolean): ExportJob {
  const id = edition.plan.edition.id
  const read = gate && mode !== 'images' ? mode : 'none'
  const parts = deckParts(edition, { size, salt, cache, print: false, read }).instructor
  return {
    label: `${id}/slides (check)`,
    audience: 'instructor',
    key: hashKey(['slides-check', salt, read, ...parts.map((p) => p.key), positions(edition)]),
    run: () => Promise.reject(new Error(`${id}/slides (check) is put together from its parts`)),
    combine: {
      parts,
      run: async (results) => ({
        files: [],
        warnings: deckWarnings(
          edition,
          results,
          deckReads(edition, results).map((r) => r.verdict),
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
function deckWarnings(edition: RenderedEdition, results: readonly CachedResult[], verdicts: readonly SlideVerdict[]) {
  const id = edition.plan.edition.id
  const { parts } = edition.deck
  const overflow = overflowProblems(deckOverflow(edition, results), parts, edition.plan.modules, `${id}/slides`)
  return [...overflow, ...fallbackProblems(verdicts, parts, edition.plan.modules, `${id}/slides.pptx`)]
}

/** With KIT_PPTX_REPORT set to a folder, each deck's fidelity verdicts are written there as JSON (for measuring the gate). */
async function reportScores(id: string, slides: SlideVerdict[]): Promise<void> {
  const dir = process.env.KIT_PPTX_REPORT
  if (!dir) return
  await mkdir(dir, { recursive: true })
  await writeFile(path.join(dir, `${id}.json`), JSON.stringify(slides, null, 1))
}
