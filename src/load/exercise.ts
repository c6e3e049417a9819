import { closest } from '../core/closest.ts'
import { distance } from 'fastest-levenshtein'
import { extractLabScript, type LabScript } from './lab-script.ts'
import type { Problems } from '../core/problems.ts'
import { hasSolutionBlock, headings } from '../core/markdown.ts'
import { splitFrontMatter } from './front-matter.ts'
import { itemId } from './module.ts'
import type { SourceText } from './read-sources.ts'
import { exerciseMetaSchema, type ExerciseMeta } from './schemas.ts'
import { lintMarkdown } from './markdown-lint.ts'
import { warnUnknownKeys } from './unknown-keys.ts'
import { validateWith } from './yaml-source.ts'

/** The sections of an exercise, in the order learners meet them (docs/authoring.md). */
export const EXERCISE_SECTIONS = ['Goal', 'Before you start', 'Steps', 'Check your work', 'Solution', 'Troubleshooting', 'Clean up', 'Going further'] as const
/** Optional, instructor-only section. */
export const INSTRUCTOR_SECTION = 'Instructor notes'
/** Sections that never reach learners. */
export const INSTRUCTOR_ONLY = new Set<string>(['Solution', INSTRUCTOR_SECTION])

/** The catalogue key of each section's heading, in the workshop's language. */
export const SECTION_KEYS: Readonly<Record<string, string>> = {
  Goal: 'sheet.section.goal',
  'Before you start': 'sheet.section.beforeYouStart',
  Steps: 'sheet.section.steps',
  'Check your work': 'sheet.section.checkYourWork',
  Solution: 'sheet.section.solution',
  Troubleshooting: 'sheet.section.troubleshooting',
  'Clean up': 'sheet.section.cleanUp',
  'Going further': 'sheet.section.goingFurther',
  [INSTRUCTOR_SECTION]: 'sheet.section.instructorNotes',
}

/**
 * A language's words for the sections (its catalogue's `sheet.section.*`):
 * `names` maps each word to the section it names, for `parseExercise`;
 * `clashes` are the sections whose word names nothing of its own (empty,
 * given to an earlier section, or another section's English name, which
 * wins), for `kit check`.
 */
export function sectionWords(t: (key: string) => string): { names: Map<string, string>; clashes: { name: string; key: string; other?: string }[] } {
  const english = new Map([...EXERCISE_SECTIONS, INSTRUCTOR_SECTION].map((name) => [squashHeading(name), name as string]))
  const names = new Map<string, string>()
  const clashes: { name: string; key: string; other?: string }[] = []
  for (const [name, key] of Object.entries(SECTION_KEYS)) {
    const word = squashHeading(t(key))
    const other = names.get(word) ?? (english.get(word) !== name ? english.get(word) : undefined)
    if (word && !other) names.set(word, name)
    else clashes.push({ name, key, other })
  }
  return { names, clashes }
}

const squashHeading = (heading: string) => heading.trim().toLowerCase().replace(/\s+/g, ' ')

/** How exercise headings are read and named in one workshop language. */
export interface SectionWords {
  /** Each heading word (squashed) to the section it names: `sectionWords(t).names`. */
  names: ReadonlyMap<string, string>
  /** Each section's heading as the workshop's language writes it, for messages. */
  headings: ReadonlyMap<string, string>
  /** Each section's word in every catalogue language (and English), for near misses. */
  aliases: ReadonlyMap<string, readonly string[]>
}

/** English section words, when no catalogue is at hand (a library caller, kit's own tests). */
export const ENGLISH_WORDS: SectionWords = { names: new Map(), headings: new Map(), aliases: new Map() }

