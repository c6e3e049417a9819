import matter from 'gray-matter'
import { positionAt } from '../core/positions.ts'
import type { Problems } from '../core/problems.ts'
import { parseYamlSource, type YamlSource } from './yaml-source.ts'

/** A markdown file split into its front matter and body. */
export interface FrontMatterFile {
  /** Front matter with positions (empty object when there is none). */
  data: YamlSource
  /** The markdown after the front matter. */
  body: string
  /** 1-based line of the file where `body` starts. */
  bodyLine: number
}

/**
 * Splits front matter with gray-matter and parses it with positions. Returns
 * undefined (with problems recorded) when the front matter is not valid YAML.
 */
export function splitFrontMatter(text: string, file: string, problems: Problems, looseKeys: readonly string[] = []): FrontMatterFile | undefined {
  // Front matter opens with a line of exactly `---` (as in Marp); gray-matter
  // would also read `---lang` as a language tag and throw on unknown ones.
  if (!/^---[ \t]*\n/.test(text)) {
    return { data: { value: {}, locate: () => ({ file, line: 1, column: 1 }) }, body: text, bodyLine: 1 }
  }
  // Options are passed so gray-matter does not cache by content; its YAML
  // engine is replaced because we parse the raw text ourselves, with positions.
  let parsed: { matter?: string; content: string }
  try {
    parsed = matter(text, { engines: { yaml: () => ({}) } })
  } catch (error) {
    problems.add({
      code: 'KIT_YAML_SYNTAX',
      message: `The front matter cannot be read: ${(error as Error).message.split('\n')[0]}`,
      hint: 'Front matter sits between two lines of exactly `---` at the top of the file.',
      location: { file, line: 1, column: 1 },
    })
    return undefined
  }
  const raw = parsed.matter ?? ''
  const hasFrontMatter = parsed.content.length < text.length
  const body = parsed.content
  const bodyLine = positionAt(text, text.length - body.length).line
  if (!hasFrontMatter) {
    return { data: { value: {}, locate: () => ({ file, line: 1, column: 1 }) }, body: text, bodyLine: 1 }
  }
  const data = parseYamlSource(looseValues(raw.replace(/^\n/, ''), looseKeys), file, problems, 2)
  if (!data) return undefined
  if (data.value !== null && data.value !== undefined && (typeof data.value !== 'object' || Array.isArray(data.value))) {
    problems.add({
      code: 'KIT_SCHEMA',
      message: 'Front matter must be a mapping of keys to values.',
      hint: 'Write one `key: value` per line between the two `---` lines.',
      location: { file, line: 2, column: 1 },
    })
    return undefined
  }
  return { data, body, bodyLine }
}

/**
 * Marp reads its directives' values loosely: `footer: Course | Lecture 4: JS`
 * and `style: @import url(a.css)` are accepted as plain text, though strict
 * YAML rejects them. The same top-level lines are quoted here before the
 * YAML is parsed, so every deck marp-core renders also loads in kit. Values
 * that are already quoted, flow or block collections, block scalars, or
 * plain numbers and booleans keep their YAML meaning. Only characters are
 * added inside the line, so every line keeps its number.
 */
export function looseValues(yaml: string, keys: readonly string[]): string {
  if (keys.length === 0) return yaml
  const names = keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')
  const line = new RegExp(`^((?:_?(?:${names})|"_?(?:${names})"|'_?(?:${names})')[ \\t]*:)([ \\t]+)(.+)$`)
  return yaml
    .split('\n')
    .map((text) =>
      text.replace(line, (whole, key: string, space: string, value: string) => {
        const trimmed = value.trim()
        if (`"'{[|>~&*!`.includes(trimmed[0] ?? '')) return whole
        if (/^(true|false|null|~|[-+]?\d+(\.\d+)?)$/i.test(trimmed)) return whole
        return `${key}${space}"${trimmed.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
      }),
    )
    .join('\n')
}
