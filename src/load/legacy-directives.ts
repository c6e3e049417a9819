import { LineIndex } from '../core/positions.ts'

/**
 * Marp v0 wrote directives as comments (`<!-- $theme: gaia -->`,
 * `<!-- page_number: true -->`); Marp today shows them as speaker notes.
 * Found here once, for `kit check` (a warning) and `kit import` (rewritten
 * as front matter): only in comments Marp itself reads as comments, so a
 * directive shown in a code block is neither.
 */
export interface LegacyDirective {
  /** As written: `$theme`, `page_number`… */
  name: string
  value: string
  /** The front matter key that does the same today, when there is one. */
  key?: string
  /** The whole comment and where it starts in the text. */
  comment: string
  offset: number
  line: number
  column: number
}

/** v0 name → today's front matter key (undefined: no equivalent). */
const LEGACY: Readonly<Record<string, string | undefined>> = { $theme: 'theme', $size: 'size', page_number: 'paginate', $width: undefined, $height: undefined, $prerender: undefined }

const COMMENT = /<!--\s*(\$theme|\$size|\$width|\$height|\$prerender|page_number)\s*:\s*([^\n]*?)\s*-->/g

/** The v0 directives of `text`, from its tokens (Marp's parse of `text`, comments as `marpit_comment`). */
export function legacyDirectives(tokens: readonly { type: string; map?: [number, number] | null; children?: unknown[] | null }[], text: string): LegacyDirective[] {
  const lines = new LineIndex(text)
  const found = new Map<number, LegacyDirective>()
  let map: [number, number] | undefined
  for (const token of tokens) {
    if (token.map) map = token.map
    const comment = token.type === 'marpit_comment' || (token.type === 'inline' && (token.children ?? []).some((c) => (c as { type: string }).type === 'marpit_comment'))
    if (!comment || !map) continue
    const from = lines.lineStart(map[0] + 1)
    for (const match of text.slice(from, lines.lineStart(map[1] + 1)).matchAll(COMMENT)) {
      const offset = from + (match.index ?? 0)
      const name = match[1] ?? ''
      const value = (match[2] ?? '').trim()
      found.set(offset, { name, value: name === 'page_number' ? String(/^true$/i.test(value)) : value, key: LEGACY[name], comment: match[0], offset, ...lines.at(offset) })
    }
  }
  return [...found.values()].sort((a, b) => a.offset - b.offset)
}
