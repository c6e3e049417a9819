import { unescapeHtml } from '../core/escape-html.ts'
import path from 'node:path/posix'
import { staysInside } from '../core/path-inside.ts'
import { md } from '../core/markdown.ts'
import { inlineOffset, recordsOffsets } from '../core/markdown-offsets.ts'
import { LineIndex } from '../core/positions.ts'
import type { SourceLocation } from '../core/problems.ts'

/**
 * The images and links a markdown text refers to, found once and used by
 * every stage that needs them: `kit check` (alt text, missing files, broken
 * links), the deck assembly (image paths rewritten into the edition), the
 * build (images read) and `kit import` (assets copied and downloaded). They
 * are found from the markdown parser's tokens, so code is never taken for a
 * reference, and every reference carries the line and column of its URL.
 */
export interface Reference {
  kind: 'image' | 'link'
  /** The URL as written (HTML entities of raw HTML left as they are). */
  url: string
  /** Alt text of an image, text of a link. */
  text: string
  /** Written as raw HTML (`<img src>`) rather than markdown. */
  html: boolean
  /** Offset of the URL in the text that was scanned. */
  offset: number
  location: SourceLocation
}

/** What reference finding reads of a token: markdown-it's, from Marp's engine or kit's own. */
export interface RefToken {
  type: string
  map?: [number, number] | null
  content: string
  children?: RefToken[] | null
  attrGet(name: string): string | null
}

/**
 * Every reference in `text`, from its tokens (`marp.markdown.parse(text)` of
 * an engine made by createMarp, which records where inline tokens start):
 * images and links written inline (`<…>` destinations and titles included)
 * or by reference (`![x][logo]` and `[logo]: path` elsewhere, reported and
 * rewritten at the definition), and `<img src>` in raw HTML. Code (fenced,
 * indented, inline) has no such tokens, so an example is never a reference.
 * Lines and columns are those of `text`, which is `file` itself.
 */
export function findReferences(tokens: readonly RefToken[], text: string, file: string): Reference[] {
  const lines = new LineIndex(text)
  const found = new Map<number, Reference>()
  const add = (ref: Omit<Reference, 'location'>) => {
    if (!found.has(ref.offset)) found.set(ref.offset, { ...ref, location: { file, ...lines.at(ref.offset) } })
  }
  let map: [number, number] | undefined
  for (const token of tokens) {
    if (token.map) map = token.map
    if (!map) continue
    if (token.type === 'html_block') htmlImages(text.slice(lines.lineStart(map[0] + 1), lines.lineStart(map[1] + 1)), lines.lineStart(map[0] + 1), add)
    // Marp hides a paragraph of background images (`![bg](…)`) as marpit_hidden_inline: still an inline token.
    if (token.type === 'inline' || token.type === 'marpit_hidden_inline') inlineReferences(token, contentOffsets(token.content, map[0], text, lines), text, tokens, add)
  }
  return [...found.values()].sort((a, b) => a.offset - b.offset)
}

/** Marp's tokens of `text`, from an engine that records where inline tokens start (one made by createMarp): another would find nothing. */
export function parseForReferences(marp: { markdown: object }, text: string): RefToken[] {
  const markdown = marp.markdown as { parse(text: string, env: object): RefToken[] }
  if (!recordsOffsets(markdown)) throw new Error('references need a Marp engine made by createMarp (it records source offsets)')
  return markdown.parse(text, {})
}

type Add = (ref: Omit<Reference, 'location'>) => void

function inlineReferences(inline: RefToken, toText: (offset: number) => number, text: string, tokens: readonly RefToken[], add: Add): void {
  const children = inline.children ?? []
  children.forEach((child, i) => {
    const at = inlineOffset(child)
    if (at === undefined) return
    if (child.type === 'html_inline') {
      htmlImages(child.content, toText(at), add)
      return
    }
    if (child.type !== 'image' && child.type !== 'link_open') return
    const kind = child.type === 'image' ? 'image' : 'link'
    const label = kind === 'image' ? child.content : linkText(children, i)
    const inlineUrl = destinationAfterLabel(inline.content, at + (kind === 'image' ? 1 : 0))
    if (inlineUrl) add({ kind, html: false, url: inlineUrl.url, text: label, offset: toText(inlineUrl.start) })
    else if (inline.content[at] === '<') add({ kind, html: false, url: child.attrGet('href') ?? '', text: label, offset: toText(at + 1) })
    else {
      const href = child.attrGet(kind === 'image' ? 'src' : 'href') ?? ''
      const definition = findDefinition(text, tokens, href)
      if (definition) add({ kind, html: false, url: definition.url, text: label, offset: definition.start })
    }
  })
}

/** The text of a link: its children up to link_close. */
function linkText(children: readonly RefToken[], open: number): string {
  let out = ''
  for (const child of children.slice(open + 1)) {
    if (child.type === 'link_close') break
    out += child.content
  }
  return out
}

/** The destination of `[label](dest …)` whose `[` is at `open`, as written (without `<>`), or undefined for a reference link. */
function destinationAfterLabel(src: string, open: number): { url: string; start: number } | undefined {
  const close = labelEnd(src, open)
  if (close < 0 || src[close + 1] !== '(') return undefined
  let pos = close + 2
  while (pos < src.length && /[ \t\n]/.test(src[pos] ?? '')) pos++
  const parsed = md.helpers.parseLinkDestination(src, pos, src.length)
  if (!parsed.ok) return undefined
  const written = src.slice(pos, parsed.pos)
  return written.startsWith('<') ? { url: written.slice(1, -1), start: pos + 1 } : { url: written, start: pos }
}

