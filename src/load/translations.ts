import type { Marp } from '@marp-team/marp-core'
import { closest } from '../core/closest.ts'
import { Problems } from '../core/problems.ts'
import { choiceByLetter, letterOf } from '../core/choice-letters.ts'
import type { Content } from './content.ts'
import { exerciseWords, parseExercise, type Exercise, type SectionWords } from './exercise.ts'
import { splitFrontMatter } from './front-matter.ts'
import { parseModule, type Module } from './module.ts'
import { glossarySchema, questionTranslationSchema, quizTranslationSchema, workshopTranslationSchema, type GlossaryEntry, type QuestionTranslation, type WorkshopTranslation } from './schemas.ts'
import type { SourceText } from './read-sources.ts'
import type { LanguagePack, Translations } from './language-pack.ts'
import { INHERITED_KEYS, type TranslationText } from './translation-files.ts'
export type { LanguagePack, Translations } from './language-pack.ts'
import { warnUnknownKeys } from './unknown-keys.ts'
import { parseYamlSource, validateWith, type YamlSource } from './yaml-source.ts'

/** Front matter keys a translation takes from its source; setting one differently is a warning. */
const MODULE_INHERITED = INHERITED_KEYS.module ?? []
const EXERCISE_INHERITED = INHERITED_KEYS.exercise ?? []

/** The languages a workshop builds: `languages:`, or its one `language`. */
export function languagesOf(content: Content): string[] {
  return [...new Set(content.workshop.languages ?? [content.workshop.language])]
}

/** Parses every translation against the loaded sources; each mistake is a problem at its line. */
export function loadTranslations(files: TranslationText[], content: Content, quizSources: SourceText[], marp: Marp, problems: Problems): Translations {
  const packs = new Map<string, LanguagePack>()
  const questionFiles = new Map<string, string>()
  const quizFiles = new Map(quizSources.map((f) => [f.path, sourceQuiz(f)]))
  for (const [file, quiz] of quizFiles) for (const item of quiz.items) if (item.id) questionFiles.set(item.id, file)
  const modules = new Map(content.modules.map((m) => [m.file, m]))
  const exercises = new Map(content.exercises.map((e) => [e.file, e]))
  for (const file of files) {
    const pack: LanguagePack = packs.get(file.lang) ?? { lang: file.lang, modules: new Map(), exercises: new Map(), quiz: new Map(), files: [] }
    packs.set(file.lang, pack)
    pack.files.push(file)
    const module = modules.get(file.source)
    const exercise = exercises.get(file.source)
    const quiz = quizFiles.get(file.source)
    if (file.kind === 'module' && module) {
      const translated = translateModule(file, module, marp, problems)
      if (translated) pack.modules.set(module.id, translated)
    } else if (file.kind === 'exercise' && exercise) {
      const translated = translateExercise(file, exercise, exerciseWords(content.messages.inLanguage(file.lang).t), problems)
      if (translated) pack.exercises.set(exercise.id, translated)
    } else if (file.kind === 'quiz' && quiz) translateQuiz(file, quiz, content, pack, problems)
    else if (file.kind === 'glossary') pack.glossary = translateGlossary(file, problems)
    else if (file.kind === 'workshop') pack.workshop = translateWorkshop(file, content, problems)
  }
  checkLanguages(content, packs, problems)
  return { packs, questionFiles }
}

/** The front matter of a markdown file as plain data with positions (problems are the source's own load's business). */
function frontMatter(text: string, file: string): YamlSource & { value: Record<string, unknown> } {
  const data = splitFrontMatter(text, file, new Problems())?.data
  const value = data?.value && typeof data.value === 'object' ? (data.value as Record<string, unknown>) : {}
  return { value, locate: data?.locate ?? (() => ({ file, line: 1, column: 1 })) }
}

/** A key the translation sets differently from its source is a warning at that key; the source's value is used. */
function warnInherited(own: YamlSource & { value: Record<string, unknown> }, source: Record<string, unknown>, keys: string[], file: string, sourceFile: string, problems: Problems): void {
  for (const key of keys) {
    if (!(key in own.value) || JSON.stringify(own.value[key]) === JSON.stringify(source[key])) continue
    problems.warn({
      code: 'KIT_TRANSLATION_KEY',
      message: `${file} sets \`${key}\` to ${JSON.stringify(own.value[key])}, but ${sourceFile} says ${source[key] === undefined ? 'nothing' : JSON.stringify(source[key])}; the source's value is used.`,
      hint: `A translation takes \`${key}\` from its source: remove it here, or change it in ${sourceFile}.`,
      location: own.locate([key]),
    })
  }
}

