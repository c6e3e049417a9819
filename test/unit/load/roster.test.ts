import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { Problems } from '../../../src/core/problems.ts'
import { MAX_ROSTER, parseRoster } from '../../../src/load/roster.ts'
import { FIXTURES } from '../../helpers/project.ts'

const bytes = (text: string) => new TextEncoder().encode(text)

function roster(text: string | Uint8Array) {
  const problems = new Problems()
  const learners = parseRoster(typeof text === 'string' ? bytes(text) : text, 'rosters/learners.csv', problems)
  return { learners, problems: problems.list.map((p) => ({ code: p.code, severity: p.severity, line: p.location?.line, column: p.location?.column, message: p.message })) }
}

describe('roster', () => {
  it('reads the fixture rosters: names in any script, quoted names, optional columns', () => {
    const three = parseRoster(readFileSync(path.join(FIXTURES, 'rosters/three.roster.csv')), 'three.csv', new Problems())
    expect(three?.map((l) => l.name)).toEqual(['山田 花子', 'Иван Петров', 'فلان الفلاني'])
    expect(three?.[1]).toEqual({ name: 'Иван Петров', email: 'ivan@example.org', organisation: 'Пример ООО' })
    const forty = parseRoster(readFileSync(path.join(FIXTURES, 'rosters/forty.roster.csv')), 'forty.csv', new Problems())
    expect(forty).toHaveLength(40)
    expect(forty?.map((l) => l.name)).toContain('Jo "JJ" Quote, Jr.')
    expect(forty?.[0]?.organisation).toBeUndefined()
  })

  it('takes semicolons (spreadsheets in French or German), a BOM, CRLF, blank lines and `organization`', () => {
    const { learners, problems } = roster('\uFEFFName;Organization\r\n\r\nAda  Lovelace ;Analytical\r\n')
    expect(problems).toEqual([])
    expect(learners).toEqual([{ name: 'Ada Lovelace', organisation: 'Analytical' }])
  })

  it('a missing name column is one error at the header', () => {
    expect(roster('email,organisation\na@example.org,X\n').problems).toEqual([expect.objectContaining({ code: 'KIT_CSV_COLUMN', line: 1, column: 1 })])
  })

  it('an empty name is an error at its line and column', () => {
    const { learners, problems } = roster('email,name\na@example.org,Ada\nb@example.org,  \n')
    expect(learners).toBeUndefined()
    expect(problems).toEqual([expect.objectContaining({ code: 'KIT_ROSTER_NAME', line: 3, column: 15 })])
  })

  it('a name twice (case and spacing aside) is an error at the second, naming both lines', () => {
    const { problems } = roster('name\nAda Lovelace\n"Grace\nHopper"\nada   lovelace\n')
    expect(problems).toEqual([expect.objectContaining({ code: 'KIT_ROSTER_DUPLICATE', line: 5, column: 1 })])
    expect(problems[0]?.message).toContain('lines 2 and 5')
  })

  it('a 10,000-row file is refused at the first row past the limit', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `Learner ${i + 1}`)
    const { learners, problems } = roster(`name\n${rows.join('\n')}\n`)
    expect(learners).toBeUndefined()
    expect(problems).toEqual([expect.objectContaining({ code: 'KIT_CSV_TOO_LARGE', line: MAX_ROSTER + 2 })])
    expect(problems[0]?.message).toContain('10000 rows')
  })

  it('a file that is not UTF-8 (Latin-1 from an old spreadsheet) is an error at the first bad byte', () => {
    const latin1 = Uint8Array.from([...bytes('name\nAda\nRen'), 0xe9, ...bytes('e\n')])
    expect(roster(latin1).problems).toEqual([expect.objectContaining({ code: 'KIT_ENCODING', line: 3, column: 4 })])
  })

  it('a quote never closed or a row with too many cells is a CSV error at its line', () => {
    expect(roster('name,email\nAda,a@example.org,extra\n').problems).toEqual([expect.objectContaining({ code: 'KIT_CSV_SYNTAX', line: 2 })])
    expect(roster('name\nAda\n"Grace\n').problems).toEqual([expect.objectContaining({ code: 'KIT_CSV_SYNTAX' })])
  })

  it('a column kit does not use is ignored with a warning; the learners are read', () => {
    const { learners, problems } = roster('name,phone\nAda,+44 000\n')
    expect(learners).toEqual([{ name: 'Ada' }])
    expect(problems).toEqual([expect.objectContaining({ code: 'KIT_CSV_EXTRA_COLUMN', severity: 'warning', line: 1, column: 6 })])
  })

  it('an empty file, or a header twice, is an error', () => {
    expect(roster('').problems).toEqual([expect.objectContaining({ code: 'KIT_CSV_COLUMN', line: 1 })])
    expect(roster('name,Name\nAda,Ada\n').problems).toEqual([expect.objectContaining({ code: 'KIT_CSV_COLUMN', line: 1, column: 6 })])
  })
})
