import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Marp } from '@marp-team/marp-core'
import { diffLines } from 'diff'
import { isMap, parseDocument, stringify } from 'yaml'
import { headings } from '../core/markdown.ts'
import { Problems } from '../core/problems.ts'
import { frontMatterBlock } from './front-matter.ts'
import { INHERITED_KEYS, type TranslationKind, type TranslationText } from './translation-files.ts'
import { parseYamlSource } from './yaml-source.ts'

/**
 * Which version of its source a translation translates. `kit translate
 * --mark` records the hash of the source's text in the translation (a
 * `translated-from:` front matter key, or a first-line comment in YAML) and
 * keeps a copy of that text in translated-from/<lang>/<source path>, so
 * that, when the source changes, `kit check` can say what changed since.
 */

/** Where the copies of marked sources live, in the project (committed with it). */
export const COPIES = 'translated-from'

/** The copy of `source` as its `lang` translation was last marked. */
export function copyPath(lang: string, source: string): string {
  return `${COPIES}/${lang}/${source}`
}

/**
 * The part of a source a translation follows: the file without the front
 * matter keys a translation takes from its source (a new `duration` or a
 * source's `checked` date leaves the translation up to date), and only the
 * text keys of workshop.yaml.
 */
export function translatableText(kind: TranslationKind, sourceText: string): string {
  if (kind === 'module' || kind === 'exercise') return withoutInheritedKeys(kind, sourceText)
  if (kind !== 'workshop') return sourceText
  const value = (parseYamlSource(sourceText, 'content/workshop.yaml', new Problems())?.value ?? {}) as Record<string, unknown>
  const editions = Array.isArray(value.editions) ? (value.editions as { id?: string; title?: string; items?: unknown[] }[]) : []
  const breaks = editions
    .flatMap((e) => (Array.isArray(e.items) ? e.items : []))
    .flatMap((i) => (i && typeof i === 'object' && 'break' in i ? [String((i as { title?: string }).title ?? 'Break')] : []))
  const text = {
    title: value.title,
    subtitle: value.subtitle,
    audience: value.audience,
    prerequisites: value.prerequisites,
    setup: value.setup,
    takeaways: value.takeaways,
    event: { venue: (value.event as { venue?: unknown } | undefined)?.venue },
    editions: Object.fromEntries(editions.map((e) => [e.id, { title: e.title }])),
    breaks: [...new Set(breaks)],
  }
  return stringify(text)
}

function withoutInheritedKeys(kind: TranslationKind, text: string): string {
  const front = frontMatterBlock(text)
  if (!front) return text
  const doc = parseDocument(front.matter)
  // Front matter only Marp reads (loose directive values) is compared as it is written.
  if (doc.errors.length > 0 || !isMap(doc.contents)) return text
  for (const key of INHERITED_KEYS[kind] ?? []) doc.delete(key)
  const rest = doc.contents.items.length > 0 ? `---\n${doc.toString()}---\n` : ''
  return `${rest}${text.slice(front.bodyStart)}`
}

/** `sha256:` and the first 16 hex digits of the hash of a source's translatable text. */
export function sourceHash(kind: TranslationKind, sourceText: string): string {
  return textHash(translatableText(kind, sourceText))
}

function textHash(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`
}

const MARK_LINE = /^translated-from:[ \t]*["']?([^"'\s]+)["']?[ \t]*$/m
const YAML_MARK = /^\uFEFF?#[ \t]*translated-from:[ \t]*(\S+)[ \t]*(\r?\n|$)/

/** The hash a translation was marked with, if any. */
export function readMark(kind: TranslationKind, text: string): string | undefined {
  if (kind === 'module' || kind === 'exercise') return MARK_LINE.exec(frontMatterBlock(text)?.matter ?? '')?.[1]
  return YAML_MARK.exec(text)?.[1]
}

/**
 * The translation's text with `hash` recorded and nothing else changed:
 * the `translated-from:` line replaced or added as the front matter's last
 * line (front matter added when there is none), or the first-line comment
 * of a YAML file replaced or added. Line endings and a BOM are kept.
 */
export function writeMark(kind: TranslationKind, text: string, hash: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : ''
  const body = text.slice(bom.length)
  if (kind !== 'module' && kind !== 'exercise') {
    const comment = `# translated-from: ${hash}`
    return YAML_MARK.test(body) ? `${bom}${body.replace(/^#[^\r\n]*/, comment)}` : `${bom}${comment}${eol}${body}`
  }
  const front = frontMatterBlock(body)
  if (!front) return `${bom}---${eol}translated-from: ${hash}${eol}---${eol}${body}`
  const inner = front.matter
  const marked = MARK_LINE.test(inner) ? inner.replace(MARK_LINE, `translated-from: ${hash}`) : `${inner}${eol}translated-from: ${hash}`
  return `${bom}${body.slice(0, front.matterStart)}${marked}${body.slice(front.matterStart + inner.length)}`
}

/** One comparable part of a file: a slide, a section, a quiz question, a glossary entry, a workshop text key. */
export interface Unit {
  name: string
  text: string
  /** 1-based line where it starts. */
  line: number
  /** For slides: heading levels, images, code blocks and tables, in order. */
  shape?: string
}

/** A file cut into the parts a translation follows one by one. */
export function unitsOf(kind: TranslationKind, text: string, file: string, marp: Marp): Unit[] {
  if (kind === 'module') return slideUnits(text, marp)
  if (kind === 'exercise') return sectionUnits(text)
  const value = parseYamlSource(text.replace(/^\uFEFF/, ''), file, new Problems())
  if (!value) return []
  const line = (at: PropertyKey[]) => value.locate(at).line ?? 1
  if (kind === 'workshop') {
    const data = (value.value ?? {}) as Record<string, unknown>
    return Object.keys(data).map((key) => ({ name: `\`${key}\``, text: stringify(data[key] ?? null), line: line([key]) }))
  }
  const items = Array.isArray(value.value) ? (value.value as Record<string, unknown>[]) : []
  return items.map((item, i) => ({
    name: kind === 'quiz' ? `question "${String(item?.id)}"` : `entry ${i + 1}`,
    text: stringify(kind === 'quiz' ? { ...item, id: undefined } : item),
    line: line([i]),
  }))
}

