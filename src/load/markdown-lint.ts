import type { Problems } from '../core/problems.ts'

/**
 * Mistakes in markdown that Marp accepts silently but that wreck a deck: an
 * empty file, and a code fence that is never closed (everything after it,
 * slide rulers included, becomes one code block).
 */
export function lintMarkdown(text: string, file: string, problems: Problems): boolean {
  if (text.trim() === '') {
    problems.add({
      code: 'KIT_EMPTY_FILE',
      message: `${file} is empty.`,
      hint: 'Write its content, or delete the file; `kit new` scaffolds a valid one.',
      location: { file, line: 1, column: 1 },
    })
    return false
  }
  let open: { marker: string; line: number } | undefined
  text.split('\n').forEach((line, i) => {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (!fence) return
    const marker = fence[1] ?? ''
    if (!open) open = { marker, line: i + 1 }
    else if (marker[0] === open.marker[0] && marker.length >= open.marker.length && line.trim() === marker) open = undefined
  })
  if (open) {
    problems.add({
      code: 'KIT_UNCLOSED_FENCE',
      message: `The code block opened at line ${open.line} of ${file} is never closed; everything after it becomes code.`,
      hint: `Close it with a line containing only ${open.marker}.`,
      location: { file, line: open.line, column: 1 },
    })
    return false
  }
  return true
}
