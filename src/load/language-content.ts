import type { Content } from './content.ts'
import type { Edition, EditionItem } from './schemas.ts'
import type { LanguagePack } from './translations.ts'

/** A part of the workshop shown in the source language because it has no translation. */
export interface Untranslated {
  /** The source file that stands in for its translation. */
  file: string
  /** What it is, for the landing page to name in its language. */
  kind: 'module' | 'exercise' | 'quiz' | 'glossary' | 'workshop'
  /** The module's or exercise's title. */
  name?: string
  /** Module or exercise ids it belongs to; none when every edition uses it (glossary, workshop text). */
  ids: string[]
}

export interface LanguageContent {
  lang: string
  content: Content
  /** Every source that fell back to the source language. */
  untranslated: Untranslated[]
}

/**
 * The workshop in one language: translated modules, exercises, quiz,
 * glossary and workshop text, and `language` set to that language. A source
 * without a translation stands in for it and is recorded in `untranslated`.
 * Only the editions the language's workshop translation names are kept
 * (all of them when it names none). The source language is the content itself.
 */
export function contentInLanguage(content: Content, lang: string): LanguageContent {
  if (lang === content.workshop.language) return { lang, content, untranslated: [] }
  const pack: LanguagePack = content.translations?.packs.get(lang) ?? { lang, modules: new Map(), exercises: new Map(), quiz: new Map(), files: [] }
  const untranslated: Untranslated[] = []
  const modules = content.modules.map((m) => pack.modules.get(m.id) ?? fallBack(untranslated, m, { file: m.file, kind: 'module', name: m.title, ids: [m.id] }))
  const exercises = content.exercises.map((e) => pack.exercises.get(e.id) ?? fallBack(untranslated, e, { file: e.file, kind: 'exercise', name: e.title, ids: [e.id] }))
  const quiz = content.quiz.map((q) => {
    const translated = pack.quiz.get(q.id)
    if (translated) return translated
    const file = content.translations?.questionFiles.get(q.id) ?? 'content/quiz/'
    const known = untranslated.find((u) => u.file === file)
    if (known) known.ids = [...new Set([...known.ids, q.module])]
    else untranslated.push({ file, kind: 'quiz', ids: [q.module] })
    return q
  })
  if (content.glossary.length > 0 && !pack.glossary) untranslated.push({ file: 'content/glossary.yaml', kind: 'glossary', ids: [] })
  if (!pack.workshop) untranslated.push({ file: 'content/workshop.yaml', kind: 'workshop', ids: [] })
  return {
    lang,
    content: { ...content, workshop: workshopIn(content, pack), messages: content.messages.inLanguage(pack.lang), modules, exercises, quiz, glossary: pack.glossary ?? content.glossary },
    untranslated,
  }
}

function fallBack<T>(list: Untranslated[], item: T, entry: Untranslated): T {
  list.push(entry)
  return item
}

/** The editions built in a language: those its workshop translation names (all when it names none), with their titles and break titles translated. */
export function editionsIn(content: Content, lang: string): Edition[] {
  const { editions } = content.workshop
  if (lang === content.workshop.language) return editions
  const text = content.translations?.packs.get(lang)?.workshop ?? {}
  const named = text.editions
  const breakTitle = (item: EditionItem): EditionItem => (typeof item === 'string' || item.title === undefined ? item : { ...item, title: text.breaks?.[item.title] ?? item.title })
  return editions.filter((e) => !named || e.id in named).map((e) => ({ ...e, title: named?.[e.id]?.title ?? e.title, items: e.items.map(breakTitle) }))
}

/** workshop.yaml with the language's text, its language tag, and only the editions built in that language. */
function workshopIn(content: Content, pack: LanguagePack): Content['workshop'] {
  const { workshop } = content
  const text = pack.workshop ?? {}
  return {
    ...workshop,
    language: pack.lang,
    title: text.title ?? workshop.title,
    subtitle: text.subtitle ?? workshop.subtitle,
    audience: text.audience ?? workshop.audience,
    prerequisites: text.prerequisites ?? workshop.prerequisites,
    setup: text.setup ?? workshop.setup,
    takeaways: text.takeaways ?? workshop.takeaways,
    event: workshop.event && { ...workshop.event, venue: text.event?.venue ?? workshop.event.venue },
    editions: editionsIn(content, pack.lang),
  }
}

/** The untranslated parts one edition uses. */
export function untranslatedIn(untranslated: Untranslated[], itemIds: string[]): Untranslated[] {
  return untranslated.filter((u) => u.ids.length === 0 || u.ids.some((id) => itemIds.includes(id)))
}
