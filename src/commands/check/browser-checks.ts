import type { Page } from 'puppeteer-core'
import type { Problem } from '../../core/problems.ts'
import type { ArtefactCache } from '../../export/cache.ts'
import { slidesPage } from '../../export/slides-page.ts'
import { slideSource } from '../../render/deck/slide-source.ts'
import type { RenderedEdition } from '../../render/edition.ts'
import { type AxeRuns, withAxe } from './axe-runs.ts'

/**
 * Accessibility of every HTML page of an edition with axe-core (serious and
 * critical violations are errors), in the run's guarded pages, all pages at
 * once (the pool queues them); a page unchanged since a check is not run
 * again (`AxeRuns`). A problem names the page and the source its content
 * mostly comes from; the same violation on the same page of several
 * editions is one problem. The problems come in the pages' order.
 */
export async function accessibilityProblems(axe: AxeRuns, edition: RenderedEdition, cache: ArtefactCache, salt: string): Promise<{ problems: Problem[]; pages: number }> {
  const pages: [string, string][] = [['slides.html', await slidesPage(edition, 'instructor', cache, salt)]]
  for (const set of [edition.sets.learner, edition.sets.instructor]) for (const [file, data] of set.files) if (file.endsWith('.html') && typeof data === 'string') pages.push([file, data])
  // Pages with learners' names (a roster's) are checked anew every time, never cached.
  const personal = new Set([edition.sets.learner, edition.sets.instructor].flatMap((set) => set.printables.filter((p) => p.personal).map((p) => p.pdf.replace(/\.pdf$/, '.html'))))
  const found = await Promise.all(
    pages.map(async ([output, html]) => {
      const violations = await axe.run('pages', `${edition.plan.edition.id}/${output}`, [html], (page) => axeViolations(page, html), personal.has(output))
      return accessibilityReport(violations, output, sourceOf(output, edition))
    }),
  )
  return { problems: found.flat(), pages: pages.length }
}

/**
 * Text that does not stand out from its background, slide by slide (axe's
 * colour-contrast rule on the deck as it prints, one print part at a time,
 * all parts at once): each failing slide is an error at its line, kit's own
 * slides included (a module's colours must not reach them).
 */
export async function contrastProblems(axe: AxeRuns, edition: RenderedEdition, size: { width: number; height: number }): Promise<Problem[]> {
  const id = edition.plan.edition.id
  const found = await Promise.all(
    edition.print.map(async (part) => {
      const label = `${id}/slides ${part.first + 1}–${part.first + part.count} (contrast)`
      const failures = await axe.run('parts', label, [`${size.width}×${size.height}`, part.html], async (page) => {
        await page.setViewport({ ...size, deviceScaleFactor: 1 })
        await page.setContent(part.html, { waitUntil: 'load' })
        await withAxe(page)
        return (await page.evaluate(lowContrastSlides)) as { index: number; text: string; ratio: string }[]
      })
      return failures.map((f) => ({ ...f, index: part.first + f.index }))
    }),
  )
  return found.flat().map((f) => {
    const slide = slideSource(f.index, edition.deck.parts, edition.plan.modules, `${id}/slides`)
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

/** Runs axe-core on one page: its violations, with what the report uses. */
async function axeViolations(page: Page, html: string): Promise<AxeViolation[]> {
  await page.setBypassCSP(true)
  await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 })
  await page.setContent(html, { waitUntil: 'load' })
  await withAxe(page)
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target })) }))
  })) as AxeViolation[]
  await page.setBypassCSP(false)
  return violations
}

/** A page's serious and critical violations as problems; `output` names the page, `source` says where its content comes from. */
function accessibilityReport(violations: readonly AxeViolation[], output: string, source: string): Problem[] {
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
