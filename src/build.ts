import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser } from 'puppeteer-core'
import { formatDuration } from './agenda.ts'
import { findBrowser, launchBrowser, noBrowserError } from './export/browser.ts'
import { withScriptCsp } from './export/csp.ts'
import { formatBytes, manifestEntry, sha256, type Manifest } from './export/manifest.ts'
import { measureOverflow, overflowProblems } from './export/overflow.ts'
import { PagePool } from './export/page-pool.ts'
import { printDocument, printSlides, slidesPrintHtml } from './export/print-pdf.ts'
import { slidesToPptx } from './export/pptx.ts'
import { zipFolder } from './export/zip.ts'
import { planEdition, selectEditions, type EditionPlan, type Format } from './plan.ts'
import { KitError, type Problem } from './problems.ts'
import { Turns } from './turns.ts'
import { KIT_ROOT, loadProject, type Project } from './project.ts'
import { renderEdition, type RenderedEdition } from './render/edition.ts'
import { inlineAssets } from './render/inline-assets.ts'
import { bespokeSlidesHtml } from './render/slides-html.ts'
import { agendaView, pageBase } from './views/common.ts'

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
  /** One line per finished artefact. */
  log?: (line: string) => void
}

export interface BuildResult {
  editions: { id: string; files: { path: string; bytes: number; pages?: number }[] }[]
  warnings: Problem[]
  /** Requests the browser refused because an output tried to go online. */
  blockedRequests: { url: string; output: string }[]
  seconds: number
}

/** A finished output file of an edition. */
interface OutputFile {
  data: string | Uint8Array
  pages?: number
}

/** Screenshots need the front tab, so PPTX exports take turns. */
const screenshots = new Turns()

const SIZES = { '16:9': { width: 1280, height: 720 }, '4:3': { width: 960, height: 720 } } as const

export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = Date.now()
  const log = options.log ?? (() => {})

  // load + validate
  const { project, problems } = await loadProject(options.root)
  if (!project) throw new KitError(problems.list)
  problems.throwIfErrors()

  // plan
  const plans = selectEditions(project.content, options.editions).map((e) => planEdition(project.content, e))

  // render (no browser)
  const rendered: RenderedEdition[] = []
  for (const plan of plans) rendered.push(await renderEdition(project, plan, problems))
  problems.throwIfErrors()

  // export: one browser for the whole build, only when something needs it
  const needsBrowser = options.formats.includes('pdf') || options.formats.includes('pptx')
  let browser: Browser | undefined
  if (needsBrowser) {
    const choice = await findBrowser()
    if (!choice) throw noBrowserError()
    browser = await launchBrowser(choice)
  }
  const pool = browser ? new PagePool(browser, 2) : undefined
  const staging = `${options.out}.staging-${process.pid}`
  try {
    await rm(staging, { recursive: true, force: true })
    const warnings: Problem[] = []
    const outputs = await Promise.all(rendered.map((edition) => exportEdition(project, edition, options, pool, log, warnings)))
    problems.list.push(...dedupe(warnings))
    if (pool && pool.blocked.length > 0) {
      throw new KitError(
        pool.blocked.map((b) => ({
          code: 'KIT_NETWORK_REQUEST',
          severity: 'error' as const,
          message: `${b.output} tried to load ${b.url}; the kit must work offline.`,
          hint: 'Inline the resource or put it in content/assets/.',
        })),
      )
    }

    // write: everything into a staging folder, then swap it in
    for (const [i, files] of outputs.entries()) {
      const id = rendered[i]?.plan.edition.id ?? ''
      await writeFiles(path.join(staging, id), files)
      const zip = await zipFolder(id, new Map([...files].map(([p, f]) => [p, typeof f.data === 'string' ? Buffer.from(f.data) : f.data])))
      await writeFile(path.join(staging, `${id}.zip`), zip)
      log(`${id}.zip  ${formatBytes(zip.byteLength)}`)
    }
    // Editions not rebuilt this time stay as they were.
    const kept = await keepOtherEditions(project, rendered, options.out, staging)
    await writeFile(path.join(staging, 'index.html'), homePage(project, [...kept, ...rendered.map((r) => r.plan)]))
    await swapIn(staging, options.out)
    return {
      editions: rendered.map((r, i) => ({
        id: r.plan.edition.id,
        files: [...(outputs[i] ?? new Map())].map(([p, f]) => ({ path: p, bytes: manifestEntry(p, f.data).bytes, pages: f.pages })),
      })),
      warnings: problems.warnings,
      blockedRequests: pool?.blocked ?? [],
      seconds: (Date.now() - started) / 1000,
    }
  } finally {
    await rm(staging, { recursive: true, force: true })
    await browser?.close()
  }
}

