import { existsSync } from 'node:fs'
import { cp, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Browser } from 'puppeteer-core'
import { findBrowser, launchBrowser, noBrowserError, type BrowserChoice } from './export/browser.ts'
import { withScriptCsp } from './export/csp.ts'
import { manifestEntry, sha256, type Manifest } from './export/manifest.ts'
import { ArtefactCache, hashKey, type CachedFile, type CachedResult } from './export/cache.ts'
import { exportJobs, SLIDE_SIZES, type ExportJob } from './export/jobs.ts'
import { PagePool } from './export/page-pool.ts'
import type { PptxMode } from './export/pptx.ts'
import { zipFolder } from './export/zip.ts'
import { planEdition, selectEditions, type EditionPlan, type Format } from './plan.ts'
import { KitError, type Problem, type Problems } from './problems.ts'
import { loadProject, type Project } from './project.ts'
import { kitCodeDigest, kitVersion, TOOLS, toolVersion } from './tool-versions.ts'
import { languageDir, renderLanguages, type LanguageEdition } from './pipeline.ts'
import { contentInLanguage, editionsIn } from './load/language-content.ts'
import { languagesOf } from './load/translations.ts'
import type { RenderedEdition } from './render/edition.ts'
import { inlineAssets } from './render/inline-assets.ts'
import { bespokeSlidesHtml, withViewerFonts } from './export/slides-html.ts'
import { lockOutput } from './output-lock.ts'
import { Turns } from './turns.ts'
import { recordBuild, settingsFingerprint, upToDate } from './up-to-date.ts'
import type { PageStyles } from './views/common.ts'
import { homeView, landingView, languageLink, type LanguageLink } from './views/landing.ts'

/**
 * The pipeline, in order: load → validate → plan → render → export → write.
 * This file is the map; each stage lives in its own module.
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
  project?: Project
  /** The settings' fingerprint when the caller has computed it (src/up-to-date.ts). */
  settings?: string
  /** slides.pptx editable or one picture per slide; default: workshop.yaml's `pptx:`. */
  pptx?: PptxMode
  /** The languages to build (default: every one of workshop.yaml's `languages`). */
  languages?: string[]
}

/** What a build reports while it runs (see src/reporter.ts). */
export type BuildEvent =
  | { type: 'stage'; stage: 'load' | 'render' | 'export' | 'write'; total: number }
  | { type: 'job'; label: string; status: 'built' | 'cached'; seconds: number }
  | { type: 'file'; edition: string; path: string; bytes: number; pages?: number }
  | { type: 'cache'; bytes: number }

/** One output file: made by the browser now, taken from the cache, or rendered as text. */
export interface BuiltFile {
  path: string
  bytes: number
  pages?: number
  origin: 'built' | 'cached' | 'rendered'
  seconds: number
}

export interface BuildResult {
  editions: { id: string; files: BuiltFile[] }[]
  warnings: Problem[]
  /** Browser jobs (slide decks, printed documents) built now or taken from the cache. */
  artefacts: { built: number; cached: number; browserLaunched: boolean }
  seconds: number
  /** Nothing changed since the last build with these options: nothing was rebuilt or written. */
  upToDate?: boolean
}

