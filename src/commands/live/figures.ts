import type { LiveEvent, Person } from './events.ts'

/**
 * A session's figures, computed from its log alone: attendance, per
 * exercise the completion and median time of each step, where people got
 * stuck (with their messages), and each question's answers. The report
 * shows them; their anonymous part (counts and medians, no names) is the
 * summary the next build shows in the guide. Pure.
 */

/** What the log needs to be read: the exercises' steps and the questions, as they were when the session ran. */
export interface SessionOutline {
  exercises: { id: string; title: string; steps: string[] }[]
  questions: { id: string; text: string; choices: string[]; answer?: number }[]
}

export interface StepFigures {
  title: string
  /** Learners who ticked it. */
  done: number
  /** Learners who said they were stuck at it. */
  stuck: number
  /** Median minutes from the previous step (or the exercise's start) to ticking it; null when nobody ticked it. */
  median: number | null
}

export interface ExerciseFigures {
  id: string
  title: string
  /** Learners who ticked a step, said Done or were stuck. */
  participants: number
  finished: number
  steps: StepFigures[]
}

export interface StuckFigure {
  name: string
  exercise: string
  step: string
  message: string
  at: number
  /** Minutes until someone claimed it (null: never claimed). */
  claimedAfter: number | null
  helper?: string
  /** Minutes until it was resolved (null: never). */
  resolvedAfter: number | null
}

export interface QuestionFigures {
  id: string
  text: string
  choices: string[]
  answer?: number
  counts: number[]
  answered: number
  /** Share of answers that were right, 0–1; null without a right answer or answers. */
  correct: number | null
}

export interface Figures {
  started?: number
  ended?: number
  learners: number
  attendance: { name: string; joinedAt: number; lastSeen: number }[]
  exercises: ExerciseFigures[]
  stuck: StuckFigure[]
  questions: QuestionFigures[]
}

export function sessionFigures(events: readonly LiveEvent[], people: readonly Person[], outline: SessionOutline): Figures {
  const learners = people.filter((p) => p.role === 'learner')
  const names = new Map(people.map((p) => [p.id, p.name]))
  const lastSeen = new Map(learners.map((l) => [l.id, l.at]))
  for (const e of events) if (lastSeen.has(e.actor)) lastSeen.set(e.actor, e.at)
  const started = events.find((e) => e.type === 'slide' && e.to > 0)?.at
  return {
    started,
    ended: events.find((e) => e.type === 'ended')?.at,
    learners: learners.length,
    attendance: learners.map((l) => ({ name: l.name, joinedAt: l.at, lastSeen: lastSeen.get(l.id) ?? l.at })),
    exercises: outline.exercises.map((x) => exerciseFigures(x, events)),
    stuck: stuckFigures(events, names, outline),
    questions: outline.questions.map((q) => questionFigures(q, events)),
  }
}

function exerciseFigures(exercise: SessionOutline['exercises'][number], events: readonly LiveEvent[]): ExerciseFigures {
  const mine = events.filter((e) => 'exercise' in e && e.exercise === exercise.id)
  const ticks = new Map<string, Map<number, number>>()
  const stuckAt = exercise.steps.map(() => new Set<string>())
  const finished = new Set<string>()
  for (const e of mine) {
    if (e.type === 'step') {
      const own = ticks.get(e.actor) ?? new Map<number, number>()
      if (e.done) own.set(e.step, e.at)
      else own.delete(e.step)
      ticks.set(e.actor, own)
    } else if (e.type === 'stuck' && e.step !== null) stuckAt[e.step]?.add(e.actor)
    else if (e.type === 'finished') e.done ? finished.add(e.actor) : finished.delete(e.actor)
  }
  const start = startOf(exercise.id, events)
  const participants = new Set([...mine.map((e) => e.actor)])
  return {
    id: exercise.id,
    title: exercise.title,
    participants: participants.size,
    finished: finished.size,
    steps: exercise.steps.map((title, i) => {
      const durations = [...ticks.values()].flatMap((own) => {
        const at = own.get(i)
        if (at === undefined) return []
        const before = [...own].filter(([k, t]) => k < i && t <= at).map(([, t]) => t)
        const from = before.length ? Math.max(...before) : (start ?? at)
        return [(at - from) / 60_000]
      })
      return { title, done: durations.length, stuck: stuckAt[i]?.size ?? 0, median: median(durations) }
    }),
  }
}

/** When the exercise's slide was first shown: the `slide` event right before its first step, stuck or Done, else its first event. */
function startOf(exercise: string, events: readonly LiveEvent[]): number | undefined {
  const first = events.findIndex((e) => 'exercise' in e && e.exercise === exercise)
  if (first < 0) return undefined
  for (let i = first; i >= 0; i--) if (events[i]?.type === 'slide') return events[i]?.at
  return events[first]?.at
}

function stuckFigures(events: readonly LiveEvent[], names: Map<string, string>, outline: SessionOutline): StuckFigure[] {
  const open = new Map<string, StuckFigure>()
  const all: StuckFigure[] = []
  for (const e of events) {
    if (e.type === 'stuck' && !open.has(e.actor)) {
      const exercise = outline.exercises.find((x) => x.id === e.exercise)
      const figure: StuckFigure = {
        name: names.get(e.actor) ?? '',
        exercise: exercise?.title ?? e.exercise,
        step: e.step === null ? '' : (exercise?.steps[e.step] ?? ''),
        message: e.message,
        at: e.at,
        claimedAfter: null,
        resolvedAfter: null,
      }
      open.set(e.actor, figure)
      all.push(figure)
    } else if (e.type === 'stuck') {
      const figure = open.get(e.actor)
      if (figure && e.message) figure.message = e.message
    } else if (e.type === 'claimed' && open.has(e.learner)) {
      const figure = open.get(e.learner)!
      figure.claimedAfter = (e.at - figure.at) / 60_000
      figure.helper = names.get(e.actor)
    } else if (e.type === 'unstuck' && open.has(e.learner)) {
      open.get(e.learner)!.resolvedAfter = (e.at - open.get(e.learner)!.at) / 60_000
      open.delete(e.learner)
    }
  }
  return all
}

function questionFigures(question: SessionOutline['questions'][number], events: readonly LiveEvent[]): QuestionFigures {
  const last = new Map<string, number>()
  for (const e of events) if (e.type === 'answer' && e.question === question.id) last.set(e.actor, e.choice)
  const counts = question.choices.map(() => 0)
  for (const choice of last.values()) if (choice < counts.length) counts[choice] = (counts[choice] ?? 0) + 1
  const answered = last.size
  const right = question.answer === undefined ? undefined : (counts[question.answer] ?? 0)
  return { ...question, counts, answered, correct: right === undefined || answered === 0 ? null : right / answered }
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}
