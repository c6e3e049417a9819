import type { Marp } from '@marp-team/marp-core'
import { answerLetter, choiceByLetter, choiceLetter, lettersFor } from '../core/choice-letters.ts'
import { closest } from '../core/closest.ts'
import { positionOf } from '../core/positions.ts'
import type { Problems, SourceLocation } from '../core/problems.ts'
import { themeNames } from '../core/marp-engine.ts'
import { exerciseWords, parseExercise, type Exercise } from './exercise.ts'
import { frontMatterBlock } from './front-matter.ts'
import { parseModule, slugFromFileName, type Module } from './module.ts'
import type { SourceSet, SourceText } from './read-sources.ts'
import { warnUnknownKeys } from './unknown-keys.ts'
import {
  BREAK_HINT,
  brandSchema,
  editionSchema,
  editionSlidesSchema,
  eventSchema,
  glossarySchema,
  questionSchema,
  quizFileSchema,
  workshopSchema,
  type GlossaryEntry,
  type Question,
  type Workshop,
} from './schemas.ts'
import type { LabResults } from './lab-results.ts'
import type { Translations } from './language-pack.ts'
import { createMessages, type Catalogue, type Messages } from '../core/messages.ts'
import { kitCatalogues } from './catalogues.ts'
import type { LiveSummary } from './live-runs.ts'
import { parseYamlSource, validateWith, type YamlSource } from './yaml-source.ts'

/** Every source of a workshop, parsed, validated and cross-checked. */
export interface Content {
  workshop: Workshop
  modules: Module[]
  exercises: Exercise[]
  quiz: Question[]
  glossary: GlossaryEntry[]
  /** The last `kit labs` run per exercise (lab-results.json), when there is one. */
  labResults?: LabResults
  /** Figures of the project's past `kit live` sessions (.kit-live/summaries/), oldest first. */
  liveRuns?: LiveSummary[]
  /** Where a value of workshop.yaml is written, for warnings about it. */
  locateWorkshop?: YamlSource['locate']
  /** Translations beside the sources, by language (src/load/translations.ts). */
  translations?: Translations
  /** Every generated word, date and clock time in the workshop's language. */
  messages: Messages
}

/**
 * Turns a SourceSet into Content. Pure: all problems go into `problems`;
 * returns undefined only when workshop.yaml itself is unusable. `today`,
 * the day of the run, is what sources' `checked` dates may not be after.
 */
export function loadContent(sources: SourceSet, marp: Marp, problems: Problems, catalogues: ReadonlyMap<string, Catalogue> = kitCatalogues(), today?: Date): Content | undefined {
  const workshopYaml = sources.workshop && parseYamlSource(sources.workshop.text, sources.workshop.path, problems)
  const workshop = workshopYaml && validateWith(workshopSchema, workshopYaml, problems, 'workshop.yaml')
  if (workshopYaml) warnWorkshopKeys(workshopYaml, problems)
  // A file that does not parse still claims its id, so that editions and
  // quiz questions naming it are not reported again as unknown.
  const unreadable = new Set<string>()
  const parsed = <T>(file: SourceText, item: T | undefined): item is T => {
    if (item === undefined) unreadable.add(claimedId(file))
    return item !== undefined
  }
  const modules = sources.modules
    .map((f) => [f, parseModule(f, marp, problems, { today })] as const)
    .filter(([f, m]) => parsed(f, m))
    .map(([, m]) => m as Module)
  const language = workshop?.language ?? declaredLanguage(workshopYaml, sources.workshop?.text)
  const messages = createMessages(language ?? 'en', catalogues)
  // Exercises are checked in the language workshop.yaml declares, even when the file has a mistake; not at all when it cannot be read.
  const words = language ? exerciseWords(messages.t, catalogues.values()) : null
  const exercises = sources.exercises
    .map((f) => [f, parseExercise(f, problems, undefined, undefined, words)] as const)
    .filter(([f, e]) => parsed(f, e))
    .map(([, e]) => e as Exercise)
  const quizFiles = sources.quiz.map((f) => loadList<Question>(f, quizFileSchema, problems, 'quiz'))
  const quiz = quizFiles.flatMap((q) => q.items)
  const glossary = sources.glossary ? loadList<GlossaryEntry>(sources.glossary, glossarySchema, problems, 'glossary').items : []
  if (!workshop || !workshopYaml) return undefined

  const content: Content = { workshop, modules, exercises, quiz, glossary, locateWorkshop: workshopYaml.locate, messages }
  crossCheck(content, workshopYaml, quizFiles, marp, problems, unreadable)
  return content
}

/**
 * The language a workshop.yaml that failed validation declares: its
 * `language:` when the YAML parses (English when it has none, as for a valid
 * file), else its `language:` line read on its own; undefined when neither
 * can be read.
 */
