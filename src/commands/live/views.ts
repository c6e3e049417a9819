import { clockReading } from '../../plan/live-clock.ts'
import type { RoomModel } from './room-model.ts'
import { currentExercise, type LearnerState, type RoomState } from './room-state.ts'

/**
 * What each page is told over its socket, as JSON-ready objects. Learners
 * and the screen get the room's public view (the same for all of them, so
 * it is serialised once per change) and each learner their own progress;
 * the trainer and helpers get the staff view with names, messages and
 * counts. Answer counts and right answers reach learners only once the
 * question is revealed. Pure.
 */

export interface PublicQuestion {
  id: string
  html: string
  choices: string[]
  state: 'open' | 'closed' | 'revealed'
  /** Only once revealed. */
  counts?: number[]
  answer?: number
}

export interface RoomView {
  type: 'room'
  seq: number
  current: number
  /** What the current slide is (a hands-on slide turns learners' pages to the exercise). */
  kind: string
  furthest: number
  total: number
  /** Exercises started so far, in deck order; the last one shown is `exercise`. */
  exercises: string[]
  exercise?: string
  released: string[]
  questions: PublicQuestion[]
  ended: boolean
}

export function roomView(room: RoomState, model: RoomModel): RoomView {
  const exercises = [...model.exercises.values()].filter((e) => room.exercises.has(e.id)).map((e) => e.id)
  const questions = [...room.questions].map(([id, state]) => {
    const q = model.questions.get(id)!
    const revealed = state === 'revealed'
    return { id, html: q.html, choices: q.choices, state, ...(revealed ? { counts: answerCounts(room, id, q.choices.length), answer: q.answer } : {}) }
  })
  return {
    type: 'room',
    seq: room.seq,
    current: room.current,
    kind: model.slides[room.current]?.kind ?? 'module',
    furthest: room.furthest,
    total: model.slides.length,
    exercises,
    exercise: currentExercise(room, model),
    released: [...room.released],
    questions,
    ended: room.endedAt !== undefined,
  }
}

export interface MeView {
  type: 'me'
  id: string
  name: string
  steps: Record<string, number[]>
  finished: string[]
  stuck: { exercise: string; step: number | null; message: string; helper?: string } | null
  answers: Record<string, number>
}

export function meView(learner: LearnerState, nameOf: (id: string) => string | undefined): MeView {
  const { stuck } = learner
  return {
    type: 'me',
    id: learner.id,
    name: learner.name,
    steps: Object.fromEntries([...learner.steps].map(([exercise, steps]) => [exercise, [...steps.keys()].sort((a, b) => a - b)])),
    finished: [...learner.finished.keys()],
    stuck: stuck ? { exercise: stuck.exercise, step: stuck.step, message: stuck.message, ...(stuck.claimedBy ? { helper: nameOf(stuck.claimedBy) } : {}) } : null,
    answers: Object.fromEntries(learner.answers),
  }
}

export function answerCounts(room: RoomState, question: string, choices: number): number[] {
  const counts = Array.from({ length: choices }, () => 0)
  for (const learner of room.learners.values()) {
    const choice = learner.answers.get(question)
    if (choice !== undefined && choice < choices) counts[choice] = (counts[choice] ?? 0) + 1
  }
  return counts
}

export interface StaffView {
  type: 'staff'
  seq: number
  now: number
  you: string
  current: number
  furthest: number
  total: number
  driver: string
  presenters: { id: string; name: string; role: 'trainer' | 'helper' }[]
  learners: StaffLearner[]
  exercise?: { id: string; title: string; steps: string[]; released: boolean; done: number[] }
  stuck: { learner: string; name: string; exercise: string; step: number | null; stepTitle: string; message: string; since: number; helper?: string }[]
  question?: { id: string; html: string; choices: string[]; state: string; counts: number[]; answered: number; answer?: number }
  /** Where the agenda expects the room to be and how far ahead (+) or behind (−) it is; clock times written the language's way. */
  clock?: { planned: number; elapsed: number; ahead: number; plannedText: string; nowText: string }
  notes: string
  titles: { current: string; next: string }
  ended: boolean
}

export interface StaffLearner {
  id: string
  name: string
  online: boolean
  /** Steps of the current exercise ticked, by index. */
  steps: number[]
  finished: boolean
  stuckAt?: number | null
}