/** The section words of the language `t` translates into, with every catalogue's words for near misses. */
export function exerciseWords(t: (key: string) => string, catalogues: Iterable<Readonly<Record<string, unknown>>> = []): SectionWords {
  const { names, clashes } = sectionWords(t)
  const headings = new Map<string, string>()
  const aliases = new Map<string, string[]>()
  const all = [...catalogues]
  for (const [name, key] of Object.entries(SECTION_KEYS)) {
    if (!clashes.some((c) => c.name === name)) headings.set(name, t(key).trim())
    const words = all.map((catalogue) => catalogue[key]).filter((word): word is string => typeof word === 'string' && word.trim() !== '')
    aliases.set(name, [...new Set([name, t(key), ...words].map(squashHeading))])
  }
  return { names, headings, aliases }
}

export interface ExerciseSection {
  /** Canonical name (from EXERCISE_SECTIONS) or the heading as written. */
  name: string
  markdown: string
  /** 1-based line of the heading in the file. */
  line: number
}

export interface Exercise extends Omit<ExerciseMeta, 'id'> {
  kind: 'exercise'
  id: string
  file: string
  source: string
  /** Text before the first `##` heading (an introduction). */
  intro: string
  sections: ExerciseSection[]
  /** Runnable steps for `kit labs`, when the exercise marks any. */
  lab?: LabScript
}

/**
 * Parses one exercise file; reports missing sections and solutions. A
 * translation passes its source's front matter as `inherit` (the keys it
 * does not set itself, duration, modules…, come from there) and its
 * source's section names: when it has as many `##` sections, each takes the
 * name of the source's section at the same position, so its headings are
 * written in its own language. A heading names a section in English or in
 * the words of `words` (the workshop language's, from its catalogue); with
 * `words` null (the workshop's language could not be read) the sections are
 * not checked, rather than checked against English.
 */
export function parseExercise(file: SourceText, problems: Problems, inherit?: Record<string, unknown>, sourceSections?: string[], words: SectionWords | null = ENGLISH_WORDS): Exercise | undefined {
  if (!lintMarkdown(file.text, file.path, problems)) return undefined
  const split = splitFrontMatter(file.text, file.path, problems)
  if (!split) return undefined
  const own = split.data.value && typeof split.data.value === 'object' ? split.data.value : {}
  const meta = validateWith(exerciseMetaSchema, inherit ? { ...split.data, value: { ...inherit, ...own } } : split.data, problems, 'exercise front matter')
  warnUnknownKeys(split.data.value, [...Object.keys(exerciseMetaSchema.shape), 'translated-from'], split.data, [], problems, `${file.path} front matter`)
  const id = meta && itemId(file.path, meta.id, problems)
  if (!meta || !id) return undefined
  const lines = split.body.split('\n')
  const h2 = headings(split.body).filter((h) => h.level === 2)
  const named = sourceSections?.length === h2.length ? sourceSections : undefined
  const sections: ExerciseSection[] = h2.map((h, i) => ({
    // A translation's section takes the known section at its place in the source; its own headings stay its own.
    name: named?.[i] && SECTION_KEYS[named[i]] ? named[i] : canonicalSection(h.text, words?.names ?? new Map()),
    markdown: lines
      .slice(h.line + 1, h2[i + 1]?.line ?? lines.length)
      .join('\n')
      .trim(),
    line: h.line + split.bodyLine,
  }))
  const intro = lines
    .slice(0, h2[0]?.line ?? lines.length)
    .join('\n')
    .trim()
  if (words) checkSections(sections, meta.title, { file: file.path, body: split.body, bodyLine: split.bodyLine, words }, problems)
  const solution = sections.find((s) => s.name === 'Solution')
  if (solution && solution.markdown === '' && !sections.some((s) => hasSolutionBlock(s.markdown))) {
    const heading = words?.headings.get('Solution') ?? 'Solution'
    problems.add({
      code: 'KIT_EXERCISE_NO_SOLUTION',
      message: `Exercise "${meta.title}" has an empty "## ${heading}" section.`,
      hint: `Write the full solution under "## ${heading}"; it is printed only on instructor sheets.`,
      location: { file: file.path, line: solution.line, column: 1 },
    })
  }
  return {
    ...meta,
    kind: 'exercise',
    id,
    file: file.path,
    source: file.text,
    intro,
    sections,
    lab: extractLabScript(split.body, split.bodyLine, file.path, problems),
  }
}