function translateModule(file: TranslationText, source: Module, marp: Marp, problems: Problems): Module | undefined {
  const parsed = parseModule(file, marp, problems)
  if (!parsed) return undefined
  const own = frontMatter(file.text, file.path)
  warnInherited(own, frontMatter(source.source, source.file).value, MODULE_INHERITED, file.path, source.file, problems)
  const has = (key: string) => key in own.value
  return {
    ...source,
    title: has('title') || parsed.slideTitles.some(Boolean) ? parsed.title : source.title,
    objectives: has('objectives') ? parsed.objectives : source.objectives,
    takeaways: has('takeaways') ? parsed.takeaways : source.takeaways,
    directives: { ...source.directives, ...parsed.directives },
    directiveLines: parsed.directiveLines,
    file: parsed.file,
    source: parsed.source,
    body: parsed.body,
    bodyLine: parsed.bodyLine,
    slideCount: parsed.slideCount,
    notes: parsed.notes,
    slideTitles: parsed.slideTitles,
    slideLines: parsed.slideLines,
    references: parsed.references,
    legacyDirectives: parsed.legacyDirectives,
  }
}

function translateExercise(file: TranslationText, source: Exercise, words: SectionWords, problems: Problems): Exercise | undefined {
  const inherited = frontMatter(source.source, source.file).value
  const parsed = parseExercise(
    file,
    problems,
    inherited,
    source.sections.map((s) => s.name),
    words,
  )
  warnInherited(frontMatter(file.text, file.path), inherited, EXERCISE_INHERITED, file.path, source.file, problems)
  // The lab steps kit labs runs are the source's.
  return parsed && { ...parsed, id: source.id, duration: source.duration, modules: source.modules, requires: source.requires, images: source.images, lab: source.lab }
}

/** A source quiz file's items as written (ids and positions), whatever else is wrong with it. */
function sourceQuiz(file: SourceText): { yaml?: YamlSource; items: { id?: string }[] } {
  const yaml = parseYamlSource(file.text, file.path, new Problems())
  const items = Array.isArray(yaml?.value) ? (yaml.value as unknown[]).map((v) => (v && typeof v === 'object' ? (v as { id?: string }) : {})) : []
  return { yaml, items }
}

function translateQuiz(file: TranslationText, source: { yaml?: YamlSource; items: { id?: string }[] }, content: Content, pack: LanguagePack, problems: Problems): void {
  const yaml = parseYamlSource(file.text, file.path, problems)
  if (!yaml || yaml.value === null || yaml.value === undefined) return
  const items: QuestionTranslation[] = validateWith(quizTranslationSchema, yaml, problems, 'quiz translation') ?? []
  if (Array.isArray(yaml.value)) {
    for (const [i, item] of yaml.value.entries()) warnUnknownKeys(item, Object.keys(questionTranslationSchema.shape), yaml, [i], problems, `quiz question ${i + 1}`)
  }
  const byId = new Map(content.quiz.map((q) => [q.id, q]))
  const sourceIds = new Set(source.items.map((q) => q.id))
  items.forEach((q, i) => {
    const original = sourceIds.has(q.id) ? byId.get(q.id) : undefined
    if (!original) {
      problems.warn({
        code: 'KIT_TRANSLATION_QUIZ',
        message: `${file.path} translates the question "${q.id}", which ${file.source} does not have; it is not used.`,
        hint: `Question ids of ${file.source}: ${[...sourceIds].join(', ')}.`,
        location: yaml.locate([i, 'id']),
      })
      return
    }
    if (q.module !== undefined && q.module !== original.module)
      warnInherited({ value: { module: q.module }, locate: (p) => yaml.locate([i, ...p]) }, { module: original.module }, ['module'], file.path, file.source, problems)
    const choices = q.choices ?? original.choices
    const answer = choices && !choices.includes(q.answer) ? choiceByLetter(choices, q.answer) : q.answer
    if (answer === undefined) {
      problems.add({
        code: 'KIT_QUIZ_ANSWER',
        message: `The answer ${JSON.stringify(q.answer)} of the translated question "${q.id}" is not one of its choices.`,
        hint: 'Write `answer:` as the exact text of the right translated choice, or its letter.',
        location: yaml.locate([i, 'answer']),
      })
      return
    }
    const letter = (list: string[] | undefined, value: string) => (list ? letterOf(list, value) : '')
    if (q.choices && original.choices && letter(q.choices, answer) !== letter(original.choices, original.answer)) {
      problems.warn({
        code: 'KIT_TRANSLATION_QUIZ',
        message: `The translated question "${q.id}" gives choice ${letter(q.choices, answer)} as its answer; ${file.source} gives choice ${letter(original.choices, original.answer)}.`,
        hint: 'Keep the choices in the source’s order, and the same one right.',
        location: yaml.locate([i, 'answer']),
      })
    }
    pack.quiz.set(q.id, { ...original, question: q.question, choices, answer, explanation: q.explanation ?? original.explanation })
  })
  const translated = new Set(items.map((q) => q.id))
  source.items.forEach((q, i) => {
    if (!q.id || translated.has(q.id)) return
    problems.warn({
      code: 'KIT_TRANSLATION_QUIZ',
      message: `${file.path} has no translation of the question "${q.id}"; the ${pack.lang} quiz shows it in the source language.`,
      hint: `Add it to ${file.path} with \`id: ${q.id}\`.`,
      location: source.yaml?.locate([i, 'id']) ?? { file: file.source, line: 1, column: 1 },
    })
  })
}

