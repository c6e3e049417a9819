import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { answerLetter, CHOICE_LETTERS } from '../core/choice-letters.ts'
import { type Problems, usageError } from '../core/problems.ts'
import { readCsvTable, type CsvRow, type CsvTable } from './csv-table.ts'
import { cleanName, type Learner, MAX_CSV_BYTES, MAX_ROSTER, nameKey } from './roster.ts'
import type { Question } from './schemas.ts'
import type { AnswerSheet, Attendance, SessionRecords, SurveyResponse } from './session-records.ts'
import { SCALE_MAX, type SurveyQuestion } from './survey.ts'

/**
 * A session's results as the trainer enters them from paper, in a folder
 * (`kit build --results DIR`): `before.csv` and `after.csv` (test
 * answers), `satisfaction.csv` (survey forms), `attendance.csv` (who
 * signed for which half-day). Each is optional; each layout is in
 * docs/paperwork.md. Every cell that cannot be what its column says is a
 * problem at its line and column.
 */

/** What the files are checked against: the edition's tests, survey and half-day sessions. */
export interface ResultsSchema {
  before: readonly Question[]
  after: readonly Question[]
  survey: readonly SurveyQuestion[]
  sessions: readonly string[]
}

export const RESULT_FILES = ['before.csv', 'after.csv', 'satisfaction.csv', 'attendance.csv'] as const

/** Reads the files of a results folder (relative to the current folder) into session records for `learners`. */
export async function readResults(dir: string, root: string, learners: Learner[], schema: ResultsSchema, problems: Problems): Promise<SessionRecords> {
  const info = await stat(dir).catch(() => undefined)
  if (!info?.isDirectory())
    throw usageError('KIT_NO_SUCH_FILE', `--results ${dir}: ${info ? 'that is a file, not a folder' : 'no such folder'}.`, `A results folder holds any of ${RESULT_FILES.join(', ')}.`)
  const read = async (name: string) => {
    const file = path.join(dir, name)
    const bytes = await readFile(file).catch(() => undefined)
    const table = bytes && readCsvTable(bytes, path.relative(root, path.resolve(file)), problems, { maxRows: MAX_ROSTER * 2, maxBytes: MAX_CSV_BYTES })
    return table ?? undefined
  }
  const [before, after, satisfaction, attendance] = await Promise.all(RESULT_FILES.map(read))
  return {
    learners,
    before: before && answerSheets(before, schema.before, learners, problems),
    after: after && answerSheets(after, schema.after, learners, problems),
    satisfaction: satisfaction && surveyResponses(satisfaction, schema.survey, problems),
    attendance: attendance && attendanceOf(attendance, schema.sessions, learners, problems),
  }
}

/** Test answers: `name`, then one column per question id; a cell is a choice's letter (or its exact text) or the written answer. */
export function answerSheets(table: CsvTable, questions: readonly Question[], learners: Learner[], problems: Problems): AnswerSheet[] {
  const byId = new Map(questions.map((q) => [q.id, q]))
  const ids = questionColumns(table, [...byId.keys()], 'a question of this test', problems)
  return namedRows(table, learners, problems).map(({ row, learner }) => {
    const answers: Record<string, string> = {}
    for (const id of ids) {
      const cell = row.cells[id] ?? ''
      const question = byId.get(id)
      if (cell === '' || !question) continue
      const choices = question.choices
      const value = choices ? choiceAnswer(choices, cell) : cell
      if (value === undefined && choices)
        problems.add({
          code: 'KIT_RESULTS_VALUE',
          message: `${table.file}, line ${row.line}: "${cell}" is not a choice of question "${id}".`,
          hint: `Write the letter of the choice the learner ticked (${CHOICE_LETTERS.slice(0, choices.length).split('').join(', ')}), or leave the cell empty.`,
          location: row.at(id),
        })
      else if (value !== undefined) answers[id] = value
    }
    return { learner, answers }
  })
}

/** The letter of the choice a cell names, by letter or by exact text. */
function choiceAnswer(choices: readonly string[], cell: string): string | undefined {
  const letter = answerLetter(cell)
  if (letter !== undefined && CHOICE_LETTERS.indexOf(letter) < choices.length) return letter
  const index = choices.findIndex((c) => c.trim().toLowerCase() === cell.trim().toLowerCase())
  return index >= 0 ? CHOICE_LETTERS[index] : undefined
}

/** Survey forms: one column per question id (anonymous: a name column is ignored). */
export function surveyResponses(table: CsvTable, survey: readonly SurveyQuestion[], problems: Problems): SurveyResponse[] {
  const byId = new Map(survey.map((q) => [q.id, q]))
  const ids = questionColumns(table, [...byId.keys()], 'a question of the satisfaction survey', problems, ['name'])
  return table.rows.map((row) => {
    const response: SurveyResponse = {}
    for (const id of ids) {
      const cell = row.cells[id] ?? ''
      const question = byId.get(id)
      if (cell === '' || !question) continue
      const value = surveyValue(question, cell)
      if (value === undefined)
        problems.add({ code: 'KIT_RESULTS_VALUE', message: `${table.file}, line ${row.line}: "${cell}" is not an answer to "${id}".`, hint: surveyHint(question), location: row.at(id) })
      else response[id] = value
    }
    return response
  })
}

