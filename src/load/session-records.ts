import type { Learner } from './roster.ts'

/**
 * What happened in one session, as plain data: who attended which
 * half-day, what each learner answered before and after, what the room
 * said in the survey. The trainer enters it as CSV files (read by
 * load/session-results.ts); `kit live` can hand the same values to the
 * same documents (attendance sheet, certificates, session report) without
 * a file in between. Names are personal data: these values are never
 * cached or logged (docs/paperwork.md).
 */
export interface SessionRecords {
  /** The learners, in roster order (their position numbers their certificates). */
  learners: Learner[]
  /** Who signed for which half-day session; undefined when not recorded (then no one is left out of certificates). */
  attendance?: Attendance[]
  /** Answers to the positioning test (questions asked `before`). */
  before?: AnswerSheet[]
  /** Answers to the evaluation (questions asked `after`). */
  after?: AnswerSheet[]
  /** One entry per survey form handed back; anonymous. */
  satisfaction?: SurveyResponse[]
}

/** A learner's presence: the ids of the half-day sessions (src/plan/sessions.ts: `morning`, `afternoon`…) they attended. */
export interface Attendance {
  learner: string
  sessions: string[]
}

/**
 * One learner's answers to a test: by question id, the letter of the
 * choice they picked (`A`, `B`…) or, for a question without choices, the
 * text they wrote. A question left out was not answered (it counts as
 * wrong, since it was asked).
 */
export interface AnswerSheet {
  learner: string
  answers: Record<string, string>
}

/**
 * One survey form, by question id: a scale's 1–5, a choice's 0-based
 * index, yes or no as a boolean, free text as a string. A question left
 * out was not answered.
 */
export type SurveyResponse = Record<string, number | boolean | string>
