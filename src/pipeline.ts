import { assembleDeck } from './assemble/deck.ts'
import { readImages } from './load/assets.ts'
import { readFontFiles } from './load/fonts.ts'
import type { Edition } from './load/schemas.ts'
import { planEdition } from './plan.ts'
import type { Problems } from './problems.ts'
import type { Project } from './project.ts'
import { renderEdition, type RenderedEdition } from './render/edition.ts'
import { charactersOf, embedFonts, type EmbeddedFonts } from './render/fonts.ts'

/**
 * The pipeline's order, written once, after load: plan each edition,
 * assemble its deck, read the images the deck uses, render every page from
 * bytes, then read the font files its characters need (the last file reads)
 * and render again with those fonts, subset to its characters. `kit build`
 * exports what this returns; `kit check` measures it in the browser.
 */
export async function renderEditions(project: Project, editions: Edition[], problems: Problems): Promise<RenderedEdition[]> {
  const rendered: RenderedEdition[] = []
  for (const edition of editions) {
    const plan = planEdition(project.content, edition)
    const deck = assembleDeck(project.content, plan, project.marp, problems)
    const images = await readImages(project.root, deck.images, problems, project.inputs)
    // The rendered text is the truth about the characters: generated words included.
    const draft = renderEdition(project, plan, deck, images)
    const fonts = await fontsFor(project, [...textsOf(draft), ...svgTexts(images)])
    // Without fonts to embed (a fonts.json that lists none), the draft is the edition.
    rendered.push({ ...(fonts.css ? renderEdition(project, plan, deck, images, fonts.css) : draft), missingGlyphs: fonts.missing })
  }
  return rendered
}

/** The fonts for these texts: the font files their characters need, read (and logged), then subset. */
export async function fontsFor(project: Project, texts: Iterable<string>): Promise<EmbeddedFonts> {
  const chars = charactersOf(texts)
  const files = await readFontFiles(project.fonts, chars, project.inputs)
  return embedFonts(project.fonts, files, chars, project.content.workshop.language)
}

function* textsOf(edition: RenderedEdition): Iterable<string> {
  for (const data of edition.files.values()) if (typeof data === 'string') yield data
  for (const page of edition.printables) yield page.html
  yield edition.rendered.css
}

/** SVG images carry their text inside data URLs, out of sight of the pages' characters. */
function* svgTexts(images: Map<string, Uint8Array>): Iterable<string> {
  for (const [file, bytes] of images) if (file.toLowerCase().endsWith('.svg')) yield Buffer.from(bytes).toString('utf8')
}