interface SectionSource {
  file: string
  /** The markdown after the front matter, and the file line it starts on. */
  body: string
  bodyLine: number
  words: SectionWords
}

/**
 * Every required section is there, in the documented order, each named in
 * the workshop's language. One mistake, one report: a code fence left open
 * that swallows section headings is reported at the fence; a missing
 * section at the heading that looks like it in any catalogue language
 * (`## Cleanup`, `## Nettoyer`), else at the one heading standing where it
 * goes, else at the next section's heading.
 */
function checkSections(sections: ExerciseSection[], title: string, source: SectionSource, problems: Problems): void {
  const { file, words } = source
  const heading = (name: string) => words.headings.get(name) ?? name
  const order = EXERCISE_SECTIONS.map(heading).join(', ')
  const missing = EXERCISE_SECTIONS.filter((name) => !sections.some((s) => s.name === name))
  if (missing.length > 0 && reportSwallowingFence(source, problems)) return
  const unknown = sections.filter((s) => !(EXERCISE_SECTIONS as readonly string[]).includes(s.name) && s.name !== INSTRUCTOR_SECTION)
  const claimed = new Set<ExerciseSection>()
  for (const name of missing) {
    const written = wrongLevel(name, source)
    if (written) {
      problems.add({
        code: 'KIT_EXERCISE_SECTION',
        message: `Exercise "${title}" has no "## ${heading(name)}" section; "${written.text}" is not a level-2 heading.`,
        hint: `Write it "## ${heading(name)}": two # and a space.`,
        location: { file, line: written.line, column: 1 },
      })
      continue
    }
    const guess = closestSection(name, unknown, words, claimed) ?? standIn(name, sections, unknown, claimed)
    if (guess) claimed.add(guess)
    const where = guess?.line ?? nextSection(name, sections)?.line ?? source.bodyLine
    problems.add({
      code: 'KIT_EXERCISE_SECTION',
      message: guess ? `Exercise "${title}" has no "## ${heading(name)}" section; "## ${guess.name}" looks like it.` : `Exercise "${title}" has no "## ${heading(name)}" section.`,
      hint: guess ? `Rename the heading to "## ${heading(name)}".` : `Exercises need these sections, in this order: ${order}.`,
      location: { file, line: where, column: 1 },
    })
  }
  const misplaced = firstMisplaced(sections)
  if (misplaced) {
    problems.warn({
      code: 'KIT_EXERCISE_ORDER',
      message: `Exercise "${title}": "## ${heading(misplaced.name)}" comes after a section that should follow it.`,
      hint: `Order the sections as learners expect them: ${order}.`,
      location: { file, line: misplaced.line, column: 1 },
    })
  }
}

function firstMisplaced(sections: ExerciseSection[]): ExerciseSection | undefined {
  let furthest = -1
  for (const section of sections) {
    const index = (EXERCISE_SECTIONS as readonly string[]).indexOf(section.name)
    if (index < 0) continue
    if (index < furthest) return section
    furthest = index
  }
  return undefined
}

/**
 * A code fence still open at a line that is a section heading (a fence left
 * open inside `## Solution` that the next block's fence "closes"): reported
 * once, at the fence, instead of the sections it hides.
 */
