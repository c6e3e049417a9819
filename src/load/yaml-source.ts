import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml'
import { closest } from '../core/closest.ts'
import type { z } from 'zod'
import type { Problems, SourceLocation } from '../core/problems.ts'

/**
 * YAML parsed with positions, so that a schema failure points at the line
 * of the offending key.
 */
export interface YamlSource {
  value: unknown
  /** Location of the value at `path`, or of its closest existing parent. */
  locate(path: readonly PropertyKey[]): SourceLocation
  /** Location of the key at `path` itself, when the source knows it. */
  locateKey?(path: readonly PropertyKey[]): SourceLocation
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
    // The parser's later errors follow from its first one: one mistake, one report.
    const first = doc.errors[0]!
    const tab = tabIndent(text, lineCounter.linePos(first.pos[0]).line)
    if (tab) {
      problems.add({
        code: 'KIT_YAML_TAB',
        message: `A tab indents line ${tab.line + firstLine - 1} of ${file}; YAML indents with spaces only.`,
        location: { file, line: tab.line + firstLine - 1, column: tab.column },
      })
    } else {
      // An unclosed [ or { is noticed lines later; point at the bracket itself.
      const opening = /flow (sequence|mapping|map)|end with (an? )?[\]}]/i.test(first.message) ? unclosedBracket(text, first.pos[0]) : undefined
      problems.add({
        code: 'KIT_YAML_SYNTAX',
        message: opening === undefined ? `YAML syntax error: ${firstSentence(first.message)}` : `YAML syntax error: this ${text[opening]} is never closed.`,
        hint:
          opening === undefined
            ? 'Check indentation and quoting; values containing ": " or starting with a special character need quotes.'
            : `Close it with ${text[opening] === '[' ? ']' : '}'} on the same line, or quote the value if the bracket is text.`,
        location: at(opening ?? first.pos[0]),
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
  const locateKey = (path: readonly PropertyKey[]): SourceLocation => {
    const key = keyNodeAt(doc.contents as Node | null, path)
    return key?.range ? at(key.range[0]) : locate(path)
  }
  return { value, locate, locateKey }
}

/** Offset of the last [ or { before `end` that is not closed, outside quotes and comments. */
function unclosedBracket(text: string, end: number): number | undefined {
  const open: number[] = []
  let quote: string | undefined
  for (let i = 0; i < end && i < text.length; i++) {
    const c = text[i]
    if (quote) {
      if (c === quote) quote = undefined
      else if (c === '\n' && quote === '"') continue
    } else if (c === '"' || (c === "'" && /[\s[{,:]/.test(text[i - 1] ?? ' '))) quote = c
    else if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) i = text.indexOf('\n', i) < 0 ? end : text.indexOf('\n', i) - 1
    else if (c === '[' || c === '{') open.push(i)
    else if (c === ']' || c === '}') open.pop()
  }
  return open.at(-1)
}

/** The first tab in the indentation of a line up to `line` (1-based), where a YAML error so often comes from. */
function tabIndent(text: string, line: number): { line: number; column: number } | undefined {
  const lines = text.split('\n').slice(0, line)
  for (const [i, content] of lines.entries()) {
    const indent = /^[ \t]*/.exec(content)?.[0] ?? ''
    if (indent.includes('\t') && content.trim() !== '') return { line: i + 1, column: indent.indexOf('\t') + 1 }
  }
  return undefined
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
export function validateWith<T extends z.ZodType>(schema: T, source: YamlSource, problems: Problems, what: string): z.infer<T> | undefined {
  const result = schema.safeParse(source.value ?? {}, { error: issueMessage })
  if (result.success) return result.data
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : what
    if (reportNearMiss(issue, source, problems, what)) continue
    problems.add({
      code: 'KIT_SCHEMA',
      message: `${what}: \`${key}\` ${issue.message}`,
      hint: hintFor(issue),
      location: source.locate(issue.path),
    })
  }
  return undefined
}

/** Keys already reported as the misspelling of a missing key, by the YamlSource they are in (its `locate`). */
const nearMisses = new WeakMap<YamlSource['locate'], Set<string>>()

/** True when the key at `path` was reported by `validateWith` as the misspelling of a missing key: no second report. */
export function reportedAsNearMiss(source: YamlSource, path: readonly PropertyKey[]): boolean {
  return nearMisses.get(source.locate)?.has(path.join('\0')) ?? false
}

/**
 * A required key that is missing while a key spelt almost like it is there
 * (`editons:` for `editions:`): one error, at the misspelt key.
 */
function reportNearMiss(issue: z.core.$ZodIssue, source: YamlSource, problems: Problems, what: string): boolean {
  if (issue.path.length === 0) return false
  const parentPath = issue.path.slice(0, -1)
  const name = String(issue.path.at(-1))
  let parent: unknown = source.value
  for (const step of parentPath) parent = parent && typeof parent === 'object' ? (parent as Record<PropertyKey, unknown>)[step as string] : undefined
  if (!parent || typeof parent !== 'object' || Array.isArray(parent) || name in parent) return false
  const typo = Object.keys(parent).find((key) => key !== name && closest(key, [name]) === name)
  if (typo === undefined) return false
  const path = [...parentPath, typo]
  const seen = nearMisses.get(source.locate) ?? new Set<string>()
  nearMisses.set(source.locate, seen.add(path.join('\0')))
  problems.add({
    code: 'KIT_SCHEMA',
    message: `${what}: \`${typo}\` should be \`${name}\`; \`${[...parentPath, name].join('.')}\` is missing.`,
    hint: `Rename \`${typo}\` to \`${name}\`.`,
    location: source.locateKey?.(path) ?? source.locate(path),
  })
  return true
}

/**
 * The error map: zod's issues in the words of the problem report ("`duration`
 * must be a whole number of minutes"), so messages are written once, here or
 * next to the schema, and never rewritten afterwards.
 */
export function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `is missing (${describeType(issue.expected)} expected)` : `must be ${describeType(issue.expected)}, not ${describeValue(issue.input)}`
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}`
      if (issue.origin === 'string') return 'must not be empty'
      return issue.inclusive ? `must be at least ${issue.minimum}` : `must be more than ${issue.minimum}`
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array' ? `is too long (at most ${issue.maximum})` : `must be at most ${issue.maximum}`
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
    case 'invalid_union': {
      if (issue.input === undefined) return 'is missing'
      // The branch whose type fitted the value says best what is wrong with it.
      const fitted = issue.errors.find((branch) => branch.length > 0 && branch.every((i) => i.code !== 'invalid_type' || i.path.length > 0))
      return fitted?.[0]?.message ?? 'has a form that is not allowed here'
    }
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`
    default:
      return undefined
  }
}

function describeType(expected: string): string {
  const names: Record<string, string> = { number: 'a number', int: 'a whole number', string: 'text', boolean: 'true or false', array: 'a list', object: 'a mapping of keys to values', date: 'a date' }
  return names[expected] ?? expected
}

function describeValue(input: unknown): string {
  if (input === null) return 'empty'
  if (Array.isArray(input)) return 'a list'
  if (input instanceof Date) return 'a date'
  if (typeof input === 'object') return 'a mapping'
  if (typeof input === 'string') return `the text ${JSON.stringify(input.length > 30 ? `${input.slice(0, 30)}…` : input)}`
  return `${typeof input === 'number' ? 'the number' : ''} ${String(input)}`.trim()
}

function hintFor(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union') {
    const fitted = issue.errors.find((branch) => branch.length > 0 && branch.every((i) => i.code !== 'invalid_type' || i.path.length > 0))
    if (fitted?.[0]) return hintFor(fitted[0])
  }
  if (issue.code === 'custom' && typeof issue.params?.hint === 'string') return issue.params.hint
  if (issue.code === 'invalid_value') return `Use one of: ${issue.values.map(String).join(', ')}.`
  return 'See docs/authoring.md for the format of this key.'
}
