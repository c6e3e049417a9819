import type { Page } from 'puppeteer-core'
import pptxgen from 'pptxgenjs'

const PptxGenJS = pptxgen as unknown as typeof pptxgen.default

/** Screenshots kept between builds, per slide: an edit re-shoots only the slides it changed. */
export interface SlideShots {
  get(index: number): Promise<Uint8Array | undefined>
  put(index: number, png: Uint8Array): Promise<void>
}

/** Device scale of the screenshots (1.5 × 1280 = 1920 px wide). */
export const SHOT_SCALE = 1.5

/**
 * Builds a PPTX with one picture slide per slide and its speaker notes, from
 * the slide page already loaded for the PDF (render once, derive twice).
 */
export async function slidesToPptx(
  page: Page,
  opts: { count: number; width: number; height: number; notes: string[][]; title: string; author: string; lang: string; shots?: SlideShots },
): Promise<Uint8Array> {
  const scale = SHOT_SCALE
  // Headless Chromium only paints the front tab; a screenshot of a
  // background tab never completes.
  await page.bringToFront()
  await page.setViewport({ width: opts.width, height: opts.height, deviceScaleFactor: scale })
  const pptx = new PptxGenJS()
  const inches = { width: 13.333, height: (13.333 * opts.height) / opts.width }
  pptx.defineLayout({ name: 'KIT', width: inches.width, height: inches.height })
  pptx.layout = 'KIT'
  pptx.title = opts.title
  pptx.author = opts.author
  pptx.company = ''
  pptx.subject = opts.title
  for (let i = 0; i < opts.count; i++) {
    let png = await opts.shots?.get(i)
    if (!png) {
      await page.evaluate((index) => {
        const slides = document.querySelectorAll<SVGElement>('div.marpit > svg[data-marpit-svg]')
        slides.forEach((svg, k) => {
          svg.style.display = k === index ? 'block' : 'none'
        })
      }, i)
      png = await page.screenshot({ type: 'png' })
      await opts.shots?.put(i, png)
    }
    const slide = pptx.addSlide()
    slide.addImage({ data: `image/png;base64,${Buffer.from(png).toString('base64')}`, x: 0, y: 0, w: inches.width, h: inches.height })
    const notes = (opts.notes[i] ?? []).join('\n\n').trim()
    if (notes) slide.addNotes(notes)
  }
  const out = (await pptx.write({ outputType: 'nodebuffer' })) as Buffer
  return new Uint8Array(out)
}