function translateGlossary(file: TranslationText, problems: Problems): GlossaryEntry[] | undefined {
  const yaml = parseYamlSource(file.text, file.path, problems)
  if (!yaml) return undefined
  if (yaml.value === null || yaml.value === undefined) return []
  return validateWith(glossarySchema, yaml, problems, 'glossary translation')
}

function translateWorkshop(file: TranslationText, content: Content, problems: Problems): WorkshopTranslation | undefined {
  const yaml = parseYamlSource(file.text, file.path, problems)
  if (!yaml) return undefined
  const translation = validateWith(workshopTranslationSchema, yaml, problems, 'workshop translation')
  const value = yaml.value as { event?: unknown; editions?: Record<string, unknown>; breaks?: Record<string, unknown> } | null
  warnUnknownKeys(value, Object.keys(workshopTranslationSchema.shape), yaml, [], problems, file.path)
  warnUnknownKeys(value?.event, ['venue'], yaml, ['event'], problems, `${file.path} event`)
  const editions = content.workshop.editions.map((e) => e.id)
  const breaks = [...new Set(content.workshop.editions.flatMap((e) => e.items.flatMap((item) => (typeof item === 'string' || item.title === undefined ? [] : [item.title]))))]
  const unknown = (key: string, known: string[], what: string, at: PropertyKey[]) => {
    const guess = closest(key, known)
    problems.warn({
      code: 'KIT_TRANSLATION_EDITION',
      message: `${file.path} names the ${what} "${key}", which content/workshop.yaml does not have${guess ? `; did you mean "${guess}"?` : '.'}`,
      hint: `Known: ${known.join(', ') || '(none)'}.`,
      location: yaml.locate(at),
    })
  }
  for (const [id, edition] of Object.entries(value?.editions && typeof value.editions === 'object' ? value.editions : {})) {
    if (!editions.includes(id)) unknown(id, editions, 'edition', ['editions', id])
    warnUnknownKeys(edition, ['title'], yaml, ['editions', id], problems, `${file.path} edition`)
  }
  for (const title of Object.keys(value?.breaks && typeof value.breaks === 'object' ? value.breaks : {})) if (!breaks.includes(title)) unknown(title, breaks, 'break title', ['breaks', title])
  return translation
}

/** `language` is one of `languages`; translations in a language that is not built are reported once per language. */
function checkLanguages(content: Content, packs: Map<string, LanguagePack>, problems: Problems): void {
  const { language, languages } = content.workshop
  if (languages && !languages.includes(language)) {
    problems.add({
      code: 'KIT_LANGUAGES',
      message: `\`languages\` (${languages.join(', ')}) leaves out \`language: ${language}\`, the language the sources are written in.`,
      hint: `Add ${language} to the list: languages: [${[language, ...languages].join(', ')}].`,
      location: content.locateWorkshop?.(['languages']),
    })
  }
  const built = languagesOf(content)
  // Every language but the source one is built into dist/<lang>/, where an edition of that name would be written too.
  const folders = new Set(built.filter((l) => l !== language).map((l) => l.toLowerCase()))
  for (const [i, edition] of content.workshop.editions.entries()) {
    if (!folders.has(edition.id.toLowerCase())) continue
    problems.add({
      code: 'KIT_LANGUAGE_FOLDER',
      message: `The edition "${edition.id}" has the name of a language in \`languages\`: both would be written to dist/${edition.id}/.`,
      hint: `Rename the edition, for example to ${edition.id}-workshop.`,
      location: content.locateWorkshop?.(['editions', i, 'id']),
    })
  }
  for (const pack of packs.values()) {
    const first = pack.files[0]
    if (!first || (built.includes(pack.lang) && pack.lang !== language)) continue
    problems.warn({
      code: 'KIT_TRANSLATION_LANGUAGE',
      message:
        pack.lang === language
          ? `${first.path} is a ${pack.lang} translation, but ${pack.lang} is the language the sources are written in; it is not used.`
          : `${first.path} and the other ${pack.lang} translations (${pack.files.length}) are not built: ${pack.lang} is not in \`languages\`.`,
      hint: pack.lang === language ? 'Remove the file, or change `language:` in workshop.yaml.' : `Add it to workshop.yaml: languages: [${[...built, pack.lang].join(', ')}].`,
      location: { file: first.path, line: 1, column: 1 },
    })
  }
}
