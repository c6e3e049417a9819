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
import { renderEdition, type RenderedEdition } from './edition.ts'
import { charactersOf, embedFonts, type EmbeddedFace, type EmbeddedFonts } from './font-faces.ts'

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
    const records = run.records?.(edition)
    // Names from the roster are characters of the edition like any other: the draft carries them to font subsetting.
    const render = (images: Map<string, Uint8Array>, fonts: readonly EmbeddedFace[]) => renderEdition(project, plan, decks, images, { today: run.today, fonts, records })
    const { page, missing } = await renderWithFonts(project, decks.instructor.images, run, render, textsOf)
    rendered.push({ ...page, missingGlyphs: missing })
  }
  return rendered
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
  const draft = render(images, [])
  const fonts = await fontsFor(project, [...texts(draft), ...svgTexts(images)], run.inputs)
  // Without fonts to embed (a fonts.json that lists none), the draft is the page.
  return { page: fonts.faces.length > 0 ? render(images, fonts.faces) : draft, missing: fonts.missing }
}

/** What rendering is given besides the project: where problems go, the log of files read, the day. */
export interface RenderRun {
  problems: Problems
  inputs: InputLog
  /** The day the run happens (freshness of sources when the workshop has no event date). */
  today: Date
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
