import { rm } from 'node:fs/promises'
import path from 'node:path'
import type { BuildEvent } from '../core/build-events.ts'
import { KitError, type Problems } from '../core/problems.ts'
import { artefactCache, artefactFiles, artefactWarnings, lookUpArtefacts, runArtefacts, subsetStore } from '../export/artefacts.ts'
import { findBrowser } from '../export/browser/find.ts'
import { BrowserSession } from '../export/browser/session.ts'
import { cacheSalt } from '../export/cache-salt.ts'
import type { PptxMode } from '../export/pptx/pptx.ts'
import { slidesPage } from '../export/slides-page.ts'
import { loadProject, type Loaded, type Project } from '../load/project.ts'
import { languagesOf } from '../load/translations.ts'
import { selectEditions, type Format } from '../plan/edition-plan.ts'
import { renderLanguages, type LanguageEdition, type RenderRun } from '../render/editions.ts'
import { readSessionInput } from './session-input.ts'
import { builtFiles, type BuildResult } from '../output/build-result.ts'
import { editionFiles } from '../output/edition-files.ts'
import { lockOutput } from '../output/lock.ts'
import { recordBuild, settingsFingerprint, upToDate } from '../output/up-to-date.ts'
import { writeOutput, type SetOutput } from '../output/write.ts'
import { AUDIENCES } from '../core/audience.ts'
import { timed, timedSync } from '../core/timings.ts'

export type { BuildEvent } from '../core/build-events.ts'
export type { BuildResult, BuiltFile } from '../output/build-result.ts'

/**
 * `kit build`, the pipeline's map: load → render (plan, assemble, render
 * every page) → export (browser artefacts, from the cache where their
 * inputs are unchanged) → output (edition files, landing pages, manifests,
 * zips, written to a staging folder and swapped in). Each stage lives in
 * its own folder of src/.
 */
