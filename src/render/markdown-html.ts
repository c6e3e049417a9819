import type { Audience } from '../core/audience.ts'
import { md, notesMd, type BoxLabels, type Token } from '../core/markdown.ts'
import { exampleText } from '../load/lab-expect.ts'
import { parseFenceInfo } from '../load/lab-markers.ts'

/**
 * Markdown for everything that is not a slide (exercise sheets, notes in the
 * guide, quiz text). Raw HTML is escaped, never passed through: content from
 * anywhere cannot inject markup into handouts, sheets or the guide.
 */
export type { Audience }
export type { Token }

/**
 * Renders markdown for `audience`; learners never get solution containers.
 * `headingShift` demotes headings (### → h4 with 1) to fit inside a page
 * whose own headings already use the upper levels.
 */
export function renderMarkdown(markdown: string, audience: Audience = 'instructor', headingShift = 0, boxLabels?: BoxLabels): string {
  const tokens = markLeadIns(withoutLabMarkers(md.parse(markdown, {})))
  if (headingShift > 0) {
    for (const token of tokens) {
      if (token.type === 'heading_open' || token.type === 'heading_close') {
        token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + headingShift)}`
      }
    }
  }
  return md.renderer.render(audience === 'learner' ? withoutSolutions(tokens) : tokens, md.options, { boxLabels })
}

/** Blocks a label such as "Expected output:" introduces; the label stays on their page. */
const INTRODUCED = new Set(['fence', 'code_block', 'table_open', 'bullet_list_open', 'ordered_list_open'])

/** Gives a paragraph ending in a colon right before a block the class `lead-in` (print.css keeps it with the block). */
function markLeadIns(tokens: Token[]): Token[] {
  tokens.forEach((token, i) => {
    if (token.type !== 'paragraph_open' || tokens[i + 2]?.type !== 'paragraph_close') return
    const next = tokens[i + 3]
    if (/:\s*$/.test(tokens[i + 1]?.content ?? '') && next && INTRODUCED.has(next.type)) token.attrJoin('class', 'lead-in')
  })
  return tokens
}

/** Renders speaker notes: paragraphs and line breaks as the author wrote them. */
export function renderNotes(notes: string[]): string {
  return notesMd.render(notes.join('\n\n'))
}

/** Renders a single line of markdown without a wrapping paragraph. */
export function renderInline(markdown: string): string {
  return md.renderInline(markdown)
}

/**
 * Lab markers are for `kit labs` only: hidden blocks go, placeholders in
 * expected output become their examples, and the info string keeps only the
 * language (markdown-it would ignore the rest, but nothing should depend on it).
 */
function withoutLabMarkers(tokens: Token[]): Token[] {
  return tokens.filter((token) => {
    if (token.type !== 'fence') return true
    const { markers } = parseFenceInfo(token.info)
    if (!markers) return true
    if (markers.hidden) return false
    if (markers.role === 'expect') token.content = exampleText(token.content)
    token.info = token.info.trim().split(/\s+/)[0] ?? ''
    return true
  })
}

/** Drops every `::: solution` container and everything inside it. */
function withoutSolutions(tokens: Token[]): Token[] {
  const kept: Token[] = []
  let depth = 0
  for (const token of tokens) {
    if (token.type === 'container_solution_open') depth++
    if (depth === 0) kept.push(token)
    if (token.type === 'container_solution_close') depth--
  }
  return kept
}
