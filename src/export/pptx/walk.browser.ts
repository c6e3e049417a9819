import type { PptxWalker } from './model.ts'
import { walkSlide } from './walk/slide.ts'

/**
 * The PPTX walker's entry in the page. `npm run compile` bundles it into
 * one script (lib/export/pptx/walk.browser.js); the exporter adds that
 * script to the slide page and calls `kitPptxWalk.walkSlide(i)`.
 */
const walker: PptxWalker = { walkSlide }
;(globalThis as { kitPptxWalk?: PptxWalker }).kitPptxWalk = walker
