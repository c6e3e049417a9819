import { LineIndex, positionAt } from '../../core/positions.ts'
import { blankCode } from '../../load/references.ts'

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

const PATTERNS: { kind: RemoteRef['kind']; pattern: RegExp; group: number }[] = [
  { kind: 'image', pattern: /!\[[^\]\n]*\]\(\s*<?(https?:\/\/[^)\s>]+)/g, group: 1 },
  { kind: 'image', pattern: /<img\b[^>]*?\bsrc\s*=\s*["'](https?:\/\/[^"']+)/gi, group: 1 },
  { kind: 'css-import', pattern: /@import\s+(?:url\(\s*)?["']?(https?:\/\/[^"')\s;]+)/gi, group: 1 },
  { kind: 'css-url', pattern: /(?<!@import\s{0,8})url\(\s*["']?(https?:\/\/[^"')\s]+)/gi, group: 1 },
]

/** Every remote reference of the deck, code blocks excepted, in text order. */
export function remoteRefs(deck: string): RemoteRef[] {
  const text = blankCode(deck)
  const lines = new LineIndex(deck)
  const refs: RemoteRef[] = []
  for (const { kind, pattern, group } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const url = match[group] ?? ''
      const offset = (match.index ?? 0) + match[0].lastIndexOf(url)
      if (kind === 'css-url' && refs.some((r) => r.offset === offset)) continue
      refs.push({ kind, url, offset, ...lines.at(offset) })
    }
  }
  return refs.sort((a, b) => a.offset - b.offset)
}

/** Replaces the URL at each reference's offset (and, for a CSS @import, the whole rule) by the given text. */
export function applyRewrites(deck: string, rewrites: { ref: RemoteRef; replacement: string }[]): string {
  let out = ''
  let at = 0
  for (const { ref, replacement } of [...rewrites].sort((a, b) => a.ref.offset - b.ref.offset)) {
    if (ref.kind === 'css-import') {
      const start = deck.lastIndexOf('@import', ref.offset)
      const end = deck.indexOf(';', ref.offset)
      const stop = end < 0 ? deck.indexOf('\n', ref.offset) : end + 1
      out += deck.slice(at, start) + replacement
      at = stop < 0 ? deck.length : stop
    } else {
      out += deck.slice(at, ref.offset) + replacement
      at = ref.offset + ref.url.length
    }
  }
  return out + deck.slice(at)
}

/** A Marp v0 directive comment and what replaces it in the front matter. */
export interface LegacyDirective {
  line: number
  comment: string
  key: string
  value: string
}

const LEGACY = /<!--\s*(\$theme|\$size|page_number)\s*:\s*([^\n]*?)\s*-->/g

export function legacyDirectives(deck: string): LegacyDirective[] {
  const text = blankCode(deck)
  return [...text.matchAll(LEGACY)].map((m) => {
    const name = m[1] ?? ''
    const value = (m[2] ?? '').trim()
    return {
      line: positionAt(deck, m.index ?? 0).line,
      comment: deck.slice(m.index ?? 0, (m.index ?? 0) + m[0].length),
      key: name === 'page_number' ? 'paginate' : name.slice(1),
      value: name === 'page_number' ? String(/^true$/i.test(value)) : value,
    }
  })
}

/**
 * The module text: kit's keys (id, title, duration) added at the top of the
 * front matter, whose own lines stay byte for byte; legacy directive comments
 * removed and written as front-matter keys.
 */
export function moduleText(deck: string, keys: { id: string; title: string; duration: number }, legacy: LegacyDirective[]): string {
  let body = deck
  for (const l of legacy) body = body.replace(l.comment, '')
  const front = /^---[ \t]*\n([\s\S]*?\n)?---[ \t]*(\n|$)/.exec(body)
  const has = (key: string) => new RegExp(`^${key}[ \\t]*:`, 'm').test(front?.[1] ?? '')
  const added = [
    ...(has('id') ? [] : [`id: ${keys.id}`]),
    ...(has('title') ? [] : [`title: ${JSON.stringify(keys.title)}`]),
    ...(has('duration') ? [] : [`duration: ${keys.duration}`]),
    ...legacy.filter((l) => !has(l.key)).map((l) => `${l.key}: ${l.value}`),
  ]
  if (!front) return `---\n${added.join('\n')}\n---\n\n${body}`
  return `---\n${added.join('\n')}\n${body.slice(front[0].indexOf('\n') + 1)}`
}

/** A file name for a downloaded asset: the URL's last path segment, made safe, with the extension its type asks for. */
export function assetName(url: string, contentType: string, taken: Set<string>): string {
  const last =
    decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? 'asset')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+/, '') || 'asset'
  const ext = EXTENSIONS[contentType.split(';')[0]?.trim().toLowerCase() ?? '']
  const base = ext && !last.toLowerCase().endsWith(ext) ? `${last.replace(/\.[A-Za-z0-9]{1,5}$/, '')}${ext}` : last
  let name = base
  for (let i = 2; taken.has(name); i++) name = base.replace(/(\.[^.]+)?$/, `-${i}$1`)
  taken.add(name)
  return name
}

const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/svg+xml': '.svg',
  'image/avif': '.avif',
}