function reportSwallowingFence(source: SectionSource, problems: Problems): boolean {
  let open: { marker: string; line: number } | undefined
  const lines = source.body.split('\n')
  for (const [i, line] of lines.entries()) {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (fence) {
      const marker = fence[1] ?? ''
      if (!open) open = { marker, line: i }
      else if (marker[0] === open.marker[0] && marker.length >= open.marker.length && line.trim() === marker) open = undefined
      continue
    }
    const heading = /^##[ \t]+(.+?)[ \t#]*$/.exec(line)?.[1]
    if (!open || heading === undefined || !(EXERCISE_SECTIONS as readonly string[]).includes(canonicalSection(heading, source.words.names))) continue
    problems.add({
      code: 'KIT_UNCLOSED_FENCE',
      message: `The code block opened at line ${open.line + source.bodyLine} is not closed before "## ${heading}" (line ${i + source.bodyLine}): that heading and what follows become code.`,
      hint: `Close the block with a line containing only ${open.marker} before the heading.`,
      location: { file: source.file, line: open.line + source.bodyLine, column: 1 },
    })
    return true
  }
  return false
}

/** A line outside code that names section `name` but is not a `## ` heading (`### Objectif`, `#Objectif`, `##Objectif`). */
function wrongLevel(name: string, source: SectionSource): { text: string; line: number } | undefined {
  let fence: string | undefined
  for (const [i, line] of source.body.split('\n').entries()) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (marker) fence = fence === undefined ? marker : line.trim() === fence ? undefined : fence
    const written = fence === undefined ? /^ {0,3}(#{1,6})[ \t]*(.+?)[ \t#]*$/.exec(line) : null
    if (!written || (written[1] === '##' && /^##[ \t]/.test(line.trim()))) continue
    if (canonicalSection(written[2] ?? '', source.words.names) === name) return { text: line.trim(), line: i + source.bodyLine }
  }
  return undefined
}

/** The unrecognised heading nearest to a section's word in any catalogue language, ignoring case, spaces and dashes. */
function closestSection(name: string, candidates: ExerciseSection[], words: SectionWords, claimed: ReadonlySet<ExerciseSection>): ExerciseSection | undefined {
  const squash = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '')
  let best: { section: ExerciseSection; distance: number } | undefined
  for (const alias of words.aliases.get(name) ?? [name]) {
    for (const section of candidates) {
      if (claimed.has(section)) continue
      const distance = closestDistance(squash(alias), squash(section.name))
      if (distance !== undefined && (!best || distance < best.distance)) best = { section, distance }
    }
  }
  return best?.section
}

function closestDistance(word: string, candidate: string): number | undefined {
  return closest(word, [candidate]) === undefined ? undefined : distance(word, candidate)
}

/** The one unrecognised heading between the sections before and after `name`: it stands where `name` goes. */
function standIn(name: string, sections: ExerciseSection[], unknown: ExerciseSection[], claimed: ReadonlySet<ExerciseSection>): ExerciseSection | undefined {
  const index = (EXERCISE_SECTIONS as readonly string[]).indexOf(name)
  const rank = (s: ExerciseSection) => (EXERCISE_SECTIONS as readonly string[]).indexOf(s.name)
  const before = sections.filter((s) => rank(s) >= 0 && rank(s) < index).at(-1)
  const after = nextSection(name, sections)
  const between = unknown.filter((s) => !claimed.has(s) && s.line > (before?.line ?? 0) && s.line < (after?.line ?? Number.POSITIVE_INFINITY))
  return between.length === 1 ? between[0] : undefined
}

/** The first present section that comes after `name` in the documented order. */
function nextSection(name: string, sections: ExerciseSection[]): ExerciseSection | undefined {
  const index = (EXERCISE_SECTIONS as readonly string[]).indexOf(name)
  return sections.find((s) => (EXERCISE_SECTIONS as readonly string[]).indexOf(s.name) > index)
}

function canonicalSection(heading: string, localNames: ReadonlyMap<string, string>): string {
  const plain = squashHeading(heading)
  const known = [...EXERCISE_SECTIONS, INSTRUCTOR_SECTION].find((name) => name.toLowerCase() === plain)
  return known ?? localNames.get(plain) ?? heading.trim()
}
