import type { Marp } from '@marp-team/marp-core'
import type { Token } from '../../core/markdown.ts'

/**
 * A deck's markdown without its speaker notes, for learners: every Marp
 * comment that is not a directive (`<!-- _class: x -->` stays) is removed,
 * as Marp itself tells them apart while parsing. Block comments go with
 * their lines; a comment inside a paragraph goes alone.
 */
export function withoutNotes(marp: Marp, markdown: string): string {
  const lines: (string | undefined)[] = markdown.split('\n')
  for (const token of marp.markdown.parse(markdown, {}) as Token[]) {
    if (!token.map) continue
    const [start, end] = token.map
    if (token.type === 'marpit_comment' && isNote(token)) {
      for (let line = start; line < end; line++) lines[line] = undefined
      continue
    }
    for (const child of token.children ?? []) {
      if (child.type !== 'marpit_comment' || !isNote(child)) continue
      const pattern = new RegExp(`<!--+\\s*${escapeRegExp(child.content)}\\s*--+>`)
      const at = lines.findIndex((line, i) => i >= start && i < end && line !== undefined && pattern.test(line))
      if (at >= 0) lines[at] = lines[at]?.replace(pattern, '')
    }
  }
  return lines.filter((line): line is string => line !== undefined).join('\n')
}

/** A comment Marp did not take as directives (nor as a linter's magic comment) is a speaker note. */
function isNote(token: Token): boolean {
  return (token.meta as { marpitCommentParsed?: string } | null)?.marpitCommentParsed === undefined
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
