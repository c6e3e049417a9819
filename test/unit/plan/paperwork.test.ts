import { describe, expect, it } from 'vitest'
import type { Module } from '../../../src/load/module.ts'
import type { Question } from '../../../src/load/schemas.ts'
import type { AnswerSheet } from '../../../src/load/session-records.ts'
import { buildAgenda } from '../../../src/plan/agenda.ts'
import { certificateNumber, certifiedLearners } from '../../../src/plan/certificates.ts'
import { gainReport, isRight, testQuestions } from '../../../src/plan/scores.ts'
import { halfDays, trainingMinutes } from '../../../src/plan/sessions.ts'

const item = (kind: 'module' | 'exercise' | 'break', minutes: number, title: string = kind) => ({ kind, title, minutes })

describe('half-day sessions from the agenda', () => {
  it('a full day splits at lunch into a morning and an afternoon, each with its clock times; coffee breaks stay inside', () => {
    const agenda = buildAgenda([item('module', 90), item('break', 15), item('exercise', 90), item('break', 60, 'Lunch'), item('module', 120), item('break', 15), item('module', 90)], '09:00', 480)
    const days = halfDays(agenda)
    expect(days.map((d) => [d.id, d.startMinute, d.endMinute])).toEqual([
      ['morning', 9 * 60, 12 * 60 + 15],
      ['afternoon', 13 * 60 + 15, 17 * 60],
    ])
    expect(trainingMinutes(days)).toBe(195 + 225)
  })

  it('a half-day is one session; an agenda ending on a coffee break does not count it', () => {
    const days = halfDays(buildAgenda([item('module', 60), item('break', 15), item('module', 45), item('break', 15)], '13:30', 120))
    expect(days).toEqual([{ id: 'afternoon', part: 'afternoon', startMinute: 13 * 60 + 30, endMinute: 15 * 60 + 30 }])
  })

  it('two sessions in the same part of the day are numbered', () => {
    const days = halfDays(buildAgenda([item('module', 60), item('break', 30), item('module', 60)], '08:00', 150))
    expect(days.map((d) => d.id)).toEqual(['morning', 'morning-2'])
  })
})

const q = (id: string, module: string, when: Question['when'], choices?: string[]): Question => ({ id, module, question: id, choices, answer: choices ? (choices[0] ?? '') : 'Beta', when })
const quiz = [q('a1', 'alpha', 'both', ['Yes', 'No']), q('a2', 'alpha', 'after', ['Yes', 'No']), q('b1', 'beta', 'before'), q('n1', 'alpha', undefined, ['Yes', 'No'])]
const mod = (id: string, objectives: string[]) => ({ id, title: id, objectives }) as unknown as Module

describe('before and after', () => {
  it('each test asks its questions; a question without `when` is in neither', () => {
    expect(testQuestions(quiz, 'before').map((x) => x.id)).toEqual(['a1', 'b1'])
    expect(testQuestions(quiz, 'after').map((x) => x.id)).toEqual(['a1', 'a2'])
  })

  it('an answer is right by letter, or by its text for a question without choices (case and spaces aside)', () => {
    expect(isRight(quiz[0] as Question, 'A')).toBe(true)
    expect(isRight(quiz[0] as Question, 'b')).toBe(false)
    expect(isRight(quiz[2] as Question, '  beta ')).toBe(true)
    expect(isRight(quiz[2] as Question, undefined)).toBe(false)
  })

  it('gain per module (and so per objective) is after minus before, for each learner and for the group of those who took both', () => {
    const before: AnswerSheet[] = [
      { learner: 'Ada', answers: { a1: 'B', b1: 'beta' } },
      { learner: 'Bo', answers: { a1: 'A' } },
      { learner: 'Cy', answers: {} },
    ]
    const after: AnswerSheet[] = [
      { learner: 'Ada', answers: { a1: 'A', a2: 'A' } },
      { learner: 'Bo', answers: { a1: 'A', a2: 'B' } },
    ]
    const report = gainReport([mod('alpha', ['Explain alpha']), mod('beta', [])], quiz, before, after)
    const alpha = report.modules.find((m) => m.module.id === 'alpha')
    expect(alpha?.asked).toEqual({ before: 1, after: 2 })
    expect(alpha?.learners.map((l) => [l.learner, l.before, l.after, l.gain])).toEqual([
      ['Ada', 0, 1, 1],
      ['Bo', 1, 0.5, -0.5],
      ['Cy', 0, undefined, undefined],
    ])
    expect(alpha?.group).toEqual({ before: 0.5, after: 0.75, gain: 0.25, learners: 2 })
    // beta is asked before only: no gain for anyone.
    expect(report.modules.find((m) => m.module.id === 'beta')?.group.gain).toBeUndefined()
    expect(report.overall.learners).toBe(2)
  })
})

describe('certificates', () => {
  const sessions = [
    { id: 'morning', part: 'morning' as const, startMinute: 540, endMinute: 720 },
    { id: 'afternoon', part: 'afternoon' as const, startMinute: 780, endMinute: 1020 },
  ]
  const learners = [{ name: 'Ada' }, { name: 'Bo' }, { name: 'Cy' }]

  it('numbers are the edition, the event date and the roster position: deterministic, and free of names', () => {
    expect(certificateNumber('full-day', '2026-12-03', 7)).toBe('FULL-DAY-20261203-007')
    expect(certificateNumber('talk', undefined, 12)).toBe('TALK-012')
  })

  it('everyone on the roster without attendance; only those present at every required session with it, keeping their numbers', () => {
    expect(certifiedLearners(learners, { editionId: 'x', sessions }).map((c) => c.number)).toEqual(['X-001', 'X-002', 'X-003'])
    const attendance = [
      { learner: 'Ada', sessions: ['morning', 'afternoon'] },
      { learner: 'Bo', sessions: ['morning'] },
    ]
    expect(certifiedLearners(learners, { editionId: 'x', sessions, attendance }).map((c) => [c.learner.name, c.number])).toEqual([['Ada', 'X-001']])
    expect(certifiedLearners(learners, { editionId: 'x', sessions, attendance, required: ['morning'] }).map((c) => c.learner.name)).toEqual(['Ada', 'Bo'])
  })
})
