import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml'
import type { z } from 'zod'
import type { Problems, SourceLocation } from '../problems.ts'

/**
 * YAML parsed with positions, so that a schema failure can point at the line
 * of the offending key (STYLE.md: "a schema failure is traced back to the line
 * of the offending front-matter key").
 */
export interface YamlSource {
  value: unknown
  /** Location of the value at `path`, or of its closest existing parent. */
  locate(path: readonly PropertyKey[]): SourceLocation
}

/**
 * Parses `text` (which starts at `firstLine` of `file`) and reports syntax
 * errors into `problems`. Returns undefined when the YAML cannot be read.
 */
export function parseYamlSource(text: string, file: string, problems: Problems, firstLine = 1): YamlSource | undefined {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const at = (offset: number): SourceLocation => {
    const pos = lineCounter.linePos(offset)
    return { file, line: pos.line + firstLine - 1, column: pos.col }
  }
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      problems.add({
        code: 'KIT_YAML_SYNTAX',
        message: `YAML syntax error: ${firstSentence(error.message)}`,
        hint: 'Check indentation and quoting; values containing ": " or starting with a special character need quotes.',
        location: at(error.pos[0]),
      })
    }
    return undefined
  }
  const locate = (path: readonly PropertyKey[]): SourceLocation => {
    for (let depth = path.length; depth >= 0; depth--) {
      const keys = path.slice(0, depth)
      const node = nodeAt(doc.contents as Node | null, keys)
      if (node?.range) return at(node.range[0])
      // A key whose value is missing: point at the key itself.
      const key = keyNodeAt(doc.contents as Node | null, keys)
      if (key?.range) return at(key.range[0])
    }
    return { file, line: firstLine, column: 1 }
  }
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: 100 })
  } catch (error) {
    // An alias without its anchor (`*name`), or an alias bomb.
    problems.add({
      code: 'KIT_YAML_SYNTAX',
      message: `YAML error: ${firstSentence((error as Error).message)}`,
      hint: 'A value starting with * or & is a YAML alias or anchor; put it in quotes.',
      location: { file, line: firstLine, column: 1 },
    })
    return undefined
  }
  return { value, locate }
}

function nodeAt(root: Node | null, path: readonly PropertyKey[]): Node | undefined {
  let node: unknown = root
  for (const key of path) {
    if (isMap(node)) node = node.items.find((pair) => scalarKey(pair.key) === String(key))?.value
    else if (isSeq(node)) node = node.items[Number(key)]
    else return undefined
  }
  return (node ?? undefined) as Node | undefined
}

function keyNodeAt(root: Node | null, path: readonly PropertyKey[]): Node | undefined {
  if (path.length === 0) return undefined
  const parent = nodeAt(root, path.slice(0, -1))
  if (!isMap(parent)) return undefined
  const pair = parent.items.find((p) => scalarKey(p.key) === String(path[path.length - 1]))
  return (pair?.key ?? undefined) as Node | undefined
}

function scalarKey(key: unknown): string | undefined {
  if (key && typeof key === 'object' && 'value' in key) return String((key as { value: unknown }).value)
  return key === null || key === undefined ? undefined : String(key)
}

function firstSentence(message: string): string {
  return message.split('\n')[0] ?? message
}

/**
 * Validates `source.value` against `schema`; each issue becomes a problem at
 * the line of the key it concerns. Returns the parsed value or undefined.
 */
export function validateWith<T extends z.ZodType>(
  schema: T,
  source: YamlSource,
  problems: Problems,
  what: string,
): z.infer<T> | undefined {
  const result = schema.safeParse(source.value ?? {})
  if (result.success) return result.data
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : what
    problems.add({
      code: 'KIT_SCHEMA',
      message: `${what}: \`${key}\` ${issue.message.replace(/^Invalid input: /, '').toLowerCase()}`,
      hint: hintFor(issue),
      location: source.locate(issue.path),
    })
  }
  return undefined
}

function hintFor(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'custom' && typeof issue.params?.hint === 'string') return issue.params.hint
  if (issue.code === 'invalid_type') return `Expected ${issue.expected}; see docs/authoring.md for the format.`
  if (issue.code === 'invalid_value' && 'values' in issue) return `Use one of: ${issue.values.map(String).join(', ')}.`
  return 'See docs/authoring.md for the format.'
}
