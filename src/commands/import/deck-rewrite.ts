import { LineIndex } from '../../core/positions.ts'
import { frontMatterBlock } from '../../load/front-matter.ts'
import type { LegacyDirective } from '../../load/legacy-directives.ts'
import { decodeUrlPath, findReferences, type RefToken } from '../../load/references.ts'

/**
 * The pure half of `kit import`: what in a Marp deck needs the network
 * (remote images, CSS `url()`s and `@import`s) and which Marp v0 directives
 * it still uses, each with its line, and the rewrites that make it a module
 * that builds offline. Fetching is done by the caller.
 */

export interface RemoteRef {
  kind: 'image' | 'css-import' | 'css-url'
  url: string
  /** Offset of the URL in the deck text. */
  offset: number
  line: number
  column: number
}

/** The parts of a deck where CSS is written: the front matter (`style:`) and raw HTML blocks (`<style>`). */
function cssRanges(tokens: readonly RefToken[], lines: LineIndex): [number, number][] {
  return tokens
    .filter((t) => (t.type === 'front_matter' || t.type === 'marpit_style' || t.type === 'html_block') && t.map)
    .map((t) => [lines.lineStart((t.map?.[0] ?? 0) + 1), lines.lineStart((t.map?.[1] ?? 0) + 1)])
}

const CSS_PATTERNS: { kind: RemoteRef['kind']; pattern: RegExp }[] = [
  { kind: 'css-import', pattern: /@import\s+(?:url\(\s*)?["']?(https?:\/\/[^"')\s;]+)/gi },
  { kind: 'css-url', pattern: /(?<!@import\s{0,8})url\(\s*["']?(https?:\/\/[^"')\s]+)/gi },
]

/**
 * Every remote reference of the deck, in text order: images from its tokens
 * (`tokens` is Marp's parse of `deck`), CSS `@import`s and `url()`s in its
 * front matter and `<style>` blocks. Code is never read as either.
 */
export function remoteRefs(deck: string, tokens: readonly RefToken[]): RemoteRef[] {
  const lines = new LineIndex(deck)
  const refs: RemoteRef[] = findReferences(tokens, deck, 'deck')
    .filter((r) => r.kind === 'image' && /^https?:\/\//i.test(r.url))
    .map((r) => ({ kind: 'image', url: r.url, offset: r.offset, line: r.location.line ?? 1, column: r.location.column ?? 1 }))
  for (const [from, to] of cssRanges(tokens, lines)) {
    const css = deck.slice(from, to)
    for (const { kind, pattern } of CSS_PATTERNS) {
      for (const match of css.matchAll(pattern)) {
        const url = match[1] ?? ''
        const offset = from + (match.index ?? 0) + match[0].lastIndexOf(url)
        if (kind === 'css-url' && refs.some((r) => r.offset === offset)) continue
        refs.push({ kind, url, offset, ...lines.at(offset) })
      }
    }
  }
  return refs.sort((a, b) => a.offset - b.offset)
}

/**
 * Replaces the URL at each reference's offset (and, for a CSS @import, the
 * whole rule) by the given text, and removes each v0 directive comment
 * (written into the front matter by moduleText instead).
 */
export function applyRewrites(deck: string, rewrites: { ref: RemoteRef; replacement: string }[], legacy: readonly LegacyDirective[] = []): string {
  const edits = [...rewrites.map(({ ref, replacement }) => ({ ...span(deck, ref), replacement })), ...legacy.map((l) => ({ start: l.offset, end: l.offset + l.comment.length, replacement: '' }))].sort(
    (a, b) => a.start - b.start,
  )
  let out = ''
  let at = 0
  for (const { start, end, replacement } of edits) {
    if (start < at) continue
    out += deck.slice(at, start) + replacement
    at = end
  }
  return out + deck.slice(at)
}

/** What a rewrite replaces: the URL, or a CSS @import's whole rule. */
function span(deck: string, ref: RemoteRef): { start: number; end: number } {
  if (ref.kind !== 'css-import') return { start: ref.offset, end: ref.offset + ref.url.length }
  const end = deck.indexOf(';', ref.offset)
  const stop = end < 0 ? deck.indexOf('\n', ref.offset) : end + 1
  return { start: deck.lastIndexOf('@import', ref.offset), end: stop < 0 ? deck.length : stop }
}

/**
 * The module text: kit's keys (id, title, duration) added at the top of the
 * front matter, whose own lines stay byte for byte, and the keys of the v0
 * directives (their comments removed by applyRewrites).
 */
export function moduleText(deck: string, keys: { id: string; title: string; duration: number }, legacy: readonly LegacyDirective[]): string {
  const front = frontMatterBlock(deck)
  const has = (key: string) => new RegExp(`^${key}[ \\t]*:`, 'm').test(front?.matter ?? '')
  const added = [
    ...(has('id') ? [] : [`id: ${keys.id}`]),
    ...(has('title') ? [] : [`title: ${JSON.stringify(keys.title)}`]),
    ...(has('duration') ? [] : [`duration: ${keys.duration}`]),
    ...legacy.flatMap((l) => (l.key && !has(l.key) ? [`${l.key}: ${l.value}`] : [])),
  ]
  if (!front) return `---\n${added.join('\n')}\n---\n\n${deck}`
  return `---\n${added.join('\n')}\n${deck.slice(front.matterStart)}`
}

/** A file name for a downloaded asset: the URL's last path segment, made safe, with the extension its type asks for. */
export function assetName(url: string, contentType: string, taken: Set<string>): string {
  const last = new URL(url).pathname.split('/').filter(Boolean).pop() ?? 'asset'
  return safeAssetName(decodeUrlPath(last) ?? last, contentType, taken)
}

/** `name` made safe for content/assets/ (letters, digits, `.`, `_`, `-`), with the extension `contentType` asks for, not yet in `taken`. */
export function safeAssetName(name: string, contentType: string, taken: Set<string>): string {
  const last = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '') || 'asset'
  const ext = EXTENSIONS[contentType.split(';')[0]?.trim().toLowerCase() ?? '']
  const base = ext && !last.toLowerCase().endsWith(ext) ? `${last.replace(/\.[A-Za-z0-9]{1,5}$/, '')}${ext}` : last
  let unique = base
  for (let i = 2; taken.has(unique); i++) unique = base.replace(/(\.[^.]+)?$/, `-${i}$1`)
  taken.add(unique)
  return unique
}

const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/svg+xml': '.svg',
  'image/avif': '.avif',
}
