import type { SatisfactionQuestion, Workshop } from './schemas.ts'

/**
 * The satisfaction survey's questions: kit's defaults (printed in the
 * workshop's language from the catalogues, `survey.question.<id>`), with
 * workshop.yaml's `satisfaction:` replacing one by its id, adding its own
 * after them, or (`defaults: false`) standing alone.
 */
export interface SurveyQuestion {
  id: string
  kind: SatisfactionQuestion['kind']
  /** The author's wording; undefined for kit's questions, whose words come from the catalogue. */
  question?: string
  /** The author's choices; kit's `pace` question has its three from the catalogue. */
  choices?: string[]
  /** How many choices a `choice` question has (the author's, or kit's). */
  choiceCount: number
}

/** kit's questions, in the order they print. */
export const DEFAULT_SURVEY: readonly SurveyQuestion[] = [
  { id: 'overall', kind: 'scale', choiceCount: 0 },
  { id: 'content', kind: 'scale', choiceCount: 0 },
  { id: 'pace', kind: 'choice', choiceCount: 3 },
  { id: 'exercises', kind: 'scale', choiceCount: 0 },
  { id: 'trainer', kind: 'scale', choiceCount: 0 },
  { id: 'recommend', kind: 'yes-no', choiceCount: 0 },
  { id: 'comments', kind: 'text', choiceCount: 0 },
]

/** Catalogue keys of kit's `pace` choices, in order. */
export const PACE_CHOICES = ['survey.pace.slow', 'survey.pace.right', 'survey.pace.fast'] as const

/** A scale answer is a whole number from 1 (worst) to this. */
export const SCALE_MAX = 5

export function surveyQuestions(workshop: Pick<Workshop, 'satisfaction'>): SurveyQuestion[] {
  const own = workshop.satisfaction.questions.map(
    (q): SurveyQuestion => ({ id: q.id, kind: q.kind, question: q.question, choices: q.choices, choiceCount: q.kind === 'choice' ? (q.choices?.length ?? 0) : 0 }),
  )
  const byId = new Map(own.map((q) => [q.id, q]))
  const defaults = workshop.satisfaction.defaults ? DEFAULT_SURVEY.map((q) => byId.get(q.id) ?? q) : []
  const replaced = new Set(defaults.map((q) => q.id))
  return [...defaults, ...own.filter((q) => !replaced.has(q.id))]
}
