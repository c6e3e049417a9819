import { assembleDeck } from './deck/assemble-deck.ts'
import { readImages } from '../load/assets.ts'
import { readFontFiles } from '../load/font-packages.ts'
import type { Edition } from '../load/schemas.ts'
import type { SessionRecords } from '../load/session-records.ts'
import type { InputLog } from '../load/input-log.ts'
import type { Content } from '../load/content.ts'
import { contentInLanguage, untranslatedIn, type Untranslated } from '../load/language-content.ts'
import { languagesOf } from '../load/translations.ts'
import { planEdition, selectEditions } from '../plan/edition-plan.ts'
import { Problems, usageError } from '../core/problems.ts'
import type { Project } from '../load/project.ts'
import type { Module } from '../load/module.ts'
import type { ImageRef } from '../load/module-images.ts'
import { modulePreviewDeck, modulePreviewHtml } from './module-preview.ts'
import { renderEdition, type DeckRender, type EditionSet, type RenderedEdition } from './edition.ts'
import type { AssembledDeck } from './deck/assemble-deck.ts'
import type { Audience } from '../core/audience.ts'
import type { EditionPlan } from '../plan/edition-plan.ts'
import { printRanges, SLIDE_SIZES, slidesPrintHtml, type PrintPart } from './deck/print-html.ts'
import { FONTS_MARK, PageFonts } from './page-fonts.ts'
import { assetDataUrl } from './inline-assets.ts'
import { charactersOf, embedFonts, type EmbeddedFace, type EmbeddedFonts, type SubsetStore } from './font-faces.ts'
import { timed, timedSync } from '../core/timings.ts'

/**
 * The pipeline's order, written once, after load: plan each edition,
 * assemble its deck, then render it with its fonts (`renderWithFonts`).
 * `kit build` exports what this returns; `kit check` measures it in the
 * browser; `kit dev`'s module previews take the same path
 * (`renderModulePreview`).
 */
export async function renderEditions(project: Project, editions: readonly Edition[], run: RenderRun): Promise<RenderedEdition[]> {
  const rendered: RenderedEdition[] = []
  for (const edition of editions) {
    const plan = planEdition(project.content, edition)
    const decks = {
      instructor: assembleDeck(project.content, plan, project.marp, run.problems),
      learner: assembleDeck(project.content, plan, project.marp, new Problems(), 'learner'),
    }
    // Names from the roster are characters of the edition like any other: the draft carries them to font subsetting.
    rendered.push(await renderWithPageFonts(project, plan, decks, run, run.records?.(edition)))
  }
  return rendered
}

/**
 * After the decks: read the images they use and give each SVG the fonts of
 * its own text, render every page once with a mark where its fonts go,
 * then read the font files the rendered characters need (the last file
 * reads) and give each printed page and each part of each printed deck the
 * fonts of its own characters (src/render/page-fonts.ts). Pages that are
 * not printed (landing pages, slides.html) take the edition's fonts.
 */
async function renderWithPageFonts(project: Project, plan: EditionPlan, decks: Record<Audience, AssembledDeck>, run: RenderRun, records?: SessionRecords): Promise<RenderedEdition> {
  const images = await readImages(project.root, decks.instructor.images, run.problems, run.inputs)
  // Subsets of a roster's names are personal data: they are not kept.
  const fonts = new PageFonts(project, run.inputs, records ? undefined : run.subsets)
  const urls = await timed('render: fonts', () => imageUrls(images, fonts))
  const page = timedSync('render: pages', () => renderEdition(project, plan, decks, images, { today: run.today, urls, pageFonts: FONTS_MARK, records }))
  const texts = [...textsOf(page)]
  await fonts.read(texts)
  const edition = await timed('render: fonts', () => fonts.embed([...texts.map((t) => t.replace(FONTS_MARK, '')), ...svgTexts(images)]))
  const fontCss = edition.css
  const done: RenderedEdition = {
    ...page,
    fonts: edition.faces,
    fontCss,
    themeCss: fontCss ? project.themeCss.map((css) => `${css}\n${fontCss}`) : project.themeCss,
    missingGlyphs: edition.missing,
    imageUrls: urls,
  }
  await timed('render: fonts', async () => {
    for (const set of Object.values(done.sets)) await fillSet(set, fonts)
    const size = SLIDE_SIZES[project.content.workshop.size]
    for (const deck of [done, done.learner]) deck.print = await printParts(deck, fonts, { lang: done.meta.language, title: done.meta.title, ...size })
  })
  return done
}

