import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { BASE_LANGUAGE } from '../../core/messages.ts'
import { KitError, type Problems } from '../../core/problems.ts'
import { artefactCache, artefactWarnings, lookUpJobs, runArtefacts } from '../../export/artefacts.ts'
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
  pagesChecked: number
}

export async function runChecks(root: string, options: { browser: boolean; today?: Date; session?: SessionInput & { editions?: string[] } }): Promise<CheckResult> {
  const unchecked = (problems: Problems) => ({ problems, browserChecked: false, pagesChecked: 0 })
  const { project, problems, inputs } = await loadProject(root, { today: options.today })
  if (!project) return unchecked(problems)
  // The roster and results are checked like sources; their names reach the pages (and the glyph check) as the build's would.
  const records = options.session && (await readSessionInput(project, options.session, options.session.editions ?? [], problems))
  await authoringChecks(project, problems, inputs, options.session?.roster)
  if (problems.errors.length > 0) return unchecked(problems)
  const rendered = await renderAll(project, problems, { inputs, today: options.today ?? new Date(), records })
  const choice = options.browser && problems.errors.length === 0 ? await findBrowser() : undefined
  if (!choice) return unchecked(problems)
  const salt = await cacheSalt(choice.path)
  const pagesChecked = await withBrowser(choice, (session) => browserChecks(project, rendered, session, salt, problems))
  return { problems, browserChecked: true, pagesChecked }
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

/** Decks measured (and their editable PPTX gated), then every page through axe-core; returns the pages checked. */
async function browserChecks(project: Project, rendered: readonly RenderedEdition[], session: BrowserSession, salt: string, problems: Problems): Promise<number> {
  const { size, pptx } = project.content.workshop
  const cache = artefactCache(project.root)
  const work = await lookUpJobs(
    rendered.map((edition) => [deckCheckJob(edition, SLIDE_SIZES[size], salt, cache, pptx)]),
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
  const pool = await session.pages()
  let pages = 0
  for (const edition of rendered) {
    problems.push(...(await contrastProblems(pool, edition, SLIDE_SIZES[size])))
    const found = await accessibilityProblems(pool, edition, cache, salt)
    problems.push(...found.problems)
    pages += found.pages
  }
  problems.push(...session.blockedRequests(project.texts))
  return pages
}

/** The roster's text for the glyph check, at its path relative to the project (as its problems are). */
async function rosterText(root: string, file: string): Promise<{ file: string; text: string } | undefined> {
  const bytes = await readFile(file).catch(() => undefined)
  return bytes && { file: path.relative(root, path.resolve(file)), text: new TextDecoder().decode(bytes) }
}
