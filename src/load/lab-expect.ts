/**
 * Expected output with placeholders. An `expect` block is compared with what
 * its run block printed, line by line, with runs of spaces and tabs treated as
 * one space and blank lines at the ends ignored (column widths vary with the
 * values). A placeholder stands for what varies between runs:
 *
 *   {{pid:9367}}   a value of that kind; learners see the example, 9367
 *   {{pid}}        the same without an example (learners see "<pid>")
 *   {{...}}        on a line of its own: any number of lines, even none
 */

/** Placeholder kinds and the text they match, within one line. */
export const PLACEHOLDERS: Record<string, string> = {
  int: '\\d+',
  pid: '\\d+',
  num: '-?\\d+(?:[.,]\\d+)?',
  hex: '[0-9a-fA-F]+',
  time: '\\d[\\d:.,]*\\s?(?:ns|µs|us|ms|s|m|min|h)?',
  size: '\\d[\\d.,]*\\s?(?:[kKMGTP]i?B?|B|bytes)?',
  host: '[A-Za-z0-9][A-Za-z0-9.-]*',
  word: '\\S+',
  any: '.*?',
}

const PLACEHOLDER = /\{\{([a-z]+|\.\.\.)(?::([^}]*))?\}\}/g
const ANY_LINES = '{{...}}'

export interface PlaceholderError {
  message: string
  hint: string
  /** 0-based line in the block and column in that line. */
  line: number
  column: number
}

/** Unknown placeholder kinds, and `{{...}}` not alone on its line. */
export function checkPlaceholders(text: string): PlaceholderError[] {
  const errors: PlaceholderError[] = []
  text.split('\n').forEach((line, i) => {
    for (const match of line.matchAll(PLACEHOLDER)) {
      const kind = match[1] ?? ''
      if (kind === '...' && line.trim() !== ANY_LINES) {
        errors.push({ message: '{{...}} must be alone on its line.', hint: 'Use {{any}} for the rest of a line, {{...}} for whole lines.', line: i, column: match.index ?? 0 })
      } else if (kind !== '...' && !(kind in PLACEHOLDERS)) {
        errors.push({
          message: `Unknown placeholder {{${kind}}}.`,
          hint: `Placeholders: ${Object.keys(PLACEHOLDERS)
            .map((k) => `{{${k}}}`)
            .join(', ')}, {{...}}.`,
          line: i,
          column: match.index ?? 0,
        })
      }
    }
  })
  return errors
}

/** What learners see: each placeholder replaced by its example. */
export function exampleText(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() === ANY_LINES ? '…' : line.replace(PLACEHOLDER, (_all, kind: string, example?: string) => example ?? `<${kind}>`)))
    .join('\n')
}

/** One line of the comparison, for a report. */
export interface DiffLine {
  kind: 'same' | 'expected' | 'actual'
  text: string
}

export interface MatchResult {
  ok: boolean
  /** Expected and actual side by side: unchanged, missing and unexpected lines. */
  diff: DiffLine[]
}

/** Compares actual output with an expect block. */
export function matchOutput(expected: string, actual: string): MatchResult {
  const want = trimBlank(expected.split('\n')).map(normalise)
  const got = trimBlank(actual.replace(/\r\n?/g, '\n').split('\n')).map(normalise)
  const patterns = want.map((line) => (line === ANY_LINES ? undefined : linePattern(line)))
  if (matchLines(patterns, got, 0, 0)) return { ok: true, diff: got.map((text) => ({ kind: 'same', text })) }
  return { ok: false, diff: diffLines(want, patterns, got) }
}

function normalise(line: string): string {
  return line.replace(/[ \t]+/g, ' ').trim()
}

function trimBlank(lines: string[]): string[] {
  let start = 0
  let end = lines.length
  while (start < end && (lines[start] ?? '').trim() === '') start++
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--
  return lines.slice(start, end)
}

function linePattern(line: string): RegExp {
  let source = ''
  let last = 0
  for (const match of line.matchAll(PLACEHOLDER)) {
    let literal = escapeRegExp(line.slice(last, match.index)).replace(/ /g, '\\s+')
    // The space before {{any}} goes when {{any}} matches nothing at the line's end.
    if (match[1] === 'any' && literal.endsWith('\\s+')) literal = `${literal.slice(0, -3)}\\s*`
    source += literal
    source += `(?:${PLACEHOLDERS[match[1] ?? ''] ?? '.*?'})`
    last = (match.index ?? 0) + match[0].length
  }
  source += escapeRegExp(line.slice(last)).replace(/ /g, '\\s+')
  return new RegExp(`^${source}$`)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Backtracking match; `undefined` patterns are {{...}} (any lines). */
function matchLines(patterns: (RegExp | undefined)[], lines: string[], p: number, l: number): boolean {
  if (p === patterns.length) return l === lines.length
  const pattern = patterns[p]
  if (pattern === undefined) {
    for (let skip = l; skip <= lines.length; skip++) if (matchLines(patterns, lines, p + 1, skip)) return true
    return false
  }
  return l < lines.length && pattern.test(lines[l] ?? '') && matchLines(patterns, lines, p + 1, l + 1)
}

/**
 * A line diff (longest common subsequence, a line "equal" when it matches
 * the pattern) so a report shows which expected lines are missing and which
 * printed lines were not expected.
 */
function diffLines(want: string[], patterns: (RegExp | undefined)[], got: string[]): DiffLine[] {
  const equal = (i: number, j: number) => {
    const pattern = patterns[i]
    return pattern === undefined || pattern.test(got[j] ?? '')
  }
  const n = want.length
  const m = got.length
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = table[i] as number[]
      row[j] = equal(i, j) ? (table[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(table[i + 1]?.[j] ?? 0, row[j + 1] ?? 0)
    }
  }
  const out: DiffLine[] = []
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && equal(i, j) && patterns[i] !== undefined) {
      out.push({ kind: 'same', text: got[j] ?? '' })
      i++
      j++
    } else if (i < n && patterns[i] === undefined) {
      // {{...}} takes the printed lines up to the first that the next expected line matches.
      const next = patterns[i + 1]
      while (j < m && !(next?.test(got[j] ?? '') ?? false)) out.push({ kind: 'same', text: got[j++] ?? '' })
      i++
    } else if (j < m && (i === n || (table[i]?.[j + 1] ?? 0) >= (table[i + 1]?.[j] ?? 0))) {
      out.push({ kind: 'actual', text: got[j] ?? '' })
      j++
    } else {
      out.push({ kind: 'expected', text: want[i] ?? '' })
      i++
    }
  }
  return out
}
