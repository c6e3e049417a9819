import { CsvError, parse } from 'csv-parse/sync'
import type { Problems, SourceLocation } from '../core/problems.ts'
import { decodeSource } from './read-sources.ts'

/**
 * A CSV file a trainer fills in (a roster, test answers, satisfaction
 * results), read into rows of named cells, each cell with the line and
 * column it came from so a problem points at it. csv-parse does the
 * parsing (quotes, quoted line breaks, a BOM); this file decodes the bytes
 * as UTF-8, picks the delimiter, names the columns from the header row and
 * refuses files too large to be what they claim to be.
 */

/** One data row: its cells by column name (lower-cased header), and where each sits. */
export interface CsvRow {
  /** 1-based line of the file where the row starts. */
  line: number
  cells: Record<string, string>
  /** The location of a cell, or of the row when the column is not in the file. */
  at(column?: string): SourceLocation
}

export interface CsvTable {
  file: string
  /** Header names, trimmed and lower-cased, in file order. */
  columns: string[]
  rows: CsvRow[]
  /** The location of a header cell, by name or 0-based index (or of the header line). */
  headerAt(column?: string | number): SourceLocation
}

export interface CsvLimits {
  /** More data rows than this is a problem at the first row past it. */
  maxRows: number
  /** Larger files are refused before they are parsed. */
  maxBytes: number
}

/** Comma, semicolon (spreadsheets set to French or German write it) or tab: whichever the header row uses most. */
const DELIMITERS = [',', ';', '\t'] as const

/**
 * Reads a CSV file's bytes. Every mistake (not UTF-8, not CSV, too large, a
 * header cell twice) is a problem at its line; returns undefined when the
 * rows cannot be trusted at all.
 */
export function readCsvTable(bytes: Uint8Array, file: string, problems: Problems, limits: CsvLimits): CsvTable | undefined {
  if (bytes.byteLength > limits.maxBytes) {
    const mib = (limits.maxBytes / 1024 / 1024).toFixed(0)
    problems.add({ code: 'KIT_CSV_TOO_LARGE', message: `${file} is ${bytes.byteLength} bytes; kit reads CSV files of up to ${mib} MiB here.`, location: { file } })
    return undefined
  }
  const text = decodeSource(bytes, file, problems)
  if (text === undefined) return undefined
  const lines = text.split('\n')
  const delimiter = pickDelimiter(lines.find((l) => l.trim() !== '') ?? '')
  let records: { record: string[]; raw: string; info: { lines: number } }[]
  try {
    records = parse(text, { delimiter, info: true, raw: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as unknown as typeof records
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    const line = (error as CsvError & { lines?: number }).lines
    problems.add({ code: 'KIT_CSV_SYNTAX', message: `${file} is not readable as CSV: ${error.message.replace(/ on line \d+$| at line \d+$/, '')}.`, location: { file, line } })
    return undefined
  }
  const [header, ...data] = records.map((r) => ({ cells: r.record, line: startLine(r.raw, r.info.lines), raw: r.raw }))
  if (!header) {
    problems.add({ code: 'KIT_CSV_COLUMN', message: `${file} is empty: it needs a header row naming its columns.`, location: { file, line: 1, column: 1 } })
    return undefined
  }
  const columns = header.cells.map((c) => c.trim().toLowerCase())
  const place = (row: { line: number; raw: string }, index: number): SourceLocation => ({ file, line: row.line, column: fieldColumn(row.raw, index, delimiter) })
  const table: CsvTable = {
    file,
    columns,
    rows: data.map((row) => ({
      line: row.line,
      cells: Object.fromEntries(columns.map((c, i) => [c, row.cells[i] ?? ''])),
      at: (column) => (column !== undefined && columns.includes(column) ? place(row, columns.indexOf(column)) : { file, line: row.line, column: 1 }),
    })),
    headerAt: (column) => {
      const index = typeof column === 'number' ? column : column === undefined ? -1 : columns.indexOf(column)
      return index >= 0 && index < columns.length ? place(header, index) : { file, line: header.line, column: 1 }
    },
  }
  return duplicateColumns(table, problems) || tooManyRows(table, limits.maxRows, problems) ? undefined : table
}

function pickDelimiter(firstLine: string): string {
  const counts = DELIMITERS.map((d) => firstLine.split(d).length - 1)
  const best = counts.indexOf(Math.max(...counts))
  return DELIMITERS[best] ?? ','
}

/** The line a record starts on, from the line it ends on and its raw text (which carries the empty lines skipped before it). */
function startLine(raw: string, endLine: number): number {
  const body = raw.replace(/^\n+/, '').replace(/\n$/, '')
  return endLine - (body.split('\n').length - 1)
}

/**
 * The 1-based column of field `index` on the record's first line. Only
 * points a problem at its cell; the parsing itself is csv-parse's.
 */
function fieldColumn(raw: string, index: number, delimiter: string): number {
  const body = raw.replace(/^\n+/, '')
  let field = 0
  let quoted = false
  for (let i = 0; i < body.length; i++) {
    if (field === index) return i + 1
    const char = body[i]
    if (char === '"') quoted = !quoted
    else if (char === '\n' && !quoted) break
    else if (char === delimiter && !quoted) field++
  }
  return 1
}

function duplicateColumns(table: CsvTable, problems: Problems): boolean {
  const seen = new Set<string>()
  for (const [i, column] of table.columns.entries()) {
    if (column !== '' && seen.has(column)) {
      problems.add({
        code: 'KIT_CSV_COLUMN',
        message: `${table.file} has the column "${column}" twice (header cell ${i + 1}).`,
        hint: 'Each column name appears once in the header row.',
        location: table.headerAt(i),
      })
      return true
    }
    seen.add(column)
  }
  return false
}

function tooManyRows(table: CsvTable, maxRows: number, problems: Problems): boolean {
  const past = table.rows[maxRows]
  if (!past) return false
  problems.add({
    code: 'KIT_CSV_TOO_LARGE',
    message: `${table.file} has ${table.rows.length} rows; kit reads up to ${maxRows} here (the first row past that is this one).`,
    location: { file: table.file, line: past.line, column: 1 },
  })
  return true
}
