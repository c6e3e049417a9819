import { answerLetter, CHOICE_LETTERS } from '../core/choice-letters.ts'
import type { Module } from '../load/module.ts'
import type { Question } from '../load/schemas.ts'
import type { AnswerSheet } from '../load/session-records.ts'

/**
 * Before and after: which quiz questions each test asks, whether an answer
 * is right, and the gain per objective.
 *
 * A question belongs to one module, and a module lists its objectives; a
 * question does not say which of them it tests, so it counts for every
 * objective of its module. A learner's score on an objective is the share
 * of that module's questions of the test they answered right (a question
 * left blank is wrong, since it was asked). Their gain is the after score
 * minus the before score, in percentage points; it exists when both tests
 * ask at least one question of the module and the learner took both. The
 * group's before, after and gain are the means over the learners who took
 * both tests, so the three figures describe the same people.
 */

export type TestKind = 'before' | 'after'

/** The questions a test asks, in quiz order: `before` takes before and both, `after` takes after and both. */
export function testQuestions(quiz: readonly Question[], kind: TestKind): Question[] {
  return quiz.filter((q) => q.when === kind || q.when === 'both')
}

/** Whether `value` (a choice letter, or a written answer) answers the question right. */
export function isRight(question: Question, value: string | undefined): boolean {
  if (value === undefined || value.trim() === '') return false
  if (question.choices) {
    const letter = answerLetter(value)
    return letter !== undefined && question.choices[CHOICE_LETTERS.indexOf(letter)] === question.answer
  }
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase()
  return norm(value) === norm(question.answer)
}

/** A share of right answers (0 to 1), or undefined when nothing of it was asked. */
export type Score = number | undefined

export interface LearnerGain {
  learner: string
  before: Score
  after: Score
  /** after − before, as a fraction (0.25 is 25 points). */
  gain: Score
}

export interface ModuleGain {
  module: Module
  /** Questions of this module in each test. */
  asked: { before: number; after: number }
  learners: LearnerGain[]
  /** Means over the learners who took both tests. */
  group: { before: Score; after: Score; gain: Score; learners: number }
}

export interface GainReport {
  modules: ModuleGain[]
  /** Every question of each test, over all modules. */
  overall: ModuleGain['group'] & { learners: number }
  perLearner: LearnerGain[]
}

/** Gains per module (and so per objective) of the learners who took either test. */
export function gainReport(modules: readonly Module[], quiz: readonly Question[], before: readonly AnswerSheet[], after: readonly AnswerSheet[]): GainReport {
  const tests = { before: testQuestions(quiz, 'before'), after: testQuestions(quiz, 'after') }
  const names = [...new Set([...before, ...after].map((s) => s.learner))]
  const sheets = { before: new Map(before.map((s) => [s.learner, s])), after: new Map(after.map((s) => [s.learner, s])) }
  const score = (kind: TestKind, learner: string, questions: Question[]): Score => {
    const sheet = sheets[kind].get(learner)
    if (!sheet || questions.length === 0) return undefined
    return questions.filter((q) => isRight(q, sheet.answers[q.id])).length / questions.length
  }
  const gains = (questions: { before: Question[]; after: Question[] }): LearnerGain[] =>
    names.map((learner) => {
      const b = score('before', learner, questions.before)
      const a = score('after', learner, questions.after)
      return { learner, before: b, after: a, gain: a !== undefined && b !== undefined ? a - b : undefined }
    })
  const result = modules
    .map((module) => {
      const questions = { before: tests.before.filter((q) => q.module === module.id), after: tests.after.filter((q) => q.module === module.id) }
      const learners = gains(questions)
      return { module, asked: { before: questions.before.length, after: questions.after.length }, learners, group: groupOf(learners) }
    })
    .filter((m) => m.asked.before + m.asked.after > 0)
  const perLearner = gains(tests)
  return { modules: result, overall: groupOf(perLearner), perLearner }
}

function groupOf(learners: LearnerGain[]): ModuleGain['group'] {
  const both = learners.filter((l) => l.gain !== undefined)
  const mean = (pick: (l: LearnerGain) => Score) => (both.length === 0 ? undefined : both.reduce((sum, l) => sum + (pick(l) ?? 0), 0) / both.length)
  return { before: mean((l) => l.before), after: mean((l) => l.after), gain: mean((l) => l.gain), learners: both.length }
}