/** A finished output file of an edition. */
interface OutputFile {
  data: string | Uint8Array
  pages?: number
  origin: BuiltFile['origin']
  seconds: number
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = Date.now()
  const emit = options.onEvent ?? (() => {})
  const settings = options.settings ?? (await settingsFingerprint(options))
  if (!options.force) {
    const previous = await upToDate(options, settings)
    if (previous) return previous
  }
  const { project, problems } = await loadStage(options, emit)
  const units = await renderStage(project, options, problems, emit)
  const rendered = units.map((u) => u.rendered)
  const work = await lookUpArtefacts(project, rendered, options, emit)
  const staging = `${options.out}.staging-${process.pid}`
  const unlock = await lockOutput(options.out)
  // Set as soon as a browser starts, so that it is closed whatever happens next.
  const launched: { browser?: Browser } = {}
  try {
    await rm(staging, { recursive: true, force: true })
    await runBrowserJobs(work, launched, emit)
    problems.push(...dedupe(work.jobs.flat().flatMap((job) => work.results.get(job)?.warnings ?? [])))
    const outputs: Map<string, OutputFile>[] = []
    for (const [i, unit] of units.entries()) outputs.push(await exportEdition(unit, options, finishedFiles(work, i), emit, work.cache, work.salt))
    await writeStage(project, units, outputs, options, staging, emit)
    emit({
      type: 'cache',
      bytes: await work.cache.sweep(JSON.stringify([path.resolve(options.out), [...options.editions].sort(), [...options.formats].sort(), [...(options.languages ?? [])].sort()])),
    })
    if (work.cache.failure) problems.warn({ code: 'KIT_CACHE', message: `.kit-cache/ could not be written (${work.cache.failure}); this build did not use it fully.` })
    const result = buildResult(units, outputs, problems, work, launched.browser !== undefined, started)
    await recordBuild(options, settings, project.inputs.record(), {
      editions: result.editions.map((e) => ({ id: e.id, files: e.files.map(({ path: p, bytes, pages }) => ({ path: p, bytes, pages })) })),
      warnings: result.warnings,
      artefacts: work.results.size,
    })
    return result
  } finally {
    await rm(staging, { recursive: true, force: true })
    await launched.browser?.close()
    await unlock()
  }
}

/** Stage load + validate: the project the caller loaded (kit dev), or one read now; errors stop here. */
async function loadStage(options: BuildOptions, emit: (event: BuildEvent) => void): Promise<{ project: Project; problems: Problems }> {
  emit({ type: 'stage', stage: 'load', total: 1 })
  const { project, problems } = options.project ? { project: options.project, problems: options.project.problems } : await loadProject(options.root)
  if (!project) throw new KitError(problems.list)
  problems.throwIfErrors()
  return { project, problems }
}

