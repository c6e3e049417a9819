import { hasSolutionBlock, headings } from '../../core/markdown.ts'
import type { Content } from '../../load/content.ts'
import { INSTRUCTOR_SECTION, SECTION_KEYS, type Exercise } from '../../load/exercise.ts'
import { renderMarkdown } from '../markdown-html.ts'

/**
 * An exercise as `kit live` shows it to learners: the learner sheet with
 * its Steps section cut into steps (one checkbox each), and, apart, what
 * the trainer may release later: the Solution section and the solution
 * blocks inside steps. Learner parts never contain solution text; the
 * released part never contains the instructor notes.
 */
export interface LiveSheet {
  id: string
  title: string
  durationText: string
  objectives: string[]
  introHtml: string
  /** Sections before the steps (Goal, Before you start…). */
  before: LiveSection[]
  steps: LiveStep[]
  /** Sections after the steps, without Solution and Instructor notes. */
  after: LiveSection[]
}

export interface LiveSection {
  name: string
  html: string
}

export interface LiveStep {
  /** The step's heading as written ("1. Look at the host kernel"). */
  title: string
  html: string
}

/** What learners get when the trainer releases the solution. */
export interface LiveSolution {
  /** The Solution section, or '' when the exercise has none. */
  html: string
  /** Per step (same order as the sheet's), the step with its solution blocks; '' where the step has none. */
  steps: string[]
}

const HIDDEN = new Set(['Solution', INSTRUCTOR_SECTION])

export function liveSheet(exercise: Exercise, content: Content): LiveSheet {
  const { t } = content.messages
  const boxes = { solution: t('sheet.box.solution'), tip: t('sheet.box.tip'), warning: t('sheet.box.warning') }
  const name = (section: string) => (SECTION_KEYS[section] ? t(SECTION_KEYS[section]) : section)
  const stepsAt = exercise.sections.findIndex((s) => s.name === 'Steps')
  const section = (s: Exercise['sections'][number]) => ({ name: name(s.name), html: renderMarkdown(s.markdown, 'learner', 1, boxes) })
  const visible = (s: Exercise['sections'][number]) => !HIDDEN.has(s.name)
  return {
    id: exercise.id,
    title: exercise.title,
    durationText: content.messages.duration(exercise.duration),
    objectives: exercise.objectives,
    introHtml: renderMarkdown(exercise.intro, 'learner', 0, boxes),
    before: exercise.sections.slice(0, Math.max(stepsAt, 0)).filter(visible).map(section),
    steps: splitSteps(exercise.sections[stepsAt]?.markdown ?? '', t('sheet.section.steps')).map((s) => ({ title: s.title, html: renderMarkdown(s.markdown, 'learner', 1, boxes) })),
    after: exercise.sections
      .slice(stepsAt + 1)
      .filter(visible)
      .map(section),
  }
}

export function liveSolution(exercise: Exercise, content: Content): LiveSolution {
  const { t } = content.messages
  const boxes = { solution: t('sheet.box.solution'), tip: t('sheet.box.tip'), warning: t('sheet.box.warning') }
  const solution = exercise.sections.find((s) => s.name === 'Solution')
  const steps = splitSteps(exercise.sections.find((s) => s.name === 'Steps')?.markdown ?? '', '')
  return {
    html: solution ? renderMarkdown(solution.markdown, 'instructor', 1, boxes) : '',
    steps: steps.map((s) => (hasSolutionBlock(s.markdown) ? renderMarkdown(s.markdown, 'instructor', 1, boxes) : '')),
  }
}

/**
 * The steps of a Steps section: each `###` heading starts one (docs/authoring.md);
 * a section without such headings is one step, named `fallback`.
 */
export function splitSteps(markdown: string, fallback: string): { title: string; markdown: string }[] {
  const lines = markdown.split('\n')
  const marks = headings(markdown).filter((h) => h.level === 3)
  if (marks.length === 0) return markdown.trim() ? [{ title: fallback, markdown }] : []
  return marks.map((h, i) => ({
    title: h.text,
    markdown: lines
      .slice(h.line + 1, marks[i + 1]?.line ?? lines.length)
      .join('\n')
      .trim(),
  }))
}
