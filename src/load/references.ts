import path from 'node:path/posix'
import { staysInside } from '../core/path-inside.ts'
import { LineIndex } from '../core/positions.ts'
import type { SourceLocation } from '../core/problems.ts'

/**
 * The images and links a markdown text refers to, found once and used by
 * every stage that needs them: `kit check` (alt text, missing files, broken
 * links), the deck assembly (image paths rewritten into the edition) and
 * the build (images read). Code blocks and inline code are skipped, so an
 * example of markdown on a slide is never taken for a reference, and every
 * reference carries the line and column of its URL in the file.
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

const PATTERNS: { kind: Reference['kind']; html: boolean; pattern: RegExp }[] = [
  { kind: 'image', html: false, pattern: /!\[([^\]\n]*)\]\(\s*<?([^)\s>]+)/g },
  { kind: 'image', html: true, pattern: /<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)/gi },
  { kind: 'link', html: false, pattern: /(?<!!)\[([^\]\n]*)\]\(\s*<?([^)\s>]+)/g },
]

/** Every reference in `markdown`, which starts at line `firstLine` of `file`, in text order. */
export function findReferences(markdown: string, file: string, firstLine = 1): Reference[] {
  const text = blankCode(markdown)
  const lines = new LineIndex(markdown, { line: firstLine, column: 1 })
  const found: Reference[] = []
  for (const { kind, html, pattern } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const url = html ? (match[1] ?? '') : (match[2] ?? '')
      const offset = (match.index ?? 0) + match[0].length - url.length
      found.push({ kind, html, url, text: html ? altOf(match[0]) : (match[1] ?? ''), offset, location: { file, ...lines.at(offset) } })
    }
  }
  return found.sort((a, b) => a.offset - b.offset)
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
  const decoded = decodeUrlPath(decodeEntities(url).split(/[?#]/)[0] ?? '')
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

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
}

function altOf(tag: string): string {
  return /\balt\s*=\s*["']([^"']*)/i.exec(tag)?.[1] ?? ''
}

/** Blanks fenced code blocks and inline code spans, keeping every offset and line. */
export function blankCode(markdown: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ')
  return markdown
    .replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\2[`~]*[ \t]*$|(?![\s\S]))/gm, blank)
    .replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, (span) => (span.includes('\n\n') ? span : blank(span)))
}