/** The front matter (without the mark) and each slide, cut where Marp cuts them; each slide from its `---` line. */
function slideUnits(text: string, marp: Marp): Unit[] {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const lines = clean.split('\n')
  const front = frontMatterBlock(clean)
  const bodyLine = front?.bodyLine ?? 1
  const tokens = marp.markdown.parse(clean, {}) as { type: string; map?: [number, number] | null; tag: string; info: string; children?: { type: string }[] | null }[]
  const units: Unit[] = front ? [{ name: 'front matter', text: front.matter.replace(MARK_LINE, '').trim(), line: 1 }] : []
  const starts: number[] = []
  const shapes: string[][] = []
  for (const token of tokens) {
    if (token.type === 'marpit_slide_open') {
      starts.push(starts.length === 0 ? bodyLine : (token.map?.[0] ?? 0) + 1)
      shapes.push([])
    }
    const shape = shapes.at(-1)
    if (!shape) continue
    if (token.type === 'heading_open') shape.push(token.tag)
    else if (token.type === 'fence' || token.type === 'code_block') shape.push('code')
    else if (token.type === 'table_open') shape.push('table')
    else if (token.type === 'inline') for (const child of token.children ?? []) if (child.type === 'image') shape.push('image')
  }
  starts.forEach((start, i) => {
    const end = (starts[i + 1] ?? lines.length + 1) - 1
    units.push({
      name: `slide ${i + 1}`,
      text: lines
        .slice(start - 1, end)
        .join('\n')
        .trim(),
      line: start,
      shape: shapes[i]?.join(' ') ?? '',
    })
  })
  return units
}

/** The front matter, the introduction and each `##` section of an exercise, by position. */
function sectionUnits(text: string): Unit[] {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const front = frontMatterBlock(clean)
  const bodyLine = front?.bodyLine ?? 1
  const lines = clean.split('\n').slice(bodyLine - 1)
  const h2 = headings(lines.join('\n')).filter((h) => h.level === 2)
  const units: Unit[] = front ? [{ name: 'front matter', text: front.matter.replace(MARK_LINE, '').trim(), line: 1 }] : []
  units.push({
    name: 'introduction',
    text: lines
      .slice(0, h2[0]?.line ?? lines.length)
      .join('\n')
      .trim(),
    line: bodyLine,
  })
  h2.forEach((h, i) => {
    units.push({
      name: `section ${i + 1} ("${h.text}")`,
      text: lines
        .slice(h.line, h2[i + 1]?.line ?? lines.length)
        .join('\n')
        .trim(),
      line: h.line + bodyLine,
    })
  })
  return units
}

/** What changed between two versions of a source, unit by unit, as a readable diff; the first changed unit's index. */
export function changedUnits(before: Unit[], after: Unit[]): { index: number; name: string; diff: string }[] {
  const changes: { index: number; name: string; diff: string }[] = []
  const old = new Map(before.map((u) => [u.name, u]))
  const seen = new Set<string>()
  after.forEach((unit, index) => {
    seen.add(unit.name)
    const was = old.get(unit.name)
    if (was?.text === unit.text) return
    changes.push({ index, name: unit.name, diff: was ? `${unit.name} changed:\n${lineDiff(was.text, unit.text)}` : `${unit.name} added:\n${lineDiff('', unit.text)}` })
  })
  for (const unit of before) if (!seen.has(unit.name)) changes.push({ index: after.length, name: unit.name, diff: `${unit.name} removed:\n${lineDiff(unit.text, '')}` })
  return changes
}

/** Changed lines only: `- old line` and `+ new line`. */
function lineDiff(before: string, after: string): string {
  return diffLines(before ? `${before}\n` : '', after ? `${after}\n` : '')
    .filter((part) => part.added || part.removed)
    .flatMap((part) =>
      part.value
        .replace(/\n$/, '')
        .split('\n')
        .map((line) => `  ${part.added ? '+' : '-'} ${line}`),
    )
    .join('\n')
}

/** The state of one translation against its source now. */
export interface TranslationState {
  file: TranslationText
  state: 'up to date' | 'stale' | 'not marked'
  mark?: string
  /** For a stale translation whose marked source was kept: what changed since, unit by unit. */
  changes?: { index: number; name: string; diff: string }[]
}

/** Compares a translation's mark with its source's text now, and reads the kept copy to say what changed. */
export async function translationState(root: string, file: TranslationText, sourceText: string, marp: Marp): Promise<TranslationState> {
  const mark = readMark(file.kind, file.text)
  if (!mark) return { file, state: 'not marked' }
  if (mark === sourceHash(file.kind, sourceText)) return { file, state: 'up to date', mark }
  // Line endings as git may have checked the copy out on Windows.
  const copy = (await readFile(path.join(root, copyPath(file.lang, file.source)), 'utf8').catch(() => undefined))?.replace(/\r\n?/g, '\n')
  // A copy is used only when it is the text that was marked.
  if (copy === undefined || textHash(copy) !== mark) return { file, state: 'stale', mark }
  const now = unitsOf(file.kind, translatableText(file.kind, sourceText), file.source, marp)
  return { file, state: 'stale', mark, changes: changedUnits(unitsOf(file.kind, copy, file.source, marp), now) }
}
