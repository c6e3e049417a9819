import { readFile } from 'node:fs/promises'
import type { Page } from 'puppeteer-core'
import { measureOverflow, overflowProblems } from '../export/overflow.ts'
import { SLIDE_SIZES } from '../export/jobs.ts'
import { slidesPrintHtml } from '../export/print-pdf.ts'
import type { Problem } from '../problems.ts'
import { packageFile } from '../tool-versions.ts'
import type { RenderedEdition } from '../render/edition.ts'

/**
 * Checks that need the real browser: slides that overflow their frame, and
 * accessibility of every generated HTML page with axe-core (serious and
 * critical violations are errors).
 */
export async function overflowCheck(page: Page, edition: RenderedEdition, size: keyof typeof SLIDE_SIZES): Promise<Problem[]> {
  const frame = SLIDE_SIZES[size]
  const html = slidesPrintHtml({ slides: edition.slides, css: edition.rendered.css, fonts: '', lang: edition.meta.language, title: edition.meta.title, ...frame })
  await page.setViewport({ ...frame, deviceScaleFactor: 1 })
  await page.setContent(html, { waitUntil: 'load' })
  await page.evaluate(async () => {
    await document.fonts.ready
  })
  return overflowProblems(await measureOverflow(page), edition.deck.parts, edition.plan.modules, `${edition.plan.edition.id}/slides`)
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
      message: `${output}: ${v.help} (axe rule ${v.id}, ${v.impact}; ${v.nodes.length} element(s), first: ${v.nodes[0]?.target.join(' ') ?? '?'}).`,
      hint: `Content from ${source}. See ${v.helpUrl}`,
      location: { file: source },
    }))
}
