import type { LiveEvent, Person } from './events.ts'
import type { RoomModel } from './room-model.ts'

/**
 * The room as the log has made it: where the deck is, who is here, each
 * learner's steps, stuck flags and answers, which questions are closed and
 * which solutions released. `applyEvent` folds one event in; starting from
 * `emptyRoom` and applying the whole log gives the same room as the one
 * that wrote it, which is how a restarted `kit live` gets its state back.
 * The room object is owned by one process and updated in place.
 */
export interface LearnerState {
  id: string
  name: string
  joinedAt: number
  /** Last event of theirs or reconnection. */
  lastSeen: number
  /** Exercise id → step index → when it was ticked. */
  steps: Map<string, Map<number, number>>
  /** Exercise id → when they said "Done". */
  finished: Map<string, number>
  stuck?: StuckState
  /** Question id → chosen choice. */
  answers: Map<string, number>
}

export interface StuckState {
  exercise: string
  step: number | null
  message: string
  since: number
  claimedBy?: string
  claimedAt?: number
}

export type QuestionState = 'open' | 'closed' | 'revealed'

export interface RoomState {
  seq: number
  current: number
  /** The furthest slide the presenter has shown: learners may go back, never past it. */
  furthest: number
  /** When the presenter first left the join slide: the start of the real clock. */
  startedAt?: number
  driver: string
  trainer: string
  learners: Map<string, LearnerState>
  helpers: Map<string, Person>
  /** Questions whose slide has been shown, and how far along they are. */
  questions: Map<string, QuestionState>
  /** Exercise id → when its slide was first shown. */
  exercises: Map<string, number>
  released: Set<string>
  endedAt?: number
}

export function emptyRoom(trainer: string): RoomState {
  return { seq: 0, current: 0, furthest: 0, driver: trainer, trainer, learners: new Map(), helpers: new Map(), questions: new Map(), exercises: new Map(), released: new Set() }
}

/** Adds a person (from the people table) before their first event is applied. */
export function addPerson(room: RoomState, person: Person): void {
  if (person.role === 'learner') room.learners.set(person.id, { id: person.id, name: person.name, joinedAt: person.at, lastSeen: person.at, steps: new Map(), finished: new Map(), answers: new Map() })
  else if (person.role === 'helper') room.helpers.set(person.id, person)
}

export function applyEvent(room: RoomState, event: LiveEvent, model: RoomModel): void {
  room.seq = event.seq
  const learner = room.learners.get(event.actor)
  if (learner) learner.lastSeen = event.at
  switch (event.type) {
    case 'slide':
      showSlide(room, event.to, event.at, model)
      return
    case 'step':
      if (learner) setStep(learner, event.exercise, event.step, event.done ? event.at : undefined)
      return
    case 'finished':
      if (learner && event.done) learner.finished.set(event.exercise, event.at)
      else learner?.finished.delete(event.exercise)
      return
    case 'stuck':
      if (learner)
        learner.stuck = {
          exercise: event.exercise,
          step: event.step,
          message: event.message,
          since: learner.stuck?.since ?? event.at,
          claimedBy: learner.stuck?.claimedBy,
          claimedAt: learner.stuck?.claimedAt,
        }
      return
    case 'unstuck': {
      const who = room.learners.get(event.learner)
      if (who) who.stuck = undefined
      return
    }
    case 'claimed': {
      const stuck = room.learners.get(event.learner)?.stuck
      if (stuck) Object.assign(stuck, { claimedBy: event.actor, claimedAt: event.at })
      return
    }
    case 'answer':
      learner?.answers.set(event.question, event.choice)
      return
    case 'question':
      room.questions.set(event.question, event.state)
      return
    case 'released':
      room.released.add(event.exercise)
      return
    case 'driver':
      room.driver = event.to
      return
    case 'ended':
      room.endedAt = event.at
      return
    default:
      // joined, invited, present: the person is in already; lastSeen is updated above.
      return
  }
}

function setStep(learner: LearnerState, exercise: string, step: number, at: number | undefined): void {
  const steps = learner.steps.get(exercise) ?? new Map<number, number>()
  if (at === undefined) steps.delete(step)
  else steps.set(step, at)
  learner.steps.set(exercise, steps)
}

/** Showing a slide moves the deck, opens its question the first time, and starts its exercise's clock. */
function showSlide(room: RoomState, to: number, at: number, model: RoomModel): void {
  room.current = to
  room.furthest = Math.max(room.furthest, to)
  if (to > 0 && room.startedAt === undefined) room.startedAt = at
  const slide = model.slides[to]
  if (slide?.question && !room.questions.has(slide.question)) room.questions.set(slide.question, 'open')
  if (slide?.exercise && !room.exercises.has(slide.exercise)) room.exercises.set(slide.exercise, at)
}

/** The exercise the room works on: the one whose slide was shown last at or before the current slide. */
export function currentExercise(room: RoomState, model: RoomModel): string | undefined {
  let found: string | undefined
  let at = -1
  for (const [id, exercise] of model.exercises) {
    if (exercise.slide <= room.current && room.exercises.has(id) && exercise.slide > at) {
      found = id
      at = exercise.slide
    }
  }
  return found
}
