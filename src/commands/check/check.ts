import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { BASE_LANGUAGE } from '../../core/messages.ts'
import { timed } from '../../core/timings.ts'
import { KitError, type Problems } from '../../core/problems.ts'
import { artefactCache, artefactWarnings, lookUpJobs, runArtefacts, subsetStore } from '../../export/artefacts.ts'
import type { ArtefactCache } from '../../export/cache.ts'
import { findBrowser } from '../../export/browser/find.ts'
import { withBrowser, type BrowserSession } from '../../export/browser/session.ts'
import { cacheSalt } from '../../export/cache-salt.ts'
import { SLIDE_SIZES } from '../../export/jobs.ts'
import { deckCheckJob } from '../../export/pptx-jobs.ts'
import type { InputLog } from '../../load/input-log.ts'
import { loadProject, type Project } from '../../load/project.ts'
import type { RenderedEdition } from '../../render/edition.ts'
import { renderLanguages, type RenderRun } from '../../render/editions.ts'
import { readSessionInput, type SessionInput } from '../session-input.ts'
import { type AxeCounts, AxeRuns } from './axe-runs.ts'
import { accessibilityProblems, contrastProblems } from './browser-checks.ts'
import { checkCatalogues } from './catalogue-coverage.ts'
import { checkCiInstall } from './ci-install.ts'
import { checkGlyphs } from './glyphs.ts'
import { checkSlideCode } from './slide-code.ts'
import { checkSources, checkTranslatedItems, projectFiles } from './sources.ts'
import { checkTemplates } from './template-usage.ts'
import { checkTranslations } from './stale-translations.ts'

/**
 * `kit check`: every validation the build does, the authoring checks, and —
 * when a browser is found — what only a browser sees: slides that overflow,
 * slides that would be pictures in the editable PPTX, accessibility of every
 * page, and any request a page makes (the same guarded pages the build
 * prints with). Prints nothing; returns all problems.
 */
export interface CheckResult {
  problems: Problems
  /** False when no browser was found (overflow and accessibility not checked). */
  browserChecked: boolean
  /** HTML pages of every edition whose accessibility was checked (a page in several editions counts in each). */
  pagesChecked: number
  /** What axe-core ran on in this check, and what it took from the cache (checked by an earlier check, unchanged since). */
  axe: AxeCounts
}

export interface CheckOptions {
  browser: boolean
  /** Also read every slide for the editable PPTX and judge it by the fidelity gate (KIT_PPTX_PICTURE), as a build does. */
  pptx?: boolean
  today?: Date
  session?: SessionInput & { editions?: string[] }
}

export async function runChecks(root: string, options: CheckOptions): Promise<CheckResult> {
  const unchecked = (problems: Problems): CheckResult => ({ problems, browserChecked: false, pagesChecked: 0, axe: noAxe() })
  const { project, problems, inputs } = await loadProject(root, { today: options.today })
  if (!project) return unchecked(problems)
  // The roster and results are checked like sources; their names reach the pages (and the glyph check) as the build's would.
  const records = options.session && (await readSessionInput(project, options.session, options.session.editions ?? [], problems))
  await authoringChecks(project, problems, inputs, options.session?.roster)
  if (problems.errors.length > 0) return unchecked(problems)
  // The font subsets a build made are used, and those made here kept for the build (src/render/editions.ts keeps none of a roster's).
  const cache = artefactCache(project.root)
  const rendered = await renderAll(project, problems, { inputs, today: options.today ?? new Date(), records, subsets: subsetStore(cache) })
  const choice = options.browser && problems.errors.length === 0 ? await findBrowser() : undefined
  const salt = choice && (await cacheSalt(choice.path))
  const checked = choice && salt ? await withBrowser(choice, (session) => browserChecks(project, rendered, { session, cache, salt, pptx: options.pptx === true }, problems)) : undefined
  // What this check used is marked, so a build's sweep keeps it (and a check's sweep keeps what builds used).
  await cache.sweep(JSON.stringify(['kit check', [...(options.session?.editions ?? [])].sort()]))
  return checked ? { problems, browserChecked: true, ...checked } : unchecked(problems)
}

