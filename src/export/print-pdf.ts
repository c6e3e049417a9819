import type { Page } from 'puppeteer-core'
import { escapeHtml } from '../core/escape-html.ts'
import { finishPdf, type OutlineEntry, type PdfMeta } from './pdf-metadata.ts'

/** Loads self-contained HTML into `page` and waits for its fonts. */
export async function loadHtml(page: Page, html: string): Promise<void> {
  await page.setContent(html, { waitUntil: 'load', timeout: 60_000 })
  await page.evaluate(async () => {
    await document.fonts.ready
    // Every image decoded before printing, so none is left out of the PDF.
    await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)))
  })
}

/** Prints a document page (handout, sheet, guide, quiz) on its CSS paper size. */
export async function printDocument(page: Page, html: string, meta: PdfMeta, outline: OutlineEntry[] = []) {
  await loadHtml(page, html)
  const raw = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, timeout: 120_000 })
  return finishPdf(raw, meta, outline)
}

/** Prints the already loaded slide page: one PDF page per slide. */
export async function printSlides(page: Page, size: { width: number; height: number }, meta: PdfMeta, outline: OutlineEntry[]) {
  const raw = await page.pdf({
    width: `${size.width}px`,
    height: `${size.height}px`,
    printBackground: true,
    tagged: true,
    timeout: 120_000,
  })
  return finishPdf(raw, meta, outline)
}

/** HTML that lays slides out one per printed page (Marp's inline SVG). */
export function slidesPrintHtml(opts: { slides: string[]; css: string; fonts: string; lang: string; title: string; width: number; height: number }): string {
  const { width, height } = opts
  return `<!DOCTYPE html><html lang="${opts.lang}"><head><meta charset="utf-8"><title>${escapeHtml(opts.title)}</title>
<style>${opts.fonts}
${opts.css}
@page { size: ${width}px ${height}px; margin: 0; }
html, body { margin: 0; padding: 0; background: #fff; }
div.marpit > svg[data-marpit-svg] { display: block; width: ${width}px; height: ${height}px; break-after: page; }
div.marpit > svg[data-marpit-svg]:last-child { break-after: auto; }
</style></head><body><div class="marpit">${opts.slides.join('')}</div></body></html>`
}
