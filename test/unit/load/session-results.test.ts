import { describe, expect, it } from 'vitest'
import { Problems } from '../../../src/core/problems.ts'
import { readCsvTable } from '../../../src/load/csv-table.ts'
import type { Question, Workshop } from '../../../src/load/schemas.ts'
import { satisfactionSchema } from '../../../src/load/schemas.ts'
import { answerSheets, attendanceOf, surveyResponses } from '../../../src/load/session-results.ts'
import { DEFAULT_SURVEY, surveyQuestions } from '../../../src/load/survey.ts'

function table(text: string, problems: Problems) {
  const t = readCsvTable(new TextEncoder().encode(text), 'results/x.csv', problems, { maxRows: 1000, maxBytes: 1e6 })
  if (!t) throw new Error(problems.list.map((p) => p.message).join('\n'))
  return t
}
const where = (problems: Problems) => problems.list.map((p) => [p.code, p.severity, p.location?.line, p.location?.column])

const questions: Question[] = [
  { id: 'q1', module: 'm', question: 'Q1', choices: ['Yes', 'No', 'Maybe'], answer: 'Yes', when: 'both' },
  { id: 'q2', module: 'm', question: 'Q2', answer: 'free', when: 'both' },
]
const learners = [{ name: 'Ada Lovelace' }, { name: 'Grace Hopper' }]

describe('test answers (before.csv, after.csv)', () => {
  it('reads letters, choice texts and written answers; names match the roster whatever their case', () => {
    const problems = new Problems()
    const sheets = answerSheets(table('name,q1,q2\nada lovelace,b,Free\nGrace Hopper,maybe,\n', problems), questions, learners, problems)
    expect(problems.list).toEqual([])
    expect(sheets).toEqual([
      { learner: 'Ada Lovelace', answers: { q1: 'B', q2: 'Free' } },
      { learner: 'Grace Hopper', answers: { q1: 'C' } },
    ])
  })

  it('a letter the question lacks, an unknown column, an unknown learner: each a problem at its cell', () => {
    const problems = new Problems()
    answerSheets(table('name,q1,q9\nAda Lovelace,D,x\nAlan Turing,A,\n', problems), questions, learners, problems)
    expect(where(problems)).toEqual([
      ['KIT_CSV_COLUMN', 'error', 1, 9],
      ['KIT_RESULTS_LEARNER', 'warning', 3, 1],
      ['KIT_RESULTS_VALUE', 'error', 2, 14],
    ])
  })
})

describe('satisfaction', () => {
  it('kit’s questions by default; workshop.yaml replaces one by id, adds its own, or drops the defaults', () => {
    const own = satisfactionSchema.parse({
      questions: [
        { id: 'pace', question: 'Tempo?', kind: 'yes-no' },
        { id: 'room', question: 'Was the room comfortable?' },
      ],
    })
    const list = surveyQuestions({ satisfaction: own } as Pick<Workshop, 'satisfaction'>)
    expect(list.map((q) => q.id)).toEqual([...DEFAULT_SURVEY.map((q) => q.id), 'room'])
    expect(list.find((q) => q.id === 'pace')).toMatchObject({ kind: 'yes-no', question: 'Tempo?' })
    expect(list.at(-1)).toMatchObject({ kind: 'scale' })
    const alone = surveyQuestions({ satisfaction: satisfactionSchema.parse({ defaults: false, questions: [{ id: 'only', question: 'Only?', kind: 'text' }] }) })
    expect(alone.map((q) => q.id)).toEqual(['only'])
    expect(satisfactionSchema.safeParse({ questions: [{ id: 'c', question: 'C?', kind: 'choice' }] }).success).toBe(false)
  })

  it('reads scales, choices (number or text), yes/no and comments; a value out of range is a problem at its cell', () => {
    const problems = new Problems()
    const survey = surveyQuestions({ satisfaction: satisfactionSchema.parse({}) })
    const rows = surveyResponses(table('overall,pace,recommend,comments\n5,2,yes,"Great, thanks"\n6,Too fast,no,\n', problems), survey, problems)
    expect(rows).toEqual([{ overall: 5, pace: 1, recommend: true, comments: 'Great, thanks' }, { recommend: false }])
    expect(where(problems)).toEqual([
      ['KIT_RESULTS_VALUE', 'error', 3, 1],
      ['KIT_RESULTS_VALUE', 'error', 3, 3],
    ])
  })
})

describe('attendance.csv', () => {
  it('x, yes or 1 marks a signature for a session column', () => {
    const problems = new Problems()
    const rows = attendanceOf(table('name,morning,afternoon\nAda Lovelace,x,\nGrace Hopper,yes,1\n', problems), ['morning', 'afternoon'], learners, problems)
    expect(rows).toEqual([
      { learner: 'Ada Lovelace', sessions: ['morning'] },
      { learner: 'Grace Hopper', sessions: ['morning', 'afternoon'] },
    ])
    expect(problems.list).toEqual([])
  })
})
