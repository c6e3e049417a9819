import type { Page } from 'puppeteer-core'
import { finishPdf, type OutlineEntry, type PdfMeta } from './pdf-metadata.ts'
import { timed } from '../core/timings.ts'

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
  await timed('document: load', () => loadHtml(page, html))
  const raw = await timed('document: print', () => page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, timeout: 120_000 }))
  return timed('pdf-lib: finish', () => finishPdf(raw, meta, outline))
}

/** Prints the already loaded slide page (a deck's print part) as the browser makes it: one PDF page per slide, not yet described. */
export function printPart(page: Page, size: { width: number; height: number }): Promise<Uint8Array> {
  return timed('deck: print', () =>
    page.pdf({
      width: `${size.width}px`,
      height: `${size.height}px`,
      printBackground: true,
      tagged: true,
      timeout: 120_000,
    }),
  )
}