function declaredLanguage(yaml: YamlSource | undefined, text: string | undefined): string | undefined {
  const tag = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/
  if (yaml) {
    const value = (yaml.value as { language?: unknown } | null)?.language ?? 'en'
    return typeof value === 'string' && tag.test(value) ? value : undefined
  }
  const line = /^language:[ \t]*["']?([A-Za-z0-9-]+)["']?[ \t]*(#.*)?$/m.exec(text ?? '')?.[1]
  return line && tag.test(line) ? line : undefined
}

/** The id a module or exercise file claims: its front matter's `id:` line if one can be read, else its file name. */
export function claimedId(file: SourceText): string {
  const front = frontMatterBlock(file.text)?.matter ?? ''
  return /^id:[ \t]*["']?([a-z0-9][a-z0-9-]*)["']?[ \t]*$/m.exec(front)?.[1] ?? slugFromFileName(file.path)
}

interface LoadedList<T> {
  file: SourceText
  yaml?: YamlSource
  items: T[]
}

function loadList<T>(file: SourceText, schema: Parameters<typeof validateWith>[0], problems: Problems, what: string): LoadedList<T> {
  const yaml = parseYamlSource(file.text, file.path, problems)
  if (!yaml) return { file, items: [] }
  if (yaml.value === null || yaml.value === undefined) return { file, yaml, items: [] }
  const items = validateWith(schema, yaml, problems, what) as T[] | undefined
  if (what === 'quiz' && Array.isArray(yaml.value)) {
    yaml.value.forEach((item, i) => {
      warnUnknownKeys(item, Object.keys(questionSchema.shape), yaml, [i], problems, `quiz question ${i + 1}`)
    })
  }
  return { file, yaml, items: items ?? [] }
}

function warnWorkshopKeys(yaml: YamlSource, problems: Problems): void {
  const value = yaml.value as { event?: unknown; freshness?: unknown; editions?: unknown[] } | null
  warnUnknownKeys(value, Object.keys(workshopSchema.shape), yaml, [], problems, 'workshop.yaml')
  warnUnknownKeys(value?.event, Object.keys(eventSchema.shape), yaml, ['event'], problems, 'workshop.yaml event')
  warnUnknownKeys((value as { brand?: unknown } | null)?.brand, Object.keys(brandSchema.shape), yaml, ['brand'], problems, 'workshop.yaml brand')
  warnUnknownKeys(value?.freshness, Object.keys(workshopSchema.shape.freshness.unwrap().shape), yaml, ['freshness'], problems, 'workshop.yaml freshness')
  if (Array.isArray(value?.editions)) {
    value.editions.forEach((edition, i) => {
      warnUnknownKeys(edition, Object.keys(editionSchema.shape), yaml, ['editions', i], problems, 'workshop.yaml edition')
      const slides = edition && typeof edition === 'object' ? (edition as { slides?: unknown }).slides : undefined
      warnUnknownKeys(slides, Object.keys(editionSlidesSchema.shape), yaml, ['editions', i, 'slides'], problems, 'workshop.yaml edition slides')
    })
  }
}

/** Everything that needs more than one file: ids, edition items, themes, exercises' and questions' modules, answers. */
function crossCheck(content: Content, workshopYaml: YamlSource, quizFiles: LoadedList<Question>[], marp: Marp, problems: Problems, unreadable: Set<string>): void {
  const ids = checkItemIds(content, problems)
  checkEditions(content, workshopYaml, ids, unreadable, problems)
  checkTheme(content, workshopYaml, marp, problems)
  const moduleIds = new Set(content.modules.map((m) => m.id))
  for (const exercise of content.exercises) {
    for (const id of exercise.modules) {
      if (moduleIds.has(id) || unreadable.has(id)) continue
      problems.add({
        code: 'KIT_UNKNOWN_MODULE',
        message: `Exercise "${exercise.id}" is related to the module "${id}", which does not exist.`,
        hint: `Known modules: ${[...moduleIds].join(', ')}.`,
        location: { file: exercise.file, line: positionOf(exercise.source, id)?.line ?? 1, column: 1 },
      })
    }
  }
  checkQuiz(quizFiles, moduleIds, unreadable, problems)
  checkModuleDeckSettings(content, problems)
}

/** Module and exercise ids are unique; returns id → file. */
function checkItemIds(content: Content, problems: Problems): Map<string, string> {
  const seen = new Map<string, string>()
  for (const item of [...content.modules, ...content.exercises]) {
    const other = seen.get(item.id)
    if (other) {
      problems.add({
        code: 'KIT_DUPLICATE_ID',
        message: `The id "${item.id}" is used by both ${other} and ${item.file}.`,
        hint: 'Module and exercise ids must be unique; set a different `id:` in one of them.',
        location: { file: item.file, line: 1, column: 1 },
      })
    }
    seen.set(item.id, item.file)
  }
  return seen
}

/** Edition ids are unique, and every edition item and spare names a module or exercise. */
function checkEditions(content: Content, workshopYaml: YamlSource, seen: Map<string, string>, unreadable: Set<string>, problems: Problems): void {
  const known = () => `Known ids: ${[...seen.keys()].sort().join(', ') || '(none)'}.`
  const editionIds = new Set<string>()
  content.workshop.editions.forEach((edition, e) => {
    if (editionIds.has(edition.id)) {
      problems.add({
        code: 'KIT_DUPLICATE_ID',
        message: `Two editions have the id "${edition.id}".`,
        hint: 'Edition ids name folders under dist/ and must be unique.',
        location: workshopYaml.locate(['editions', e, 'id']),
      })
    }
    editionIds.add(edition.id)
    edition.items.forEach((item, i) => {
      if (typeof item !== 'string' || seen.has(item) || unreadable.has(item)) return
      const guess = closest(item, [...seen.keys()])
      problems.add({
        code: 'KIT_UNKNOWN_ITEM',
        message: `Edition "${edition.id}" lists "${item}", which is neither a module nor an exercise${guess ? `; did you mean "${guess}"?` : '.'}`,
        // A word that is no id is often a break written in the author's own words (`- pause`).
        hint: guess ? `Write "${guess}".` : `${known()} ${BREAK_HINT}`,
        location: workshopYaml.locate(['editions', e, 'items', i]),
      })
    })
  })
  content.workshop.spares.forEach((item, i) => {
    if (seen.has(item) || unreadable.has(item)) return
    problems.add({ code: 'KIT_UNKNOWN_ITEM', message: `\`spares\` lists "${item}", which is neither a module nor an exercise.`, hint: known(), location: workshopYaml.locate(['spares', i]) })
  })
}

function checkTheme(content: Content, workshopYaml: YamlSource, marp: Marp, problems: Problems): void {
  const { theme } = content.workshop
  const themes = themeNames(marp)
  if (themes.includes(theme)) return
  problems.add({
    code: 'KIT_UNKNOWN_THEME',
    message: `workshop.yaml asks for the theme "${theme}", which is not defined.`,
    hint: `Known themes: ${themes.join(', ')}. Add a CSS file with /* @theme ${theme} */ to templates/theme/.`,
    location: workshopYaml.locate(['theme']),
  })
}

/** Question ids are unique, each belongs to a module, and each answer is one of its choices (or its letter). */
function checkQuiz(quizFiles: LoadedList<Question>[], moduleIds: Set<string>, unreadable: Set<string>, problems: Problems): void {
  const questionIds = new Set<string>()
  for (const file of quizFiles) {
    file.items.forEach((q, i) => {
      const at = (key: string) => file.yaml?.locate([i, key]) ?? { file: file.file.path }
      if (questionIds.has(q.id)) problems.add({ code: 'KIT_DUPLICATE_ID', message: `Two quiz questions have the id "${q.id}".`, hint: 'Give each question a unique id.', location: at('id') })
      questionIds.add(q.id)
      if (!moduleIds.has(q.module) && !unreadable.has(q.module)) {
        problems.add({
          code: 'KIT_UNKNOWN_MODULE',
          message: `Quiz question "${q.id}" belongs to the module "${q.module}", which does not exist.`,
          hint: `Known modules: ${[...moduleIds].join(', ')}.`,
          location: at('module'),
        })
      }
      if (q.choices && !q.choices.includes(q.answer)) {
        const chosen = choiceByLetter(q.choices, q.answer)
        if (chosen !== undefined) q.answer = chosen
        else problems.add(wrongAnswer(q, q.choices, at('answer')))
      }
    })
  }
}

/** A module asking for another theme or size than the deck's is warned: deck-wide settings come from workshop.yaml. */
function checkModuleDeckSettings(content: Content, problems: Problems): void {
  for (const module of content.modules) {
    for (const key of ['theme', 'size'] as const) {
      const value = module.directives[key]
      const deckValue = key === 'theme' ? content.workshop.theme : content.workshop.size
      if (value === undefined || String(value) === deckValue) continue
      problems.warn({
        code: key === 'theme' ? 'KIT_MODULE_THEME' : 'KIT_MODULE_SIZE',
        message: `${module.file} asks for ${key} "${String(value)}", but the deck uses "${deckValue}" from workshop.yaml.`,
        hint: `Deck-wide settings come from workshop.yaml; remove \`${key}:\` from the module or change it there.`,
        location: { file: module.file, line: module.directiveLines[key] ?? 1, column: 1 },
      })
    }
  }
}

function wrongAnswer(q: Question, choices: string[], location: SourceLocation) {
  const listed = choices.map((c, k) => `${choiceLetter(k)}: ${JSON.stringify(c)}`).join(', ')
  // A letter past the last choice is a slip in the key, not a typo of a choice: no guess then.
  const near = answerLetter(q.answer) === undefined ? closest(q.answer, choices) : undefined
  return {
    code: 'KIT_QUIZ_ANSWER' as const,
    message: `The answer ${JSON.stringify(q.answer)} of quiz question "${q.id}" is not one of its choices (${listed}).${near ? ` The closest is ${JSON.stringify(near)}.` : ''}`,
    hint: `Write \`answer:\` as the exact text of the right choice, or its letter (${lettersFor(choices.length)}).`,
    location,
  }
}
