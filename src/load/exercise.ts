import { closest } from '../core/closest.ts'
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
 * the words of `localNames` (the workshop language's, from its catalogue).
 */
export function parseExercise(
  file: SourceText,
  problems: Problems,
  inherit?: Record<string, unknown>,
  sourceSections?: string[],
  localNames: ReadonlyMap<string, string> = new Map(),
): Exercise | undefined {
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
    name: named?.[i] && SECTION_KEYS[named[i]] ? named[i] : canonicalSection(h.text, localNames),
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
  checkSections(sections, meta.title, file.path, split.bodyLine, problems)
  const solution = sections.find((s) => s.name === 'Solution')
  if (solution && solution.markdown === '' && !sections.some((s) => hasSolutionBlock(s.markdown))) {
    problems.add({
      code: 'KIT_EXERCISE_NO_SOLUTION',
      message: `Exercise "${meta.title}" has an empty Solution section.`,
      hint: 'Write the full solution under "## Solution"; it is printed only on instructor sheets.',
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

/**
 * Every required section is there, in the documented order. A missing one
 * is reported at the heading that looks most like it (`## Cleanup`), else
 * at the start of the body.
 */
function checkSections(sections: ExerciseSection[], title: string, file: string, bodyLine: number, problems: Problems): void {
  const unknown = sections.filter((s) => !(EXERCISE_SECTIONS as readonly string[]).includes(s.name) && s.name !== INSTRUCTOR_SECTION)
  for (const name of EXERCISE_SECTIONS) {
    if (sections.some((s) => s.name === name)) continue
    const guess = closestSection(name, unknown)
    problems.add({
      code: 'KIT_EXERCISE_SECTION',
      message: guess ? `Exercise "${title}" has no "## ${name}" section; "## ${guess.name}" looks like it.` : `Exercise "${title}" has no "## ${name}" section.`,
      hint: guess ? `Rename the heading to "## ${name}".` : `Exercises need these sections, in this order: ${EXERCISE_SECTIONS.join(', ')}.`,
      location: { file, line: guess?.line ?? bodyLine, column: 1 },
    })
  }
  let furthest = -1
  let misplaced: ExerciseSection | undefined
  for (const section of sections) {
    const index = (EXERCISE_SECTIONS as readonly string[]).indexOf(section.name)
    if (index < 0) continue
    if (index < furthest) {
      misplaced = section
      break
    }
    furthest = index
  }
  if (misplaced) {
    problems.warn({
      code: 'KIT_EXERCISE_ORDER',
      message: `Exercise "${title}": "## ${misplaced.name}" comes after a section that should follow it.`,
      hint: `Order the sections as learners expect them: ${EXERCISE_SECTIONS.join(', ')}.`,
      location: { file, line: misplaced.line, column: 1 },
    })
  }
}

/** The unrecognised heading nearest to a section name, ignoring case, spaces and dashes. */
function closestSection(name: string, candidates: ExerciseSection[]): ExerciseSection | undefined {
  const squash = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '')
  const match = closest(
    squash(name),
    candidates.map((c) => squash(c.name)),
  )
  return match === undefined ? undefined : candidates.find((c) => squash(c.name) === match)
}

function canonicalSection(heading: string, localNames: ReadonlyMap<string, string>): string {
  const plain = squashHeading(heading)
  const known = [...EXERCISE_SECTIONS, INSTRUCTOR_SECTION].find((name) => name.toLowerCase() === plain)
  return known ?? localNames.get(plain) ?? heading.trim()
}
