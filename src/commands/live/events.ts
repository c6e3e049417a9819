/**
 * What a session's log holds: one row per thing that happened in the room,
 * in order. The room's state is a fold of these (room-state.ts); the
 * report reads them back (figures.ts). Appending is the only write, so the
 * log is the truth and every figure can be recomputed from it.
 */

export type Role = 'trainer' | 'helper' | 'learner'

/** Someone in the room: the trainer, a helper the trainer invited, or a learner who joined. */
export interface Person {
  id: string
  role: Role
  /** Display name as typed (text, never HTML). */
  name: string
  /** When they joined or were invited (ms since the epoch). */
  at: number
}

/** The events, by type, with what each carries. */
export type EventData =
  /** A learner joined (their person row is written in the same transaction). */
  | { type: 'joined'; learner: string }
  /** A helper was invited. */
  | { type: 'invited'; helper: string }
  /** A learner's page connected again after a while: attendance. */
  | { type: 'present'; learner: string }
  /** The driver showed slide `to`. */
  | { type: 'slide'; to: number }
  /** A learner ticked (or unticked) step `step` (0-based) of an exercise. */
  | { type: 'step'; exercise: string; step: number; done: boolean }
  /** A learner said they finished an exercise ("Done"), or took it back. */
  | { type: 'finished'; exercise: string; done: boolean }
  /** A learner is stuck, at a step when they said which, with an optional one-line message. */
  | { type: 'stuck'; exercise: string; step: number | null; message: string }
  /** A learner is no longer stuck: they said so, or a helper resolved it. */
  | { type: 'unstuck'; learner: string }
  /** A helper (or the trainer) is on their way to a stuck learner. */
  | { type: 'claimed'; learner: string }
  /** A learner chose an answer (0-based choice) to a question. */
  | { type: 'answer'; question: string; choice: number }
  /** A question was closed to answers, or its answer revealed (which closes it). */
  | { type: 'question'; question: string; state: 'closed' | 'revealed' }
  /** An exercise's solution was released to learners. */
  | { type: 'released'; exercise: string }
  /** The driving passed to another presenter. */
  | { type: 'driver'; to: string }
  /** The trainer ended the session. */
  | { type: 'ended' }

/** One row of the log. */
export type LiveEvent = EventData & {
  /** Position in the log, from 1. */
  seq: number
  /** When it happened (ms since the epoch). */
  at: number
  /** Who did it (a person's id). */
  actor: string
}

export type EventType = EventData['type']