/** Each page of a set with the fonts of its own characters. */
async function fillSet(set: EditionSet, fonts: PageFonts): Promise<void> {
  for (const [file, data] of set.files) if (typeof data === 'string' && file.endsWith('.html')) set.files.set(file, await fonts.fill(data))
  for (const printable of set.printables) printable.html = await fonts.fill(printable.html)
}

/** The deck's print parts, each with the fonts of its own slides. */
async function printParts(deck: DeckRender, fonts: PageFonts, page: { lang: string; title: string; width: number; height: number }): Promise<PrintPart[]> {
  const parts: PrintPart[] = []
  for (const range of printRanges(deck.deck.parts, deck.slides.length)) {
    const slides = deck.slides.slice(range.first, range.first + range.count)
    const { css } = await fonts.embed([...slides, deck.rendered.css])
    parts.push({ ...range, html: slidesPrintHtml({ slides, css: deck.rendered.css, fonts: css, ...page }) })
  }
  return parts
}

/** Every image as a data URL; each SVG with the fonts its own text needs (an SVG in <img> cannot see the page's fonts). */
async function imageUrls(images: Map<string, Uint8Array>, fonts: PageFonts): Promise<Map<string, string>> {
  const urls = new Map<string, string>()
  const svgs = [...images].filter(([file]) => file.toLowerCase().endsWith('.svg'))
  await fonts.read(svgs.map(([, bytes]) => Buffer.from(bytes).toString('utf8')))
  for (const [file, bytes] of images) {
    const svg = file.toLowerCase().endsWith('.svg') ? Buffer.from(bytes).toString('utf8') : undefined
    urls.set(file, assetDataUrl(file, bytes, svg === undefined ? [] : (await fonts.embed([svg])).faces))
  }
  return urls
}

/**
 * One module alone, as `kit dev` previews it: the module's slides as an
 * edition's deck shows them (theme, size, language, brand footer), rendered
 * with the fonts their characters need, in the same order as an edition.
 */
export async function renderModulePreview(project: Project, module: Module, run: RenderRun): Promise<string> {
  const deck = modulePreviewDeck(module, project.content, project.marp, run.problems)
  const render = (images: Map<string, Uint8Array>, fonts: readonly EmbeddedFace[]) => modulePreviewHtml(project, module, deck, images, fonts)
  return (await renderWithFonts(project, deck.images, run, render, (html) => [html])).page
}

/**
 * After the deck: read the images it uses, render every page from bytes,
 * then read the font files the rendered characters need (the last file
 * reads) and render again with those fonts, subset to those characters.
 * The rendered text is the truth about the characters: generated words
 * included.
 */
async function renderWithFonts<Page>(
  project: Project,
  refs: ImageRef[],
  run: RenderRun,
  render: (images: Map<string, Uint8Array>, fonts: readonly EmbeddedFace[]) => Page,
  texts: (page: Page) => Iterable<string>,
): Promise<{ page: Page; missing: string[] }> {
  const images = await readImages(project.root, refs, run.problems, run.inputs)
  const draft = timedSync('render: pages', () => render(images, []))
  const fonts = await timed('render: fonts', () => fontsFor(project, [...texts(draft), ...svgTexts(images)], run.inputs))
  // Without fonts to embed (a fonts.json that lists none), the draft is the page.
  return { page: fonts.faces.length > 0 ? timedSync('render: pages', () => render(images, fonts.faces)) : draft, missing: fonts.missing }
}

