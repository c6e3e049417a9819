import { renderDeck } from '../../core/marp-engine.ts'
import type { Problems } from '../../core/problems.ts'
import { readImages } from '../../load/assets.ts'
import type { InputLog } from '../../load/input-log.ts'
import type { Project } from '../../load/project.ts'
import type { Edition } from '../../load/schemas.ts'
import { planEdition, type EditionPlan } from '../../plan/edition-plan.ts'
import { assembleDeck, type DeckPart } from '../../render/deck/assemble-deck.ts'
import { escapeMarkdown } from '../../core/escape-html.ts'
import { fontsFor } from '../../render/editions.ts'
import { inlineAssets } from '../../render/inline-assets.ts'
import { renderNotes } from '../../render/markdown-html.ts'
import { firstHeading } from '../../load/module.ts'

/**
 * The deck a room follows: the edition's assembled deck with a join slide
 * in front (the QR code, the address and the room code), rendered by
 * marp-core with the edition's theme and its fonts, subset to the
 * characters of the deck and of the live pages.
 */
export interface LiveDeck {
  plan: EditionPlan
  /** One `<svg data-marpit-svg>` per slide, images inlined; slide 0 is the join slide. */
  slides: string[]
  /** The deck's CSS (theme, fonts). */
  css: string
  /** The @font-face rules (data URLs) of the deck, also used by the live pages. */
  fontCss: string
  /** Speaker notes per slide, as HTML. */
  notes: string[]
  titles: string[]
  /** The edition's parts, counted with the join slide in front. */
  parts: DeckPart[]
}

export interface JoinSlide {
  /** Words of the slide, in the workshop's language. */
  heading: string
  /** Lines of a label and its value shown strong: "Open" + the address, "Room code" + the code. */
  lines: { label: string; value: string }[]
  /** The QR code as an SVG document. */
  qrSvg: string
  notes: string
}

/** Where the join slide's QR code sits among the deck's images. */
const QR_PATH = 'assets/kit-live-join.svg'

export async function renderLiveDeck(project: Project, edition: Edition, join: JoinSlide, extraTexts: string[], run: { problems: Problems; inputs: InputLog }): Promise<LiveDeck> {
  const { content } = project
  const plan = planEdition(content, edition)
  const deck = assembleDeck(content, plan, project.marp, run.problems)
  const markdown = withJoinSlide(deck.markdown, join)
  const images = await readImages(project.root, deck.images, run.problems, run.inputs)
  images.set(QR_PATH, Buffer.from(join.qrSvg))
  const draft = renderDeck(project.marp, markdown)
  const fonts = await fontsFor(project, [...draft.slides, draft.css, ...extraTexts], run.inputs)
  return {
    plan,
    slides: draft.slides.map((s) => inlineAssets(s, { files: images, fonts: fonts.faces })),
    css: draft.css,
    fontCss: fonts.css,
    notes: draft.notes.map((n) => renderNotes(n)),
    titles: draft.slides.map(firstHeading),
    parts: deck.parts.map((p) => ({ ...p, first: p.first + 1 })),
  }
}

/** The deck's markdown with the join slide put first, after the deck's front matter. */
export function withJoinSlide(markdown: string, join: JoinSlide): string {
  const end = markdown.indexOf('\n---\n', 4)
  const head = markdown.slice(0, end + 5)
  const slide = [
    '<!-- _class: "title kit-title kit-live-join" -->',
    '<!-- _paginate: false -->',
    '<!-- _header: "" -->',
    '<!-- _footer: "" -->',
    '',
    `![bg right:42% 82%](${QR_PATH})`,
    '',
    `# ${escapeMarkdown(join.heading)}`,
    '',
    ...join.lines.map((line) => `## ${escapeMarkdown(line.label)} **${escapeMarkdown(line.value)}**\n`),
    '',
    `<!--\n${join.notes.replace(/--/g, '—')}\n-->`,
  ].join('\n')
  return `${head}\n${slide}\n\n---\n\n${markdown.slice(end + 5).replace(/^\n+/, '')}`
}
