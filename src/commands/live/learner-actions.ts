import type { z } from 'zod'
import { type Decision, decideAnswer, decideFinished, decideStep, decideStuck, decideUnstuck } from './actions.ts'
import { answerBody, emptyBody, finishedBody, stepBody, stuckBody } from './protocol.ts'
import type { Room } from './room.ts'

/**
 * What a learner may do, by name, with the schema its body must pass and
 * the decision it asks for. Both doors use this table: `POST /api/<name>`
 * and an `act` message on the learner's open socket (cheaper when a room
 * of 300 answers at once). Either way the body is parsed by the schema
 * first, and the learner acts only as themselves.
 */
interface LearnerAction<S extends z.ZodType> {
  schema: S
  decide(room: Room, learner: string, body: z.output<S>): Decision
}

const action = <S extends z.ZodType>(schema: S, decide: LearnerAction<S>['decide']): LearnerAction<S> => ({ schema, decide })

export const LEARNER_ACTIONS = {
  step: action(stepBody, (room, _learner, body) => decideStep(room.state, room.model, body)),
  finished: action(finishedBody, (room, _learner, body) => decideFinished(room.state, room.model, body)),
  stuck: action(stuckBody, (room, _learner, body) => decideStuck(room.state, room.model, body)),
  unstuck: action(emptyBody, (room, learner) => decideUnstuck(room.state, learner)),
  answer: action(answerBody, (room, _learner, body) => decideAnswer(room.state, room.model, body)),
} as const

export type LearnerActionName = keyof typeof LEARNER_ACTIONS
