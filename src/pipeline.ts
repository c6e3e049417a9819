import { assembleDeck } from './assemble/deck.ts'
import { readImages } from './load/assets.ts'
import type { Edition } from './load/schemas.ts'
import { planEdition } from './plan.ts'
import type { Problems } from './problems.ts'
import type { Project } from './project.ts'
import { renderEdition, type RenderedEdition } from './render/edition.ts'

/**
 * The pipeline's order, written once, after load: plan each edition,
 * assemble its deck, read the images the deck uses (the last file reads),
 * then render every page from bytes. `kit build` exports what this returns;
 * `kit check` measures it in the browser.
 */
export async function renderEditions(project: Project, editions: Edition[], problems: Problems): Promise<RenderedEdition[]> {
  const rendered: RenderedEdition[] = []
  for (const edition of editions) {
    const plan = planEdition(project.content, edition)
    const deck = assembleDeck(project.content, plan, project.marp, problems)
    const images = await readImages(project.root, deck.images, problems, project.inputs)
    rendered.push(renderEdition(project, plan, deck, images))
  }
  return rendered
}