async function exportEdition(
  project: Project,
  edition: RenderedEdition,
  options: BuildOptions,
  pool: PagePool | undefined,
  log: (line: string) => void,
  warnings: Problem[],
): Promise<Map<string, OutputFile>> {
  const id = edition.plan.edition.id
  const files = new Map<string, OutputFile>()
  const add = (file: string, data: string | Uint8Array, pages?: number) => {
    files.set(file, { data, pages })
    log(`${id}/${file}${pages ? `  ${pages} pages` : ''}  ${formatBytes(typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength)}`)
  }
  const html = options.formats.includes('html')
  for (const [file, data] of edition.files) {
    if (file.endsWith('.html') && !html) continue
    add(file, data)
  }
  if (html) {
    const bespoke = await bespokeSlidesHtml(edition.deck.markdown, project.themeCss)
    add('slides.html', withScriptCsp(inlineAssets(bespoke, { files: imageFiles(edition), fontCss: project.fontCss })))
  }
  const size = SIZES[project.content.workshop.size]
  const jobs: Promise<void>[] = []
  if (pool && (options.formats.includes('pdf') || options.formats.includes('pptx'))) {
    jobs.push(
      pool.use(`${id}/slides`, async (page) => {
        const print = slidesPrintHtml({ slides: edition.slides, css: edition.rendered.css, fonts: '', lang: edition.meta.language, title: edition.meta.title, ...size })
        await page.setViewport({ ...size, deviceScaleFactor: 1 })
        await page.setContent(print, { waitUntil: 'load', timeout: 60_000 })
        await page.evaluate(async () => {
          await document.fonts.ready
        })
        const overflow = await measureOverflow(page)
        warnings.push(...overflowProblems(overflow, edition.deck.parts, edition.plan.modules, `${id}/slides`))
        if (options.formats.includes('pdf')) {
          const outline = edition.deck.parts
            .filter((p) => p.kind === 'divider' || p.kind === 'title' || p.kind === 'agenda')
            .map((p) => ({ title: outlineTitle(edition, p.kind, p.moduleId), page: p.first }))
          const pdf = await printSlides(page, size, { ...edition.meta, subject: 'Slides' }, outline)
          add('slides.pdf', pdf.bytes, pdf.pages)
        }
        if (options.formats.includes('pptx')) {
          const pptx = await screenshots.run(() => slidesToPptx(page, { count: edition.slides.length, ...size, notes: edition.rendered.notes, title: edition.meta.title, author: edition.meta.author, lang: edition.meta.language }))
          add('slides.pptx', pptx, edition.slides.length)
        }
      }),
    )
  }
  if (pool && options.formats.includes('pdf')) {
    for (const printable of edition.printables) {
      jobs.push(
        pool.use(`${id}/${printable.pdf}`, async (page) => {
          const pdf = await printDocument(page, printable.html, { ...edition.meta, title: printable.title, subject: printable.subject }, printable.outline)
          add(printable.pdf, pdf.bytes, pdf.pages)
        }),
      )
    }
  }
  await Promise.all(jobs)
  add('index.html', landingPage(project, edition, files))
  add('manifest.json', JSON.stringify(manifest(project, edition, files), null, 2))
  return files
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

function imageFiles(edition: RenderedEdition): Map<string, Uint8Array> {
  const images = new Map<string, Uint8Array>()
  for (const [file, data] of edition.files) if (file.startsWith('assets/') && typeof data !== 'string') images.set(file, data)
  return images
}

function outlineTitle(edition: RenderedEdition, kind: string, moduleId?: string): string {
  if (kind === 'title') return edition.plan.edition.title
  if (kind === 'agenda') return 'Agenda'
  const index = edition.plan.modules.findIndex((m) => m.id === moduleId)
  return `${index + 1}. ${edition.plan.modules[index]?.title ?? moduleId}`
}

function landingPage(project: Project, edition: RenderedEdition, files: Map<string, OutputFile>): string {
  const { content } = project
  const order = ['slides.html', 'slides.pdf', 'slides.pptx', 'slides.md', 'handout.html', 'handout.pdf', 'exercises.pdf', 'guide.html', 'guide.pdf', 'quiz.html', 'quiz.pdf']
  const rank = (p: string) => (order.includes(p) ? order.indexOf(p) : p.startsWith('exercises/') ? order.length : order.length + 1)
  const artefacts = [...files]
    .filter(([p]) => !p.startsWith('assets/'))
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([p, f]) => ({
      path: p,
      label: p === 'slides.html' ? 'Slides: press P for presenter view with notes, F for fullscreen' : p === 'slides.pdf' ? 'Slides (PDF, bookmarks per module)' : p === 'slides.pptx' ? 'Slides (PowerPoint, with speaker notes)' : edition.labels.get(p) ?? p,
      pages: f.pages ?? '',
      size: formatBytes(typeof f.data === 'string' ? Buffer.byteLength(f.data) : f.data.byteLength),
    }))
  return project.templates.render('index', {
    ...pageBase(content, { fonts: project.fontCss, print: project.printCss }, edition.meta.title, edition.plan.edition),
    agenda: agendaView(edition.plan.agenda),
    artefacts,
  })
}

