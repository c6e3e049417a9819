import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { KIT_ROOT } from '../../core/kit-root.ts'
import { LAYOUT } from '../../load/read-sources.ts'
import { todoTexts } from '../starter-templates.ts'
import type { Exercise } from '../../load/exercise.ts'
import type { Module } from '../../load/module.ts'
import type { Problems } from '../../core/problems.ts'

/**
 * Text that `kit new` writes for the author to replace: what kit's
 * templates/new/ (in every language) mark `{{#todo}}…{{/todo}}`, read once.
 * A file that still holds any of it is not finished: `kit check` says where.
 */
export function placeholderTexts(): readonly string[] {
  if (!placeholders) {
    const dir = path.join(KIT_ROOT, LAYOUT.templates, 'new')
    const names = readdirSync(dir).filter((name) => name.endsWith('.md'))
    placeholders = [...new Set(names.flatMap((name) => todoTexts(readFileSync(path.join(dir, name), 'utf8'))))]
  }
  return placeholders
}

let placeholders: string[] | undefined

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
    const text = placeholderTexts().find((p) => line.includes(p))
    return text ? [{ line: i + 1, column: line.indexOf(text) + 1, text }] : []
  })
}