/** What rendering is given besides the project: where problems go, the log of files read, the day. */
export interface RenderRun {
  problems: Problems
  inputs: InputLog
  /** The day the run happens (freshness of sources when the workshop has no event date). */
  today: Date
  /** Where font subsets are kept between runs (the artefact cache); without it, for this process only. */
  subsets?: SubsetStore
  /** A session's roster and results for an edition (`--roster`, `--results`, or `kit live`); personal data, never cached. */
  records?: (edition: Edition) => SessionRecords | undefined
}

/** One edition in one language, rendered, with where it goes and what of it is not translated. */
export interface LanguageEdition {
  lang: string
  /** The workshop in its source language. */
  source: Content
  /** Its folder in the output: `<edition>` for the source language, `<lang>/<edition>` for the others. */
  dir: string
  /** The project in that language (its content translated, `workshop.language` set). */
  project: Project
  untranslated: Untranslated[]
  rendered: RenderedEdition
}

/** The output folder of a language: the root for the source language, `<lang>/` for the others. */
export function languageDir(content: Content, lang: string): string {
  return lang === content.workshop.language ? '' : `${lang}/`
}

/**
 * The editions asked for (all when none), in every language asked for (all
 * of `languages` when none) that has them. Unknown edition ids and languages
 * are usage errors.
 */
export async function renderLanguages(project: Project, wanted: { editions: readonly string[]; languages?: readonly string[] }, run: RenderRun): Promise<LanguageEdition[]> {
  const source = selectEditions(project.content, wanted.editions)
  const languages = languagesOf(project.content)
  const unknown = (wanted.languages ?? []).filter((l) => !languages.includes(l))
  if (unknown.length > 0) throw usageError('KIT_UNKNOWN_LANGUAGE', `workshop.yaml does not build ${unknown.join(', ')}.`, `Languages in workshop.yaml: ${languages.join(', ')}.`)
  const out: LanguageEdition[] = []
  for (const lang of wanted.languages?.length ? languages.filter((l) => wanted.languages?.includes(l)) : languages) {
    const { content, untranslated } = contentInLanguage(project.content, lang)
    const editions = content.workshop.editions.filter((e) => source.some((s) => s.id === e.id))
    const inLanguage: Project = { ...project, content }
    for (const rendered of await renderEditions(inLanguage, editions, run)) {
      const items = rendered.plan.items.flatMap((i) => (i.kind === 'break' ? [] : [i.id]))
      out.push({
        lang,
        source: project.content,
        dir: `${languageDir(project.content, lang)}${rendered.plan.edition.id}`,
        project: inLanguage,
        untranslated: untranslatedIn(untranslated, items),
        rendered,
      })
    }
  }
  if (out.length === 0) {
    const asked = wanted.languages?.length ? wanted.languages.join(', ') : languages.join(', ')
    throw usageError(
      'KIT_UNKNOWN_EDITION',
      `Nothing to build: no edition ${wanted.editions.length ? `named ${wanted.editions.join(', ')} ` : ''}is built in ${asked}.`,
      'content/workshop.<lang>.yaml names the editions built in each language (all when it names none).',
    )
  }
  return out
}

/** The fonts for these texts: the font files their characters need, read (and logged), then subset. */
export async function fontsFor(project: Project, texts: Iterable<string>, inputs: InputLog): Promise<EmbeddedFonts> {
  const chars = charactersOf(texts)
  const files = await readFontFiles(project.fonts, chars, inputs)
  return embedFonts(project.fonts, files, chars, project.content.workshop.language)
}

/** What a browser draws with the edition's fonts: pages and the deck, not scripts, quiz exports or results files. */
function* textsOf(edition: RenderedEdition): Iterable<string> {
  for (const set of Object.values(edition.sets)) {
    for (const [file, data] of set.files) if (typeof data === 'string' && /\.(html|md)$/.test(file)) yield data
    for (const page of set.printables) yield page.html
  }
  // The theme's own text (generated content in ::before) needs fonts too.
  yield edition.rendered.css
}

/** SVG images carry their text inside data URLs, out of sight of the pages' characters. */
function* svgTexts(images: Map<string, Uint8Array>): Iterable<string> {
  for (const [file, bytes] of images) if (file.toLowerCase().endsWith('.svg')) yield Buffer.from(bytes).toString('utf8')
}
