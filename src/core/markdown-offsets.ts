/**
 * markdown-it gives block tokens a line range (`map`) but inline tokens no
 * position at all. This plugin records where each image, link and raw HTML
 * token starts in the text of its inline token (`inline.content`), so that
 * references found from tokens still say their line and column, and can be
 * rewritten in place. It only observes: rendering is unchanged.
 *
 * How: a rule that runs before `link` notes, at each `!`, `[` and `<`, the
 * position and the index the next token would take (after the pending text);
 * the token a later rule pushes from that position is then at that index.
 * Indexes are turned into tokens before any post-processing merges text
 * tokens, and the last attempt noted for an index is the one that produced
 * its token (a failed attempt's text is flushed before anything is pushed).
 */

interface InlineState {
  src: string
  pos: number
  pending: string
  tokens: object[]
}
interface Ruler<T> {
  before(name: string, rule: string, fn: T): void
}
/** What the plugin needs of a markdown-it instance (Marp's copy and kit's are different versions). */
export interface OffsetsEngine {
  inline: { ruler: Ruler<(state: InlineState, silent: boolean) => boolean>; ruler2: Ruler<(state: InlineState) => boolean> }
}

const attempts = new WeakMap<object[], { pos: number; index: number }[]>()
const offsets = new WeakMap<object, number>()
const installed = new WeakSet<object>()

const BANG = 0x21
const OPEN_BRACKET = 0x5b
const LESS_THAN = 0x3c

export function sourceOffsets(md: OffsetsEngine): void {
  md.inline.ruler.before('link', 'kit_source_offsets', (state, silent) => {
    const c = state.src.charCodeAt(state.pos)
    if (silent || (c !== BANG && c !== OPEN_BRACKET && c !== LESS_THAN)) return false
    const list = attempts.get(state.tokens) ?? []
    attempts.set(state.tokens, list)
    list.push({ pos: state.pos, index: state.tokens.length + (state.pending ? 1 : 0) })
    return false
  })
  md.inline.ruler2.before('balance_pairs', 'kit_source_offsets', (state) => {
    for (const { pos, index } of attempts.get(state.tokens) ?? []) {
      const token = state.tokens[index]
      if (token) offsets.set(token, pos)
    }
    attempts.delete(state.tokens)
    return false
  })
  installed.add(md)
}

/** Whether `md` records offsets (a reference finder given another engine would silently find nothing). */
export function recordsOffsets(md: object): boolean {
  return installed.has(md)
}

/** Where an image, link_open or html_inline token starts in its inline token's content. */
export function inlineOffset(token: object): number | undefined {
  return offsets.get(token)
}