export function staffView(
  room: RoomState,
  model: RoomModel,
  extra: { you: string; online: ReadonlySet<string>; now: number; notes: string[]; names: Map<string, string>; time: (minuteOfDay: number) => string },
): StaffView {
  const exerciseId = currentExercise(room, model)
  const exercise = exerciseId ? model.exercises.get(exerciseId) : undefined
  const learners = [...room.learners.values()]
  return {
    type: 'staff',
    seq: room.seq,
    now: extra.now,
    you: extra.you,
    current: room.current,
    furthest: room.furthest,
    total: model.slides.length,
    driver: room.driver,
    presenters: [
      { id: room.trainer, name: extra.names.get(room.trainer) ?? '', role: 'trainer' as const },
      ...[...room.helpers.values()].map((h) => ({ id: h.id, name: h.name, role: 'helper' as const })),
    ],
    learners: learners.map((l) => staffLearner(l, exerciseId, extra.online)),
    exercise: exercise && {
      id: exercise.id,
      title: exercise.sheet.title,
      steps: exercise.sheet.steps.map((s) => s.title),
      released: room.released.has(exercise.id),
      done: exercise.sheet.steps.map((_, i) => learners.filter((l) => l.steps.get(exercise.id)?.has(i)).length),
    },
    stuck: stuckQueue(learners, model, extra.names),
    question: questionOnShow(room, model),
    clock: room.startedAt === undefined ? undefined : clockView(room, model, extra.now, extra.time),
    notes: extra.notes[room.current] ?? '',
    titles: { current: model.slides[room.current]?.title ?? '', next: model.slides[room.current + 1]?.title ?? '' },
    ended: room.endedAt !== undefined,
  }
}

function staffLearner(learner: LearnerState, exercise: string | undefined, online: ReadonlySet<string>): StaffLearner {
  const steps = exercise ? [...(learner.steps.get(exercise)?.keys() ?? [])].sort((a, b) => a - b) : []
  const stuck = learner.stuck && learner.stuck.exercise === exercise ? { stuckAt: learner.stuck.step } : {}
  return { id: learner.id, name: learner.name, online: online.has(learner.id), steps, finished: exercise ? learner.finished.has(exercise) : false, ...stuck }
}

/** Everyone stuck, longest waiting first. */
function stuckQueue(learners: LearnerState[], model: RoomModel, names: Map<string, string>): StaffView['stuck'] {
  return learners
    .filter((l) => l.stuck)
    .map((l) => {
      const s = l.stuck!
      const stepTitle = s.step === null ? '' : (model.exercises.get(s.exercise)?.sheet.steps[s.step]?.title ?? '')
      return { learner: l.id, name: l.name, exercise: s.exercise, step: s.step, stepTitle, message: s.message, since: s.since, ...(s.claimedBy ? { helper: names.get(s.claimedBy) ?? '' } : {}) }
    })
    .sort((a, b) => a.since - b.since)
}

/** The question on the current slide, else the last one asked at or before it. */
function questionOnShow(room: RoomState, model: RoomModel): StaffView['question'] {
  let id: string | undefined
  for (let i = room.current; i >= 0 && !id; i--) {
    const slide = model.slides[i]
    if (slide?.question && room.questions.has(slide.question)) id = slide.question
    if (slide && slide.kind !== 'quiz' && slide.kind !== 'answers') break
  }
  const q = id ? model.questions.get(id) : undefined
  if (!q) return undefined
  const counts = answerCounts(room, q.id, q.choices.length)
  return { id: q.id, html: q.html, choices: q.choices, state: room.questions.get(q.id) ?? 'open', counts, answered: counts.reduce((a, b) => a + b, 0), answer: q.answer }
}

function clockView(room: RoomState, model: RoomModel, now: number, time: (minute: number) => string): StaffView['clock'] {
  const elapsed = (now - (room.startedAt ?? now)) / 60_000
  const reading = clockReading(model.clock, room.current, elapsed)
  const local = new Date(now)
  return { ...reading, plannedText: time(Math.round(model.agendaStart + reading.planned)), nowText: time(local.getHours() * 60 + local.getMinutes()) }
}
