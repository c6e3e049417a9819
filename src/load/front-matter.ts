import matter from 'gray-matter'
import type { Problems } from '../problems.ts'
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
export function splitFrontMatter(text: string, file: string, problems: Problems): FrontMatterFile | undefined {
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
  const bodyLine = lineOf(text, text.length - body.length)
  if (!hasFrontMatter) {
    return { data: { value: {}, locate: () => ({ file, line: 1, column: 1 }) }, body: text, bodyLine: 1 }
  }
  const data = parseYamlSource(raw.replace(/^\n/, ''), file, problems, 2)
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

function lineOf(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return line
}