/** Copies the previous output of editions that this build does not rebuild. */
async function keepOtherEditions(project: Project, rendered: RenderedEdition[], out: string, staging: string): Promise<EditionPlan[]> {
  const built = new Set(rendered.map((r) => r.plan.edition.id))
  const kept: EditionPlan[] = []
  for (const edition of project.content.workshop.editions) {
    if (built.has(edition.id) || !existsSync(path.join(out, edition.id, 'index.html'))) continue
    await cp(path.join(out, edition.id), path.join(staging, edition.id), { recursive: true })
    if (existsSync(path.join(out, `${edition.id}.zip`))) await cp(path.join(out, `${edition.id}.zip`), path.join(staging, `${edition.id}.zip`))
    kept.push(planEdition(project.content, edition))
  }
  return kept
}

function homePage(project: Project, plans: EditionPlan[]): string {
  const { content } = project
  const order = content.workshop.editions.map((e) => e.id)
  return project.templates.render('home', {
    ...pageBase(content, { fonts: project.fontCss, print: project.printCss }, content.workshop.title),
    editions: [...plans]
      .sort((a, b) => order.indexOf(a.edition.id) - order.indexOf(b.edition.id))
      .map((plan) => ({
        id: plan.edition.id,
        title: plan.edition.title,
        lengthText: formatDuration(plan.agenda.total),
        moduleCount: plan.modules.length,
        exerciseCount: plan.exercises.length,
      })),
  })
}

function manifest(project: Project, edition: RenderedEdition, files: Map<string, OutputFile>): Manifest {
  const version = (name: string) => {
    try {
      return (JSON.parse(readFileSync(path.join(KIT_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version
    } catch {
      return 'unknown'
    }
  }
  return {
    edition: edition.plan.edition.id,
    title: edition.meta.title,
    files: [...files].map(([p, f]) => manifestEntry(p, f.data, f.pages)).sort((a, b) => a.path.localeCompare(b.path)),
    sources: [...project.texts].map(([p, text]) => ({ path: p, sha256: sha256(text) })).sort((a, b) => a.path.localeCompare(b.path)),
    tools: Object.fromEntries(['@marp-team/marp-core', '@marp-team/marp-cli', 'handlebars', 'puppeteer-core', 'pdf-lib', 'pptxgenjs'].map((n) => [n, version(n)])),
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
