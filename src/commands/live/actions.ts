import type { EventData } from './events.ts'
import { refuse, type Refusal } from './protocol.ts'
import type { RoomModel } from './room-model.ts'
import type { RoomState } from './room-state.ts'

/**
 * What each request would change, decided against the room as it is: the
 * event to append, or why the request is refused (and nothing changes).
 * Bodies have passed their schema already; these rules are the ones a
 * schema cannot know (does that question exist, is it still open, is this
 * presenter driving, is the slide index the current one). Pure.
 */
export type Decision = { event: EventData } | { refusal: Refusal }

const ok = (event: EventData): Decision => ({ event })
const no = (code: Refusal['code'], message: string): Decision => ({ refusal: refuse(code, message) })

function ended(room: RoomState): Decision | undefined {
  return room.endedAt !== undefined ? no('ended', 'The session has ended.') : undefined
}

/** An exercise learners may work on: it exists in this edition and its slide has been shown. */
function openExercise(room: RoomState, model: RoomModel, exercise: string): Decision | undefined {
  if (!model.exercises.has(exercise)) return no('not_found', `There is no exercise "${exercise}" in this session.`)
  if (!room.exercises.has(exercise)) return no('not_shown', `The exercise "${exercise}" has not started yet.`)
  return undefined
}

export function decideStep(room: RoomState, model: RoomModel, body: { exercise: string; step: number; done: boolean }): Decision {
  const refused = ended(room) ?? openExercise(room, model, body.exercise)
  if (refused) return refused
  const steps = model.exercises.get(body.exercise)?.sheet.steps.length ?? 0
  if (body.step >= steps) return no('not_found', `The exercise "${body.exercise}" has ${steps} steps; there is no step ${body.step + 1}.`)
  return ok({ type: 'step', ...body })
}

export function decideFinished(room: RoomState, model: RoomModel, body: { exercise: string; done: boolean }): Decision {
  return ended(room) ?? openExercise(room, model, body.exercise) ?? ok({ type: 'finished', ...body })
}

export function decideStuck(room: RoomState, model: RoomModel, body: { exercise: string; step: number | null; message: string }): Decision {
  const refused = ended(room) ?? openExercise(room, model, body.exercise)
  if (refused) return refused
  const steps = model.exercises.get(body.exercise)?.sheet.steps.length ?? 0
  if (body.step !== null && body.step >= steps) return no('not_found', `The exercise "${body.exercise}" has no step ${body.step + 1}.`)
  return ok({ type: 'stuck', ...body })
}

/** A learner cancels their own flag, or a helper resolves someone's. */
export function decideUnstuck(room: RoomState, learner: string): Decision {
  const who = room.learners.get(learner)
  if (!who) return no('not_found', 'No such learner.')
  if (!who.stuck) return no('not_stuck', `${who.name} is not stuck.`)
  return ok({ type: 'unstuck', learner })
}

export function decideClaim(room: RoomState, learner: string): Decision {
  const who = room.learners.get(learner)
  if (!who) return no('not_found', 'No such learner.')
  if (!who.stuck) return no('not_stuck', `${who.name} is not stuck.`)
  return ok({ type: 'claimed', learner })
}

export function decideAnswer(room: RoomState, model: RoomModel, body: { question: string; choice: number }): Decision {
  const question = model.questions.get(body.question)
  if (!question) return no('not_found', `There is no question "${body.question}" in this session.`)
  const state = room.questions.get(body.question)
  if (!state) return no('not_shown', 'This question has not been asked yet.')
  if (state !== 'open') return no('question_closed', 'This question is closed.')
  if (body.choice >= question.choices.length) return no('not_found', `The question has ${question.choices.length} choices.`)
  return ended(room) ?? ok({ type: 'answer', ...body })
}

/** Moving the deck: only the driver, only to a slide that exists, only from the slide the driver saw as current. */
export function decideGoto(room: RoomState, model: RoomModel, actor: string, body: { to: number; from: number }): Decision {
  if (room.driver !== actor) return no('not_driver', 'Another presenter is driving; ask them to hand over.')
  if (body.to >= model.slides.length) return no('not_found', `The deck has ${model.slides.length} slides; there is no slide ${body.to + 1}.`)
  if (body.from !== room.current) return no('stale_slide', `The deck is on slide ${room.current + 1} now, not ${body.from + 1}.`)
  return ended(room) ?? ok({ type: 'slide', to: body.to })
}

export function decideQuestion(room: RoomState, model: RoomModel, body: { question: string; state: 'closed' | 'revealed' }): Decision {
  if (!model.questions.has(body.question)) return no('not_found', `There is no question "${body.question}" in this session.`)
  const state = room.questions.get(body.question)
  if (!state) return no('not_shown', 'This question has not been asked yet.')
  if (state === 'revealed' || state === body.state) return no('already_done', `The question is already ${state}.`)
  return ok({ type: 'question', ...body })
}

export function decideRelease(room: RoomState, model: RoomModel, exercise: string): Decision {
  if (!model.exercises.has(exercise)) return no('not_found', `There is no exercise "${exercise}" in this session.`)
  if (room.released.has(exercise)) return no('already_done', 'This solution is released already.')
  return ok({ type: 'released', exercise })
}

/** The driver hands over to another presenter; the trainer may always take the driving back. */
export function decideHandover(room: RoomState, actor: string, to: string): Decision {
  if (to !== room.trainer && !room.helpers.has(to)) return no('not_found', 'There is no presenter with that id.')
  if (room.driver !== actor && actor !== room.trainer) return no('not_driver', 'Only the presenter who drives can hand over.')
  if (room.driver === to) return no('not_driver', 'They are driving already.')
  return ok({ type: 'driver', to })
}