/** Stages plan + render: every HTML and text output of the editions asked for, in each language, without a browser. */
async function renderStage(project: Project, options: BuildOptions, problems: Problems, emit: (event: BuildEvent) => void): Promise<LanguageEdition[]> {
  emit({ type: 'stage', stage: 'render', total: selectEditions(project.content, options.editions).length * (options.languages?.length || languagesOf(project.content).length) })
  const units = await renderLanguages(project, { editions: options.editions, languages: options.languages }, problems)
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

/** The browser work of a build: each job with its cache key, what the cache already had, what is left to do. */
interface ExportWork {
  jobs: ExportJob[][]
  results: Map<ExportJob, CachedResult & { origin: 'built' | 'cached'; seconds: number }>
  misses: ExportJob[]
  cache: ArtefactCache
  salt: string
  browser?: BrowserChoice
}

/** Stage export, first half: browser artefacts come from the cache where their inputs are unchanged. */
async function lookUpArtefacts(project: Project, rendered: RenderedEdition[], options: BuildOptions, emit: (event: BuildEvent) => void): Promise<ExportWork> {
  const size = SLIDE_SIZES[project.content.workshop.size]
  const needsBrowser = options.formats.includes('pdf') || options.formats.includes('pptx')
  const browser = needsBrowser ? await findBrowser() : undefined
  const cache = new ArtefactCache(path.join(options.root, '.kit-cache', 'artefacts'), !options.force)
  const salt = await cacheSalt(browser?.path)
  const pptxMode = options.pptx ?? project.content.workshop.pptx
  const jobs = rendered.map((edition) => exportJobs(edition, options.formats, size, salt, cache, pptxMode))
  const work: ExportWork = { jobs, results: new Map(), misses: [], cache, salt, browser }
  emit({ type: 'stage', stage: 'export', total: jobs.flat().length })
  for (const job of jobs.flat()) {
    const hit = await cache.get(job.key)
    if (!hit) {
      work.misses.push(job)
      continue
    }
    work.results.set(job, { ...hit, origin: 'cached', seconds: 0 })
    emit({ type: 'job', label: job.label, status: 'cached', seconds: 0 })
  }
  return work
}

/** Stage export, second half: one browser, two tabs, for what the cache did not have; none starts when nothing is left. */
async function runBrowserJobs(work: ExportWork, launched: { browser?: Browser }, emit: (event: BuildEvent) => void): Promise<void> {
  if (work.misses.length === 0) return
  if (!work.browser) throw noBrowserError()
  const browser = await launchBrowser(work.browser)
  launched.browser = browser
  const pool = new PagePool(browser, 2)
  const frontTab = new Turns()
  await Promise.all(
    work.misses.map((job) =>
      pool.use(job.label, async (page) => {
        const jobStarted = Date.now()
        const result = await job.run(page, frontTab)
        const seconds = (Date.now() - jobStarted) / 1000
        work.results.set(job, { ...result, origin: 'built', seconds })
        emit({ type: 'job', label: job.label, status: 'built', seconds })
      }),
    ),
  )
  if (pool.blocked.length > 0) {
    throw new KitError(
      pool.blocked.map((b) => ({
        code: 'KIT_NETWORK_REQUEST',
        severity: 'error' as const,
        message: `${b.output} tried to load ${b.url}; the kit must work offline.`,
        hint: 'Inline the resource or put it in content/assets/.',
      })),
    )
  }
  for (const job of work.misses) {
    const result = work.results.get(job)
    if (result) await work.cache.put(job.key, result)
  }
}

/** The browser files of edition `i`, built now or taken from the cache. */
function finishedFiles(work: ExportWork, i: number): (CachedFile & { origin: BuiltFile['origin']; seconds: number })[] {
  return (work.jobs[i] ?? []).flatMap((job) => {
    const result = work.results.get(job)
    return result ? result.files.map((file) => ({ ...file, origin: result.origin, seconds: result.seconds })) : []
  })
}

/** Stage write: every file into a staging folder, the zips and each language's home page, then swapped in. */
async function writeStage(project: Project, units: LanguageEdition[], outputs: Map<string, OutputFile>[], options: BuildOptions, staging: string, emit: (event: BuildEvent) => void): Promise<void> {
  emit({ type: 'stage', stage: 'write', total: outputs.length })
  for (const [i, files] of outputs.entries()) {
    const unit = units[i]
    if (!unit) continue
    await writeFiles(path.join(staging, unit.dir), files)
    if (options.zip === false) continue
    // Zipping is cheap next to printing, and a cached copy would double the disk it takes.
    // The zip's one folder is named like the edition and, outside the source language, its language (de-talk/): unzipped side by side, they do not mix.
    const zip = await zipFolder(unit.dir.replace('/', '-'), new Map([...files].map(([p, f]) => [p, typeof f.data === 'string' ? Buffer.from(f.data) : f.data])))
    await writeFile(path.join(staging, `${unit.dir}.zip`), zip)
    emit({ type: 'file', edition: '', path: `${unit.dir}.zip`, bytes: zip.byteLength })
  }
  // Editions and languages not rebuilt this time stay as they were.
  for (const lang of languagesOf(project.content)) {
    const { content } = contentInLanguage(project.content, lang)
    const built = units.filter((u) => u.lang === lang).map((u) => u.rendered.plan)
    const kept = await keepOtherEditions(content, languageDir(project.content, lang), built, options.out, staging)
    if (built.length + kept.length === 0) continue
    const links = languageLinks(project.content, lang)
    const fonts = [...new Set(units.filter((u) => u.lang === lang).flatMap((u) => u.rendered.fontCss.split('\n')))].join('\n')
    const home = homeView(content, styles(project, fonts), [...kept, ...built], links)
    await mkdir(path.join(staging, languageDir(project.content, lang)), { recursive: true })
    await writeFile(path.join(staging, languageDir(project.content, lang), 'index.html'), project.templates.render('home', home, content.messages))
  }
  await swapIn(staging, options.out)
}

/** Every language's editions, for the language switch of a page in `lang` (of `edition`, or the home page). */
function languageLinks(content: Project['content'], lang: string, edition?: string): LanguageLink[] {
  return (
    languagesOf(content)
      .map((other) => ({ lang: other, editions: editionsIn(content, other).map((e) => e.id) }))
      // A language without editions has no pages to link to.
      .filter(({ editions }) => editions.length > 0)
      .map(({ lang: other, editions }) => languageLink(other, lang, content.workshop.language, edition !== undefined && editions.includes(edition) ? edition : undefined, edition !== undefined))
  )
}

function buildResult(units: LanguageEdition[], outputs: Map<string, OutputFile>[], problems: Problems, work: ExportWork, browserLaunched: boolean, started: number): BuildResult {
  return {
    editions: units.map((r, i) => ({
      id: r.dir,
      files: [...(outputs[i] ?? new Map<string, OutputFile>())].map(([p, f]) => ({ path: p, bytes: manifestEntry(p, f.data).bytes, pages: f.pages, origin: f.origin, seconds: f.seconds })),
    })),
    warnings: problems.warnings,
    artefacts: { built: work.misses.length, cached: work.results.size - work.misses.length, browserLaunched },
    seconds: (Date.now() - started) / 1000,
  }
}

/** Every output file of an edition: its text outputs, slides.html, the browser artefacts, the landing page and manifest. */
async function exportEdition(
  unit: LanguageEdition,
  options: BuildOptions,
  browserFiles: (CachedFile & { origin: BuiltFile['origin']; seconds: number })[],
  emit: (event: BuildEvent) => void,
  cache: ArtefactCache,
  salt: string,
): Promise<Map<string, OutputFile>> {
  const { project, rendered: edition } = unit
  const id = edition.plan.edition.id
  const files = new Map<string, OutputFile>()
  const add = (file: string, data: string | Uint8Array, pages?: number, origin: BuiltFile['origin'] = 'rendered', seconds = 0) => {
    files.set(file, { data, pages, origin, seconds })
    emit({ type: 'file', edition: unit.dir, path: file, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength, pages })
  }
  const html = options.formats.includes('html')
  for (const [file, data] of edition.files) {
    if (file.endsWith('.html') && !html) continue
    add(file, data)
  }
  if (html) {
    // marp-cli's conversion is the slowest text output: reuse it while the deck is unchanged.
    const images = imageFiles(edition)
    const key = hashKey(['slides.html', salt, toolVersion('@marp-team/marp-cli'), edition.deck.markdown, ...edition.themeCss, ...[...images].flat()])
    const hit = await cache.get(key)
    const slidesHtml = hit?.files[0] ? Buffer.from(hit.files[0].data).toString('utf8') : await slidesPage(edition, images)
    if (!hit) await cache.put(key, { files: [{ path: 'slides.html', data: Buffer.from(slidesHtml) }], warnings: [] })
    add('slides.html', slidesHtml)
  }
  for (const file of browserFiles) add(file.path, file.data, file.pages, file.origin, file.seconds)
  const listed = [...files].map(([p, f]) => ({ path: p, bytes: typeof f.data === 'string' ? Buffer.byteLength(f.data) : f.data.byteLength, pages: f.pages }))
  const language = { links: languageLinks(unit.source, unit.lang, id), untranslated: unit.untranslated, sourceLanguage: unit.source.workshop.language }
  add(
    'index.html',
    project.templates.render('index', landingView(project.content, edition.plan, styles(project, edition.fontCss), edition.meta.title, listed, edition.labels, language), edition.messages),
  )
  add('manifest.json', JSON.stringify(manifest(project, edition, files), null, 2))
  return files
}

/** slides.html of a right-to-left language says so on <html>, as every other page does. */
function withDirection(html: string, dir: 'ltr' | 'rtl'): string {
  return dir === 'rtl' ? html.replace(/<html(?![^>]*\sdir=)/, '<html dir="rtl"') : html
}

/** slides.html: marp-cli's viewer in the edition's direction and fonts, with its assets inside and only its own scripts allowed. */
async function slidesPage(edition: RenderedEdition, images: Map<string, Uint8Array>): Promise<string> {
  const viewer = await bespokeSlidesHtml(edition.deck.markdown, edition.themeCss, edition.plan.edition.id)
  return withScriptCsp(inlineAssets(withViewerFonts(withDirection(viewer, edition.messages.dir), edition.fontCss), { files: images, fontCss: edition.fontCss }))
}

/** What, besides the printed HTML, changes a browser artefact: tool versions and the browser binary. */
export async function cacheSalt(browserPath: string | undefined): Promise<string> {
  const tools = ['puppeteer-core', 'pdf-lib', 'pptxgenjs'].map((n) => `${n}@${toolVersion(n)}`)
  const info = browserPath ? await stat(browserPath).catch(() => undefined) : undefined
  const kit = `${kitVersion()}+${(await kitCodeDigest()).slice(0, 16)}`
  return [`kit@${kit}`, ...tools, `${browserPath ?? 'no-browser'}:${info?.size ?? 0}:${info?.mtimeMs ?? 0}`].join('|')
}

/** The same slide overflows in every edition that has it: report it once. */
function dedupe(list: Problem[]): Problem[] {
  const seen = new Set<string>()
  return list.filter((p) => {
    const key = p.location ? `${p.code}:${p.location.file}:${p.location.line}` : `${p.code}:${p.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function styles(project: Project, fontCss: string): PageStyles {
  return { fonts: fontCss, print: project.printCss, brand: project.brand }
}

function imageFiles(edition: RenderedEdition): Map<string, Uint8Array> {
  const images = new Map<string, Uint8Array>()
  for (const [file, data] of edition.files) if (file.startsWith('assets/') && typeof data !== 'string') images.set(file, data)
  return images
}

/** Copies the previous output of one language's editions that this build does not rebuild. */
async function keepOtherEditions(content: Project['content'], dir: string, rendered: EditionPlan[], out: string, staging: string): Promise<EditionPlan[]> {
  const built = new Set(rendered.map((r) => r.edition.id))
  const kept: EditionPlan[] = []
  for (const edition of content.workshop.editions) {
    const at = `${dir}${edition.id}`
    if (built.has(edition.id) || !existsSync(path.join(out, at, 'index.html'))) continue
    await cp(path.join(out, at), path.join(staging, at), { recursive: true })
    if (existsSync(path.join(out, `${at}.zip`))) await cp(path.join(out, `${at}.zip`), path.join(staging, `${at}.zip`))
    kept.push(planEdition(content, edition))
  }
  return kept
}

function manifest(project: Project, edition: RenderedEdition, files: Map<string, OutputFile>): Manifest {
  return {
    edition: edition.plan.edition.id,
    title: edition.meta.title,
    files: [...files].map(([p, f]) => manifestEntry(p, f.data, f.pages)).sort((a, b) => a.path.localeCompare(b.path)),
    sources: [...project.texts].map(([p, text]) => ({ path: p, sha256: sha256(text) })).sort((a, b) => a.path.localeCompare(b.path)),
    tools: Object.fromEntries(TOOLS.map((n) => [n, toolVersion(n)])),
  }
}

async function writeFiles(dir: string, files: Map<string, OutputFile>): Promise<void> {
  for (const [file, { data }] of files) {
    const target = path.join(dir, file)
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, data)
  }
}

/** Replaces `out` with `staging` so that `out` is never half-written. */
async function swapIn(staging: string, out: string): Promise<void> {
  const old = `${out}.old-${process.pid}`
  await mkdir(path.dirname(out), { recursive: true })
  const hadOut = await rename(out, old).then(
    () => true,
    () => false,
  )
  await rename(staging, out)
  if (hadOut) await rm(old, { recursive: true, force: true })
}