export interface BuildOptions {
  root: string
  /** Output folder (default `<root>/dist`). */
  out: string
  editions: string[]
  formats: Format[]
  /** Progress: stages, browser jobs and files as they finish. */
  onEvent?: (event: BuildEvent) => void
  /** Ignore the artefact cache and rebuild everything. */
  force?: boolean
  /** Write dist/<edition>.zip (default true; the dev server skips it). */
  zip?: boolean
  /** The project, when the caller has just loaded it (kit dev); otherwise the build loads it. */
  loaded?: Loaded
  /** The settings' fingerprint when the caller has computed it (src/output/up-to-date.ts). */
  settings?: string
  /** slides.pptx editable or one picture per slide; default: workshop.yaml's `pptx:`. */
  pptx?: PptxMode
  /** The languages to build (default: every one of workshop.yaml's `languages`). */
  languages?: string[]
  /** The day the build runs on (freshness of sources without an event date); default today. */
  today?: Date
  /** A roster CSV (`--roster`): names on the attendance sheets and certificates. Personal data: such a build is never recorded as up to date and its named documents are never cached. */
  roster?: string
  /** A session's results folder (`--results`, with one edition): the session report. */
  results?: string
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = Date.now()
  const emit = options.onEvent ?? (() => {})
  const today = options.today ?? new Date()
  const settings = options.settings ?? (await settingsFingerprint(options, today))
  // A build with personal data is always made anew and leaves no record (the record lists files and warnings).
  const personal = Boolean(options.roster || options.results)
  if (!options.force && !personal) {
    const previous = await upToDate(options, settings)
    if (previous) return previous
  }
  // Locked before any work: a second build of the same folder stops here, whatever the first is doing.
  const unlock = await lockOutput(options.out)
  const staging = `${options.out}.staging-${process.pid}`
  let session: BrowserSession | undefined
  try {
    const { project, problems, inputs } = await timed('stage: load', () => loadStage(options, emit))
    const records = await readSessionInput(project, options, options.editions, problems)
    problems.throwIfErrors()
    const cache = artefactCache(options.root, !options.force)
    const units = await timed('stage: render', () => renderStage(project, options, problems, { inputs, today, records, subsets: subsetStore(cache) }, emit))
    const needsBrowser = options.formats.includes('pdf') || options.formats.includes('pptx')
    const browser = needsBrowser ? await findBrowser() : undefined
    const salt = await cacheSalt(browser?.path)
    const pptx = options.pptx ?? project.content.workshop.pptx
    const artefactOptions = { root: options.root, formats: options.formats, size: project.content.workshop.size, pptx, salt, useCache: !options.force, cache }
    const work = await timed('stage: cache lookup', () =>
      lookUpArtefacts(
        units.map((u) => u.rendered),
        artefactOptions,
        emit,
      ),
    )
    session = browser && new BrowserSession(browser)
    await rm(staging, { recursive: true, force: true })
    await timed('stage: browser jobs', () => runArtefacts(work, session, project.texts, emit))
    problems.push(...artefactWarnings(work))
    const outputs: SetOutput[] = []
    for (const [i, unit] of units.entries()) {
      for (const audience of AUDIENCES) {
        const slides = options.formats.includes('html') ? await timed('stage: slides.html', () => slidesPage(unit.rendered, audience, work.cache, salt)) : undefined
        outputs.push({ unit, audience, files: timedSync('stage: edition files', () => editionFiles(unit, audience, options.formats, slides, artefactFiles(work, i, audience), emit)) })
      }
    }
    await timed('stage: write', () => writeOutput(project, outputs, { out: options.out, staging, zip: options.zip !== false }, emit))
    const scope = JSON.stringify([path.resolve(options.out), [...options.editions].sort(), [...options.formats].sort(), [...(options.languages ?? [])].sort()])
    emit({ type: 'cache', bytes: await timed('stage: cache sweep', () => work.cache.sweep(scope)) })
    if (work.cache.failure) problems.warn({ code: 'KIT_CACHE', message: `.kit-cache/ could not be written (${work.cache.failure}); this build did not use it fully.` })
    const result: BuildResult = {
      editions: outputs.map((o) => ({ id: `${o.audience}/${o.unit.dir}`, files: builtFiles(o.files) })),
      warnings: problems.warnings,
      artefacts: { built: work.misses.length, cached: work.results.size - work.misses.length, browserLaunched: session?.launched ?? false },
      seconds: (Date.now() - started) / 1000,
    }
    if (!personal)
      await timed('stage: record', () =>
        recordBuild(options, settings, inputs.record(), {
          editions: result.editions.map((e) => ({ id: e.id, files: e.files.map(({ path: p, bytes, pages }) => ({ path: p, bytes, pages })) })),
          warnings: result.warnings,
          artefacts: work.results.size,
        }),
      )
    return result
  } finally {
    await rm(staging, { recursive: true, force: true })
    await session?.close()
    await unlock()
  }
}

/** Stage load: the project the caller loaded (kit dev), or one read now; errors stop here. */
async function loadStage(options: BuildOptions, emit: (event: BuildEvent) => void): Promise<Loaded & { project: Project }> {
  emit({ type: 'stage', stage: 'load', total: 1 })
  const loaded = options.loaded ?? (await loadProject(options.root, { today: options.today }))
  const { project, problems } = loaded
  if (!project) throw new KitError(problems.list)
  problems.throwIfErrors()
  return { ...loaded, project }
}

/** Stage render: every HTML and text output of the editions asked for, in each language, without a browser. */
async function renderStage(project: Project, options: BuildOptions, problems: Problems, run: Omit<RenderRun, 'problems'>, emit: (event: BuildEvent) => void): Promise<LanguageEdition[]> {
  const languages = options.languages?.length || languagesOf(project.content).length
  emit({ type: 'stage', stage: 'render', total: selectEditions(project.content, options.editions).length * languages })
  const units = await renderLanguages(project, { editions: options.editions, languages: options.languages }, { problems, ...run })
  problems.throwIfErrors()
  for (const { rendered: edition, dir } of units.filter((u) => u.rendered.missingGlyphs?.length)) {
    const chars = (edition.missingGlyphs ?? []).map((c) => `${c} (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`).join(', ')
    problems.warn({
      code: 'KIT_NO_GLYPH',
      message: `Edition "${dir}" has characters no embedded font draws: ${chars}.`,
      hint: 'Run kit check: it shows where each one is and which font package to install.',
    })
  }
  return units
}
