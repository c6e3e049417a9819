import path from 'node:path'
import type { Page } from 'puppeteer-core'
import { cacheSalt } from '../build.ts'
import { findBrowser, launchBrowser } from '../export/browser.ts'
import { ArtefactCache } from '../export/cache.ts'
import { exportJobs, SLIDE_SIZES } from '../export/jobs.ts'
import { withScriptCsp } from '../export/csp.ts'
import { KitError, type Problem, type Problems } from '../problems.ts'
import { loadProject, type Project } from '../project.ts'
import { Turns } from '../turns.ts'
import { renderLanguages } from '../pipeline.ts'
import type { RenderedEdition } from '../render/edition.ts'
import { bespokeSlidesHtml } from '../export/slides-html.ts'
import { accessibilityCheck, overflowCheck } from './browser-checks.ts'
import { checkGlyphs } from './glyphs.ts'
import { checkSources, checkTranslatedItems, projectFiles } from './sources.ts'
import { checkTemplates } from './templates.ts'
import { checkTranslations } from './translations.ts'
import { checkCatalogues } from './i18n.ts'
import { BASE_LANGUAGE } from '../i18n/messages.ts'

/**
 * `kit check`: every validation the build does, the authoring checks, and —
 * when a browser is found — slide overflow and accessibility of every HTML
 * output. Prints nothing; returns all problems.
 */
export interface CheckResult {
  problems: Problems
  /** False when no browser was found (overflow and accessibility not checked). */
  browserChecked: boolean
  pagesChecked: number
}

export async function runChecks(root: string, options: { browser: boolean }): Promise<CheckResult> {
  const { project, problems } = await loadProject(root)
  if (!project) return { problems, browserChecked: false, pagesChecked: 0 }
  checkSources(project.content, problems, projectFiles(root))
  for (const pack of project.content.translations?.packs.values() ?? []) checkTranslatedItems([...pack.modules.values()], [...pack.exercises.values()], problems, projectFiles(root))
  await checkTranslations(project, problems)
  checkTemplates(
    [...project.texts].filter(([p]) => p.startsWith('templates/')).map(([path, text]) => ({ path, text })),
    problems,
    Object.keys(project.catalogues.merged.get(BASE_LANGUAGE) ?? {}),
  )
  checkCatalogues(project, problems)
  await checkGlyphs(project, problems)
  if (problems.errors.length > 0) return { problems, browserChecked: false, pagesChecked: 0 }

  const rendered: RenderedEdition[] = []
  try {
    // Every edition in every language: a translated slide can overflow where its source fits.
    rendered.push(...(await renderLanguages(project, { editions: [] }, problems)).map((u) => u.rendered))
  } catch (error) {
    if (!(error instanceof KitError)) throw error
    problems.push(...error.problems)
  }
  const choice = options.browser && problems.errors.length === 0 ? await findBrowser() : undefined
  if (!choice) return { problems, browserChecked: false, pagesChecked: 0 }

  const browser = await launchBrowser(choice)
  const found: Problem[] = []
  let pagesChecked = 0
  const salt = await cacheSalt(choice.path)
  try {
    const page = await browser.newPage()
    for (const edition of rendered) {
      found.push(...(await overflowCheck(page, edition, project.content.workshop.size)))
      if (project.content.workshop.pptx !== 'images') found.push(...(await pptxFallbacks(project, edition, page, salt)))
      const slides = withScriptCsp(await bespokeSlidesHtml(edition.deck.markdown, edition.themeCss, edition.plan.edition.id))
      const pages: [string, string][] = [
        [`slides.html`, slides],
        ...[...edition.files].filter(([p, d]) => p.endsWith('.html') && typeof d === 'string').map(([p, d]) => [p, d as string] as [string, string]),
      ]
      for (const [output, html] of pages) {
        found.push(...(await accessibilityCheck(page, html, `${edition.plan.edition.id}/${output}`, sourceOf(output, edition))))
        pagesChecked++
      }
    }
  } finally {
    await browser.close()
  }
  problems.list.push(...dedupe(found))
  return { problems, browserChecked: true, pagesChecked }
}

/**
 * The slides that would be pictures in the editable slides.pptx, and why:
 * the build's own export and fidelity gate, run on the deck (each slide's
 * result is cached, so after a build this is quick).
 */
async function pptxFallbacks(project: Project, edition: RenderedEdition, page: Page, salt: string): Promise<Problem[]> {
  const cache = new ArtefactCache(path.join(project.root, '.kit-cache', 'artefacts'))
  const [job] = exportJobs(edition, ['pptx'], SLIDE_SIZES[project.content.workshop.size], salt, cache, 'editable')
  if (!job) return []
  const result = (await cache.get(job.key)) ?? (await job.run(page, new Turns()))
  await cache.put(job.key, result)
  return result.warnings.filter((w) => w.code === 'KIT_PPTX_PICTURE')
}

/** Which source a generated page mostly comes from, for the report. */
function sourceOf(output: string, edition: RenderedEdition): string {
  const exercise = /^exercises\/([^.]+)/.exec(output)?.[1]
  if (exercise) return edition.plan.exercises.find((e) => e.id === exercise)?.file ?? 'exercises/'
  if (output === 'slides.html') return 'templates/theme/kit.css'
  return `templates/${output.replace(/\.html$/, '.hbs')}`
}

/** Problems repeated across editions (same code, place and rule) are reported once. */
function dedupe(list: Problem[]): Problem[] {
  const seen = new Set<string>()
  return list.filter((p) => {
    const key = `${p.code}|${p.location?.file}|${p.location?.line}|${p.message.replace(/^[^/]+\//, '').replace(/\d+ element\(s\), first: .*$/, '')}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
