import { toolVersion } from '../load/tool-versions.ts'
import type { RenderedEdition } from '../render/edition.ts'
import type { Audience } from '../core/audience.ts'
import { familiesOf } from '../render/font-faces.ts'
import { inlineAssets } from '../render/inline-assets.ts'
import { hashKey, type ArtefactCache } from './cache.ts'
import { withScriptCsp } from './csp.ts'
import { bespokeSlidesHtml, viewerWords, withViewerFonts, withViewerWords } from './slides-html.ts'
import { timed } from '../core/timings.ts'

/**
 * slides.html: marp-cli's viewer in the edition's direction, words and fonts, with
 * its assets inside and only its own scripts allowed. marp-cli's conversion
 * is the slowest text output, so it is cached while the deck, its theme and
 * its images are unchanged.
 */
export async function slidesPage(edition: RenderedEdition, audience: Audience, cache: ArtefactCache, salt: string): Promise<string> {
  const images = editionImages(edition)
  const markdown = audience === 'learner' ? edition.learner.deck.markdown : edition.deck.markdown
  const words = JSON.stringify(viewerWords(edition.messages))
  const key = hashKey(['slides.html', salt, toolVersion('@marp-team/marp-cli'), markdown, edition.fontCss, words, ...edition.themeCss, ...[...images].flat()])
  const hit = await cache.get(key)
  const cached = hit?.files[0]
  if (cached) return Buffer.from(cached.data).toString('utf8')
  const viewer = await timed('slides.html: marp-cli', () => bespokeSlidesHtml(markdown, edition.themeCss, edition.plan.edition.id))
  const localised = withViewerWords(withDirection(viewer, edition.messages.dir), edition.messages)
  const html = withScriptCsp(inlineAssets(withViewerFonts(localised, familiesOf(edition.fonts)), { files: images, fonts: edition.fonts }))
  await cache.put(key, { files: [{ path: 'slides.html', data: Buffer.from(html) }], warnings: [] })
  return html
}

/** slides.html of a right-to-left language says so on <html>, as every other page does. */
function withDirection(html: string, dir: 'ltr' | 'rtl'): string {
  return dir === 'rtl' ? html.replace(/<html(?![^>]*\sdir=)/, '<html dir="rtl"') : html
}

/** The edition's images by their path in the edition folder (the instructor set carries them beside slides.md). */
export function editionImages(edition: RenderedEdition): Map<string, Uint8Array> {
  const images = new Map<string, Uint8Array>()
  for (const [file, data] of edition.sets.instructor.files) if (file.startsWith('assets/') && typeof data !== 'string') images.set(file, data)
  return images
}
