/**
 * Positions in source text: every problem says `file:line:column`, and the
 * text a mistake sits in is often a slice of a file (a module's body after
 * its front matter, a `<style>` block, a CSS file's `url()`). Lines and
 * columns are 1-based; a column counts UTF-16 code units, as editors'
 * "go to column" and code frames do.
 */
export interface Position {
  line: number
  column: number
}

/** The line and column of `offset` in `text`; `origin` is where `text` itself starts in its file. */
export function positionAt(text: string, offset: number, origin: Position = { line: 1, column: 1 }): Position {
  const end = Math.max(0, Math.min(offset, text.length))
  let line = 0
  let lineStart = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  const column = end - lineStart + 1
  return line === 0 ? { line: origin.line, column: origin.column + column - 1 } : { line: origin.line + line, column }
}

/**
 * Many positions in one text: the line starts are found once, then each
 * offset is a binary search (a module with hundreds of references stays
 * linear).
 */
export class LineIndex {
  private readonly starts: number[] = [0]

  constructor(
    private readonly text: string,
    private readonly origin: Position = { line: 1, column: 1 },
  ) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1)
  }

  /** The line and column of `offset`. */
  at(offset: number): Position {
    const end = Math.max(0, Math.min(offset, this.text.length))
    let low = 0
    let high = this.starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if ((this.starts[mid] ?? 0) <= end) low = mid
      else high = mid - 1
    }
    const column = end - (this.starts[low] ?? 0) + 1
    return low === 0 ? { line: this.origin.line, column: this.origin.column + column - 1 } : { line: this.origin.line + low, column }
  }

  /** The offset where 1-based `line` starts (relative to this text's own first line); past the last line, the text's end. */
  lineStart(line: number): number {
    if (line > this.starts.length) return this.text.length
    return this.starts[Math.max(0, line - 1)] ?? 0
  }
}

/** The first place `needle` occurs in `text`, or undefined. */
export function positionOf(text: string, needle: string): Position | undefined {
  const offset = text.indexOf(needle)
  return offset < 0 ? undefined : positionAt(text, offset)
}
