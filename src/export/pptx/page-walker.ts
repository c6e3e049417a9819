import type { Page } from 'puppeteer-core'
import { browserScript } from '../browser/browser-bundle.ts'
import type { PptxWalker, SlideModel } from './model.ts'

/**
 * Runs the walker's script (walk.browser.ts, bundled) in a loaded slide
 * page, which then holds `kitPptxWalk`. No request leaves the page. It is
 * evaluated through DevTools, not added as a `<script>` element: a tab
 * that printed a page with a Content-Security-Policy (a handout) keeps
 * that policy through `setContent`, and it refuses inline scripts.
 */
export async function addWalker(page: Page): Promise<void> {
  await page.evaluate(await browserScript(new URL('./walk.browser.ts', import.meta.url)))
}

/** Reads slide `index` of a page the walker was added to. */
export function walkSlideIn(page: Page, index: number): Promise<SlideModel> {
  return page.evaluate((i) => (globalThis as unknown as { kitPptxWalk: PptxWalker }).kitPptxWalk.walkSlide(i), index)
}
