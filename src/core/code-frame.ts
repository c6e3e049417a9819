import type { Problem } from './problems.ts'

/**
 * Renders a few lines of `source` around `line`:`column` with a caret, the
 * way compilers show where an error is. Long lines are clipped around the
 * column so an enormous line cannot flood the terminal.
 */
export function codeFrame(source: string, line: number, column = 1, context = 2): string {
  const lines = source.split('\n')
  const first = Math.max(1, line - context)
  const last = Math.min(lines.length, line + context)
  const width = String(last).length
  const out: string[] = []
  for (let n = first; n <= last; n++) {
    const text = clip(lines[n - 1] ?? '', column)
    const mark = n === line ? '>' : ' '
    out.push(`${mark} ${String(n).padStart(width)} | ${text.text}`)
    if (n === line) {
      const caretAt = Math.max(0, column - 1 - text.offset)
      out.push(`  ${' '.repeat(width)} | ${' '.repeat(caretAt)}^`)
    }
  }
  return out.join('\n')
}

const MAX_WIDTH = 120

function clip(text: string, column: number): { text: string; offset: number } {
  if (text.length <= MAX_WIDTH) return { text, offset: 0 }
  const start = Math.max(0, Math.min(column - 1 - MAX_WIDTH / 2, text.length - MAX_WIDTH))
  return { text: `…${text.slice(start, start + MAX_WIDTH)}…`, offset: start - 1 }
}

/** Formats one problem for a terminal: location, code, message, frame, hint. */
export function formatProblem(problem: Problem, source?: string): string {
  const where = problem.location ? [problem.location.file, problem.location.line, problem.location.column].filter((v) => v !== undefined).join(':') : ''
  const head = `${problem.severity === 'error' ? 'error' : 'warning'} ${problem.code}${where ? ` ${where}` : ''}`
  const parts = [head, `  ${problem.message}`]
  if (source !== undefined && problem.location?.line) {
    parts.push(indent(codeFrame(source, problem.location.line, problem.location.column ?? 1)))
  }
  if (problem.hint) parts.push(`  hint: ${problem.hint}`)
  return parts.join('\n')
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')
}
