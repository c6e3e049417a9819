import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { type Problems, usageError } from '../core/problems.ts'
import { readCsvTable, type CsvTable } from './csv-table.ts'

/**
 * The roster: who attends a session, from a CSV file the trainer keeps
 * (`kit build --roster learners.csv`). It is personal data, so it is read
 * here and handed to the documents that print names (attendance sheet,
 * certificates, session report), never logged among the build's inputs,
 * cached or copied into the learner set (docs/paperwork.md).
 *
 * Layout: a header row, then one learner per row. `name` is required;
 * `email` and `organisation` (or `organization`) are optional; any other
 * column is ignored with a warning, so a CRM export works as it is.
 */

/** One learner as the documents need them. */
export interface Learner {
  /** As written in the roster (trimmed, inner spaces collapsed, Unicode NFC). */
  name: string
  email?: string
  organisation?: string
}

/**
 * A roster holds at most this many learners. A training group is rarely
 * over a hundred; 500 leaves room for a conference track and refuses a
 * whole customer database passed by mistake (its attendance sheet alone
 * would run to hundreds of pages).
 */
export const MAX_ROSTER = 500

/** A CSV kit reads (roster or results) is at most this large. */
export const MAX_CSV_BYTES = 1024 * 1024

const KNOWN = ['name', 'email', 'organisation', 'organization']

/** A name as the documents print it and as duplicates are compared (case aside). */
export function cleanName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim()
}

/** The key two spellings of one name share: "ada  LOVELACE" and "Ada Lovelace" are the same learner. */
export function nameKey(name: string): string {
  return cleanName(name).toLocaleLowerCase()
}

/** Parses a roster's bytes; `file` names it in problems (relative to the project). Undefined when it has errors. */
export function parseRoster(bytes: Uint8Array, file: string, problems: Problems): Learner[] | undefined {
  const errors = problems.errors.length
  const table = readCsvTable(bytes, file, problems, { maxRows: MAX_ROSTER, maxBytes: MAX_CSV_BYTES })
  if (!table) return undefined
  if (!table.columns.includes('name')) {
    problems.add({
      code: 'KIT_CSV_COLUMN',
      message: `${file} has no "name" column (its header row is: ${table.columns.join(', ') || 'empty'}).`,
      hint: 'The first row names the columns: name, and optionally email and organisation, e.g. `name,email,organisation`.',
      location: table.headerAt(),
    })
    return undefined
  }
  warnUnknownColumns(table, problems)
  const learners = table.rows.map((row) => learnerOf(row.cells))
  const first = new Map<string, number>()
  for (const [i, row] of table.rows.entries()) {
    const name = learners[i]?.name ?? ''
    if (name === '') {
      problems.add({ code: 'KIT_ROSTER_NAME', message: `${file}, line ${row.line}: the name is empty.`, hint: 'Write the learner’s name, or delete the row.', location: row.at('name') })
      continue
    }
    const earlier = first.get(nameKey(name))
    if (earlier !== undefined)
      problems.add({
        code: 'KIT_ROSTER_DUPLICATE',
        message: `${file}: "${name}" is listed twice (lines ${earlier} and ${row.line}).`,
        hint: 'Delete the second row; two learners who share a name need something to tell them apart, e.g. a middle initial.',
        location: row.at('name'),
      })
    else first.set(nameKey(name), row.line)
  }
  return problems.errors.length > errors ? undefined : learners
}

function learnerOf(cells: Record<string, string>): Learner {
  const email = cells.email?.trim()
  const organisation = (cells.organisation ?? cells.organization)?.trim()
  return { name: cleanName(cells.name ?? ''), ...(email ? { email } : {}), ...(organisation ? { organisation } : {}) }
}

function warnUnknownColumns(table: CsvTable, problems: Problems): void {
  for (const [i, column] of table.columns.entries()) {
    if (KNOWN.includes(column)) continue
    problems.warn({
      code: 'KIT_CSV_EXTRA_COLUMN',
      message: `${table.file}: kit does not use the column "${column || `(unnamed, cell ${i + 1})`}" and ignores it.`,
      hint: 'A roster needs name, and optionally email and organisation; leave other personal data out of it.',
      location: table.headerAt(i),
    })
  }
}

/**
 * Reads the roster `--roster` names (relative to the current folder).
 * A file that does not exist is a usage error; its problems point at it
 * relative to the project, so the printed code frame finds it.
 */
export async function readRoster(file: string, root: string, problems: Problems): Promise<Learner[] | undefined> {
  const bytes = await readUserFile(file, '--roster')
  return parseRoster(bytes, path.relative(root, path.resolve(file)) || file, problems)
}

/** A file a flag names, or a usage error saying it is not there. */
export async function readUserFile(file: string, flag: string): Promise<Uint8Array> {
  const info = await stat(file).catch(() => undefined)
  if (!info?.isFile()) throw usageError('KIT_NO_SUCH_FILE', `${flag} ${file}: ${info ? 'that is a folder, not a file' : 'no such file'}.`, 'The path is relative to the current folder.')
  return readFile(file)
}