const YES = new Set(['yes', 'y', 'true', '1', 'x'])
const NO = new Set(['no', 'n', 'false', '0'])

function surveyValue(question: SurveyQuestion, cell: string): number | boolean | string | undefined {
  const value = cell.trim().toLowerCase()
  if (question.kind === 'text') return cell
  if (question.kind === 'yes-no') return YES.has(value) ? true : NO.has(value) ? false : undefined
  const n = Number(value)
  if (question.kind === 'scale') return Number.isInteger(n) && n >= 1 && n <= SCALE_MAX ? n : undefined
  if (Number.isInteger(n) && n >= 1 && n <= question.choiceCount) return n - 1
  const index = question.choices?.findIndex((c) => c.trim().toLowerCase() === value) ?? -1
  return index >= 0 ? index : undefined
}

function surveyHint(question: SurveyQuestion): string {
  if (question.kind === 'scale') return `A whole number from 1 to ${SCALE_MAX}, or an empty cell.`
  if (question.kind === 'yes-no') return 'yes or no (or 1 / 0), or an empty cell.'
  return `The number of the choice ticked, 1 to ${question.choiceCount}${question.choices ? ', or its exact text' : ''}, or an empty cell.`
}

/** Attendance: `name`, then one column per half-day session id; x, yes or 1 marks a signature. */
export function attendanceOf(table: CsvTable, sessions: readonly string[], learners: Learner[], problems: Problems): Attendance[] {
  const ids = questionColumns(table, [...sessions], 'a half-day session of this edition', problems)
  return namedRows(table, learners, problems).map(({ row, learner }) => ({
    learner,
    sessions: ids.filter((id) => {
      const value = (row.cells[id] ?? '').trim().toLowerCase()
      if (value !== '' && !YES.has(value) && !NO.has(value))
        problems.add({
          code: 'KIT_RESULTS_VALUE',
          message: `${table.file}, line ${row.line}: "${row.cells[id]}" does not say whether the learner attended.`,
          hint: 'Write x (or yes, 1) where the learner signed; leave the cell empty where not.',
          location: row.at(id),
        })
      return YES.has(value)
    }),
  }))
}

/** The columns of a results file that are known ids; any other (besides `name` and `ignored`) is a problem at its header cell. */
function questionColumns(table: CsvTable, known: string[], what: string, problems: Problems, ignored: string[] = []): string[] {
  const ids: string[] = []
  for (const [i, column] of table.columns.entries()) {
    if (column === 'name' || ignored.includes(column)) continue
    if (known.includes(column)) ids.push(column)
    else
      problems.add({
        code: 'KIT_CSV_COLUMN',
        message: `${table.file}: the column "${column}" is not ${what}.`,
        hint: `Columns: name, then any of ${known.join(', ') || '(none: nothing is asked)'}.`,
        location: table.headerAt(i),
      })
  }
  return ids
}

/** Rows of a per-learner file: each names a learner once; a name missing from the roster is a warning. */
function namedRows(table: CsvTable, learners: Learner[], problems: Problems): { row: CsvRow; learner: string }[] {
  if (!table.columns.includes('name')) {
    problems.add({ code: 'KIT_CSV_COLUMN', message: `${table.file} has no "name" column.`, hint: 'The first column is name: one row per learner.', location: table.headerAt() })
    return []
  }
  const roster = new Map(learners.map((l) => [nameKey(l.name), l.name]))
  const seen = new Set<string>()
  const rows: { row: CsvRow; learner: string }[] = []
  for (const row of table.rows) {
    const name = cleanName(row.cells.name ?? '')
    if (name === '' || seen.has(nameKey(name))) {
      problems.add({
        code: name ? 'KIT_ROSTER_DUPLICATE' : 'KIT_ROSTER_NAME',
        message: `${table.file}, line ${row.line}: ${name ? `"${name}" has a second row` : 'the name is empty'}.`,
        location: row.at('name'),
      })
      continue
    }
    seen.add(nameKey(name))
    if (learners.length > 0 && !roster.has(nameKey(name)))
      problems.warn({
        code: 'KIT_RESULTS_LEARNER',
        message: `${table.file}, line ${row.line}: "${name}" is not on the roster.`,
        hint: 'Spell the name as the roster does, or add the learner to it.',
        location: row.at('name'),
      })
    rows.push({ row, learner: roster.get(nameKey(name)) ?? name })
  }
  return rows
}
