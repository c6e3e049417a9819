import { readFile } from 'node:fs/promises'
import type { Page } from 'puppeteer-core'
import type { Problem } from '../../core/problems.ts'
import type { PagePool } from '../../export/browser/page-pool.ts'
import type { ArtefactCache } from '../../export/cache.ts'
import { slidesPage } from '../../export/slides-page.ts'
import { packageFile } from '../../load/tool-versions.ts'
import type { RenderedEdition } from '../../render/edition.ts'

/**
 * Accessibility of every HTML page of an edition with axe-core (serious and
 * critical violations are errors), in the run's guarded pages. A problem
 * names the page and the source its content mostly comes from; the same
 * violation on the same page of several editions is one problem.
 */
export async function accessibilityProblems(pool: PagePool, edition: RenderedEdition, cache: ArtefactCache, salt: string): Promise<{ problems: Problem[]; pages: number }> {
  const pages: [string, string][] = [['slides.html', await slidesPage(edition, 'instructor', cache, salt)]]
  for (const set of [edition.sets.learner, edition.sets.instructor]) for (const [file, data] of set.files) if (file.endsWith('.html') && typeof data === 'string') pages.push([file, data])
  const problems: Problem[] = []
  for (const [output, html] of pages) {
    problems.push(...(await pool.use(`${edition.plan.edition.id}/${output}`, (page) => accessibilityCheck(page, html, output, sourceOf(output, edition)))))
  }
  return { problems, pages: pages.length }
}

let axeSource: string | undefined

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  helpUrl: string
  nodes: { target: string[] }[]
}

/** Runs axe-core on one page; `output` names it, `source` says where its content comes from. */
export async function accessibilityCheck(page: Page, html: string, output: string, source: string): Promise<Problem[]> {
  axeSource ??= await readFile(packageFile('axe-core/axe.min.js'), 'utf8')
  await page.setBypassCSP(true)
  await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 })
  await page.setContent(html, { waitUntil: 'load' })
  await page.addScriptTag({ content: axeSource })
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations
  })) as AxeViolation[]
  await page.setBypassCSP(false)
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      code: 'KIT_A11Y',
      severity: 'error' as const,
      message: `${output}: ${v.help} (axe rule ${v.id}, ${v.impact}).`,
      hint: `${v.nodes.length} element(s), first: ${v.nodes[0]?.target.join(' ') ?? '?'}. Content from ${source}. See ${v.helpUrl}`,
      location: { file: source },
    }))
}

/** Which source a generated page mostly comes from, for the report. */
function sourceOf(output: string, edition: RenderedEdition): string {
  const exercise = /^exercises\/([^.]+)/.exec(output)?.[1]
  if (exercise) return edition.plan.exercises.find((e) => e.id === exercise)?.file ?? 'exercises/'
  if (output === 'slides.html') return 'templates/theme/kit.css'
  return `templates/${output.replace(/\.html$/, '.hbs')}`
}
