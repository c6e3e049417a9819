import type { Page } from 'puppeteer-core'
import { browserScript } from '../browser/browser-bundle.ts'
import type { PptxWalker, SlideModel } from './model.ts'

/**
 * Adds the walker (walk.browser.ts, bundled) to a loaded slide page as an
 * inline script: no request leaves the page. Needed again after the page
 * loads new content.
 */
export async function addWalker(page: Page): Promise<void> {
  await page.addScriptTag({ content: await browserScript(new URL('./walk.browser.ts', import.meta.url)) })
}

/** Reads slide `index` of a page the walker was added to. */
export function walkSlideIn(page: Page, index: number): Promise<SlideModel> {
  return page.evaluate((i) => (globalThis as unknown as { kitPptxWalk: PptxWalker }).kitPptxWalk.walkSlide(i), index)
}
