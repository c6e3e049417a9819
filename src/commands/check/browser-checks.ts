import { readFile } from 'node:fs/promises'
import type { Page } from 'puppeteer-core'
import type { Problem } from '../../core/problems.ts'
import type { PagePool } from '../../export/browser/page-pool.ts'
import type { ArtefactCache } from '../../export/cache.ts'
import { slidesPrintHtml } from '../../render/deck/print-html.ts'
import { slidesPage } from '../../export/slides-page.ts'
import { slideSource } from '../../render/deck/slide-source.ts'
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

async function axe(): Promise<string> {
  axeSource ??= await readFile(packageFile('axe-core/axe.min.js'), 'utf8')
  return axeSource
}

/**
 * Text that does not stand out from its background, slide by slide (axe's
 * colour-contrast rule on the deck as it prints): each failing slide is an
 * error at its line, kit's own slides included (a module's colours must
 * not reach them).
 */
export async function contrastProblems(pool: PagePool, edition: RenderedEdition, size: { width: number; height: number }): Promise<Problem[]> {
  const html = slidesPrintHtml({ slides: edition.slides, css: edition.rendered.css, fonts: edition.fontCss, lang: edition.meta.language, title: edition.meta.title, ...size })
  const source = await axe()
  const failures = await pool.use(`${edition.plan.edition.id}/slides (contrast)`, async (page) => {
    await page.setViewport({ ...size, deviceScaleFactor: 1 })
    await page.setContent(html, { waitUntil: 'load' })
    await page.addScriptTag({ content: source })
    return (await page.evaluate(lowContrastSlides)) as { index: number; text: string; ratio: string }[]
  })
  return failures.map((f) => {
    const slide = slideSource(f.index, edition.deck.parts, edition.plan.modules, `${edition.plan.edition.id}/slides`)
    return {
      code: 'KIT_SLIDE_CONTRAST' as const,
      severity: 'error' as const,
      message: `${slide.label}: text is hard to read against its background (contrast ${f.ratio}): “${f.text}”.`,
      hint: 'Keep the theme’s colours, or pick a text colour and background with a contrast of at least 4.5:1 (3:1 for large text).',
      location: slide.location,
    }
  })
}

/** In the page: axe's colour-contrast rule over every slide, the first failing text of each slide. */
async function lowContrastSlides(): Promise<{ index: number; text: string; ratio: string }[]> {
  type Node = { target: string[]; any: { data?: { contrastRatio?: number } }[] }
  const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { nodes: Node[] }[] }> } }).axe
  const result = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] })
  const sections = [...document.querySelectorAll('div.marpit > svg[data-marpit-svg] > foreignObject > section[id]')]
  const found = new Map<number, { index: number; text: string; ratio: string }>()
  for (const node of result.violations.flatMap((v) => v.nodes)) {
    const element = document.querySelector(node.target.join(' '))
    const index = sections.findIndex((s) => element && s.contains(element))
    if (index < 0 || found.has(index)) continue
    const ratio = node.any[0]?.data?.contrastRatio
    found.set(index, { index, text: (element?.textContent ?? '').trim().slice(0, 60), ratio: ratio ? `${ratio}:1` : 'too low' })
  }
  return [...found.values()]
}

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  helpUrl: string
  nodes: { target: string[] }[]
}

/** Runs axe-core on one page; `output` names it, `source` says where its content comes from. */
export async function accessibilityCheck(page: Page, html: string, output: string, source: string): Promise<Problem[]> {
  const axeSource = await axe()
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
