import type { Exercise } from '../../load/exercise.ts'
import type { Module } from '../../load/module.ts'
import type { Problems } from '../../core/problems.ts'

/**
 * Text that `kit new` writes for the author to replace (templates/new/). A
 * file that still holds any of it is not finished: `kit check` says where.
 * A test keeps this list in step with the templates.
 */
export const PLACEHOLDERS = [
  'https://example.org/replace-me',
  'Primary source for the facts on these slides',
  'Learners can explain the first idea of this module.',
  'Learners can apply it in a small example.',
  'The one thing to remember from this module.',
  'The second thing to remember.',
  '- First point',
  '- Second point',
  'What to say: introduce the module in one sentence.',
  'Likely question: … Answer: …',
  'Write the content here.',
  'Source: the title of the source above',
  'Do the first thing and observe what happens.',
  'What learners will see for themselves, in one or two sentences.',
  'What they need (tools, permissions) and how to check it.',
  'replace with the real command',
  'The answer to the question above (instructor sheets only).',
  'How learners know they succeeded.',
  'The complete solution, printed only on instructor sheets and in the guide.',
  '**A symptom:** its cause and fix.',
  'undo everything the steps created',
  'One or two ideas for fast learners.',
  'Timing, pitfalls, and which outputs were not verified on a real machine.',
] as const

/** One warning per file that still holds placeholder text, at its first line, naming every line left. */
export function checkPlaceholders(items: readonly (Module | Exercise)[], problems: Problems): void {
  for (const item of items) {
    const lines = placeholderLines(item.source)
    const first = lines[0]
    if (!first) continue
    problems.warn({
      code: 'KIT_PLACEHOLDER',
      message: `${item.file} still holds text that kit new wrote for you to replace (${lines.length === 1 ? 'line' : 'lines'} ${lines.map((l) => l.line).join(', ')}).`,
      hint: `Replace "${first.text}" and the rest with the ${item.kind}'s real content.`,
      location: { file: item.file, line: first.line, column: first.column },
    })
  }
}

/** Lines (1-based) of `source` holding a placeholder, with the first one found on each. */
export function placeholderLines(source: string): { line: number; column: number; text: string }[] {
  return source.split('\n').flatMap((line, i) => {
    const text = PLACEHOLDERS.find((p) => line.includes(p))
    return text ? [{ line: i + 1, column: line.indexOf(text) + 1, text }] : []
  })
}
