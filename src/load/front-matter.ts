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
 * Where the front matter of a markdown file is, found by gray-matter: the
 * one splitter every reader of front matter goes through (modules,
 * exercises, ids claimed by unreadable files, translation marks, imported
 * decks). It opens with a line of exactly `---` (as in Marp; gray-matter
 * would also read `---lang` as a language tag) and needs its closing line.
 * A BOM and CRLF line ends are allowed; offsets are those of `text`.
 */
export interface FrontMatterBlock {
  /** The lines between the two `---` lines (no line break at either end). */
  matter: string
  /** Offset in `text` where `matter` starts (just after the opening line). */
  matterStart: number
  /** Offset where the body starts, after the closing line. */
  bodyStart: number
  /** 1-based line where the body starts. */
  bodyLine: number
}

export function frontMatterBlock(text: string): FrontMatterBlock | undefined {
  const bom = text.startsWith('\uFEFF') ? 1 : 0
  const opening = /^---[ \t]*\r?\n/.exec(text.slice(bom))
  if (!opening) return undefined
  // Options are passed so gray-matter does not cache by content; its YAML
  // engine is replaced because the caller parses the raw text, with positions.
  const parsed = matter(text.slice(bom), { engines: { yaml: () => ({}) } }) as { matter?: string }
  const raw = parsed.matter ?? ''
  const closing = bom + 3 + raw.length
  // Without a closing line gray-matter takes the whole file; Marp takes no front matter then.
  if (!text.startsWith('\n---', closing)) return undefined
  const matterStart = bom + opening[0].length
  const lineEnd = text.indexOf('\n', closing + 4)
  const bodyStart = lineEnd < 0 ? text.length : lineEnd + 1
  const inner = text.slice(matterStart, Math.max(matterStart, closing)).replace(/\r$/, '')
  return { matter: inner, matterStart, bodyStart, bodyLine: positionAt(text, bodyStart).line }
}

/**
 * Splits front matter (frontMatterBlock) and parses it with positions.
 * Returns undefined (with problems recorded) when the front matter is not
 * valid YAML.
 */
export function splitFrontMatter(text: string, file: string, problems: Problems, looseKeys: readonly string[] = []): FrontMatterFile | undefined {
  const block = frontMatterBlock(text)
  if (!block) return { data: { value: {}, locate: () => ({ file, line: 1, column: 1 }) }, body: text, bodyLine: 1 }
  const data = parseYamlSource(looseValues(block.matter, looseKeys), file, problems, positionAt(text, block.matterStart).line)
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
  return { data, body: text.slice(block.bodyStart), bodyLine: block.bodyLine }
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