function noAxe(): AxeCounts {
  return { pages: { checked: 0, cached: 0 }, parts: { checked: 0, cached: 0 } }
}

/** The checks that read the sources only. */
async function authoringChecks(project: Project, problems: Problems, inputs: InputLog, roster?: string): Promise<void> {
  const files = projectFiles(project.root)
  checkSources(project.content, problems, files)
  for (const pack of project.content.translations?.packs.values() ?? []) checkTranslatedItems([...pack.modules.values()], [...pack.exercises.values()], problems, files)
  await checkTranslations(project, problems)
  checkTemplates(
    [...project.texts].filter(([p]) => p.startsWith('templates/')).map(([path, text]) => ({ path, text })),
    problems,
    Object.keys(project.catalogues.merged.get(BASE_LANGUAGE) ?? {}),
  )
  checkCatalogues(project, problems)
  const translated = [...(project.content.translations?.packs.values() ?? [])].flatMap((pack) => [...pack.modules.values()])
  await checkSlideCode([...project.content.modules, ...translated], problems)
  await checkGlyphs(project, problems, inputs, roster ? await rosterText(project.root, roster) : undefined)
  await checkCiInstall(project.root, problems)
}

/** Every edition in every language: a translated slide can overflow where its source fits. */
async function renderAll(project: Project, problems: Problems, run: Omit<RenderRun, 'problems'>): Promise<RenderedEdition[]> {
  try {
    return (await renderLanguages(project, { editions: [] }, { problems, ...run })).map((u) => u.rendered)
  } catch (error) {
    if (!(error instanceof KitError)) throw error
    problems.push(...error.problems)
    return []
  }
}

/**
 * Decks measured (and, with --pptx, their editable PPTX gated), then every deck's contrast
 * and every page through axe-core, all editions at once; the problems come
 * edition by edition, each edition's contrast before its pages.
 */
async function browserChecks(project: Project, rendered: readonly RenderedEdition[], run: BrowserRun, problems: Problems): Promise<Omit<CheckResult, 'problems' | 'browserChecked'>> {
  const size = SLIDE_SIZES[project.content.workshop.size]
  await timed('check: decks', () => deckChecks(project, rendered, run, problems))
  const axe = new AxeRuns(run.session, run.cache, run.salt)
  const contrast = await timed('check: contrast', () => Promise.all(rendered.map((edition) => contrastProblems(axe, edition, size))))
  const pages = await timed('check: accessibility', () => Promise.all(rendered.map((edition) => accessibilityProblems(axe, edition, run.cache, run.salt))))
  for (const [i, found] of pages.entries()) problems.push(...(contrast[i] ?? []), ...found.problems)
  problems.push(...run.session.blockedRequests(project.texts))
  return { pagesChecked: pages.reduce((sum, found) => sum + found.pages, 0), axe: axe.counts }
}

/** The run's browser, artefact cache and cache salt, and whether the PPTX gate runs. */
interface BrowserRun {
  session: BrowserSession
  cache: ArtefactCache
  salt: string
  pptx: boolean
}

/** Each deck measured and, with --pptx, its editable PPTX gated (cached like the build's artefacts); their warnings and errors. */
async function deckChecks(project: Project, rendered: readonly RenderedEdition[], { session, cache, salt, pptx: gate }: BrowserRun, problems: Problems): Promise<void> {
  const { size, pptx } = project.content.workshop
  const work = await lookUpJobs(
    rendered.map((edition) => [deckCheckJob(edition, SLIDE_SIZES[size], salt, cache, pptx, gate)]),
    cache,
    () => {},
  )
  try {
    await runArtefacts(work, session, project.texts, () => {})
  } catch (error) {
    if (!(error instanceof KitError)) throw error
    problems.push(...error.problems)
  }
  problems.push(...artefactWarnings(work))
}

/** The roster's text for the glyph check, at its path relative to the project (as its problems are). */
async function rosterText(root: string, file: string): Promise<{ file: string; text: string } | undefined> {
  const bytes = await readFile(file).catch(() => undefined)
  return bytes && { file: path.relative(root, path.resolve(file)), text: new TextDecoder().decode(bytes) }
}