/** The `]` that closes the label opened at `open`, skipping escapes, nested brackets and code spans; -1 when none. */
function labelEnd(src: string, open: number): number {
  if (src[open] !== '[') return -1
  let level = 0
  for (let i = open; i < src.length; i++) {
    const c = src[i]
    if (c === '\\') i++
    else if (c === '`') {
      const run = /^`+/.exec(src.slice(i))?.[0] ?? '`'
      const end = src.indexOf(run, i + run.length)
      if (end > 0) i = end + run.length - 1
    } else if (c === '[') level++
    else if (c === ']' && --level === 0) return i
  }
  return -1
}

/**
 * The definition (`[logo]: ../assets/logo.png`) a reference image or link
 * resolved to: the first definition line outside code whose destination
 * markdown-it reads as `href`.
 */
function findDefinition(text: string, tokens: readonly RefToken[], href: string): { url: string; start: number } | undefined {
  const code = tokens.filter((t) => (t.type === 'fence' || t.type === 'code_block') && t.map).map((t) => t.map as [number, number])
  const lines = new LineIndex(text)
  for (const match of text.matchAll(/^(?:[ \t]*>)*[ \t]{0,3}\[(?:[^\]\\\n]|\\.)+\]:[ \t]*(?:\n[ \t]*)?/gm)) {
    const line = lines.at(match.index ?? 0).line - 1
    if (code.some(([from, to]) => line >= from && line < to)) continue
    const start = (match.index ?? 0) + match[0].length
    const parsed = md.helpers.parseLinkDestination(text, start, text.length)
    if (!parsed.ok || md.normalizeLink(parsed.str) !== href) continue
    const written = text.slice(start, parsed.pos)
    return written.startsWith('<') ? { url: written.slice(1, -1), start: start + 1 } : { url: written, start }
  }
  return undefined
}

/** `<img src>` in raw HTML (`html` starts at offset `base` of the text); entities in the URL are left as written. */
function htmlImages(html: string, base: number, add: Add): void {
  for (const match of html.matchAll(/<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))[^>]*>?/gi)) {
    const url = match[1] ?? match[2] ?? match[3] ?? ''
    const inTag = match[0].indexOf(url, match[0].search(/\bsrc\s*=/i))
    add({ kind: 'image', html: true, url, text: altOf(match[0]), offset: base + (match.index ?? 0) + inTag })
  }
}

/**
 * Maps an offset in an inline token's content back to `text`. The content
 * is the block's lines with their container markers (`>`, list indent) and
 * outer spaces taken off: each of its lines is found at the end of (or, in
 * a heading or a table row, inside) its line of the text.
 */
function contentOffsets(content: string, firstLine: number, text: string, lines: LineIndex): (offset: number) => number {
  const starts: { at: number; text: number }[] = []
  let at = 0
  content.split('\n').forEach((line, k) => {
    const lineStart = lines.lineStart(firstLine + k + 1)
    const source = text.slice(lineStart, text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart))
    const core = line.trim()
    const lead = line.length - line.trimStart().length
    const ending = source.trimEnd()
    const column = ending.endsWith(core) ? ending.length - core.length : Math.max(0, source.indexOf(core))
    starts.push({ at: at + lead, text: lineStart + column })
    at += line.length + 1
  })
  return (offset) => {
    const line = [...starts].reverse().find((s) => s.at <= offset) ?? starts[0] ?? { at: 0, text: 0 }
    return line.text + offset - line.at
  }
}

/** Replaces the URL of each reference for which `replace` returns a value; everything else stays byte for byte. */
export function replaceReferences(markdown: string, refs: Reference[], replace: (ref: Reference) => string | undefined): string {
  let result = ''
  let at = 0
  for (const ref of [...refs].sort((a, b) => a.offset - b.offset)) {
    const next = replace(ref)
    if (next === undefined) continue
    result += markdown.slice(at, ref.offset) + next
    at = ref.offset + ref.url.length
  }
  return result + markdown.slice(at)
}

/** What a reference's URL points at. */
export type Target = { kind: 'remote' | 'data' | 'anchor' } | { kind: 'outside' } | { kind: 'malformed'; reason: string } | { kind: 'local'; projectPath: string }

/** Resolves a URL written in `file` (a project path) to a project path, without touching the disk. */
export function resolveTarget(url: string, file: string): Target {
  if (/^([a-z][a-z0-9+.-]*:)?\/\//i.test(url) || /^(https?|mailto|ftp|tel):/i.test(url)) return { kind: 'remote' }
  if (/^data:/i.test(url)) return { kind: 'data' }
  if (url.startsWith('#')) return { kind: 'anchor' }
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return { kind: 'remote' }
  const decoded = decodeUrlPath(unescapeHtml(url).split(/[?#]/)[0] ?? '')
  if (decoded === undefined) return { kind: 'malformed', reason: 'it has a %-escape that is not valid UTF-8' }
  if (decoded.startsWith('/')) return { kind: 'outside' }
  const projectPath = path.normalize(path.join(path.dirname(file), decoded))
  if (!staysInside(projectPath, path)) return { kind: 'outside' }
  return { kind: 'local', projectPath }
}

/**
 * Decodes %-escapes as a browser would read the URL: a `%` that does not
 * start an escape is a literal percent sign (`100%.svg`). Undefined when an
 * escape does not decode (invalid UTF-8).
 */
export function decodeUrlPath(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/%(?![0-9a-f]{2})/gi, '%25'))
  } catch {
    return undefined
  }
}

/** Encodes a path so it can stand in a markdown link or an HTML attribute. */
export function encodeUrlPath(projectPath: string): string {
  return projectPath.split('/').map(encodeURIComponent).join('/')
}

function altOf(tag: string): string {
  return /\balt\s*=\s*["']([^"']*)/i.exec(tag)?.[1] ?? ''
}
