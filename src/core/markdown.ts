import { escapeHtml } from './escape-html.ts'
import MarkdownIt from 'markdown-it'
import container from 'markdown-it-container'

/**
 * The markdown tokenizer of everything that is not a slide (exercise sheets,
 * speaker notes in the guide, quiz text), in one place: loading reads
 * headings and solution blocks with it, rendering turns its tokens into HTML.
 * Raw HTML is off, so content from anywhere cannot inject markup.
 */
export type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number]

/** Containers an author may use in exercises: `::: solution` … `:::`. */
const CONTAINERS = ['solution', 'tip', 'warning'] as const

/** The label above each container, in the page's language (render's `env.boxLabels`); English without one. */
export type BoxLabels = Record<(typeof CONTAINERS)[number], string>
const ENGLISH_LABELS: BoxLabels = { solution: 'Solution', tip: 'Tip', warning: 'Watch out' }

function createMarkdown() {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false })
  for (const name of CONTAINERS) {
    md.use(container, name, {
      render(tokens: Token[], idx: number, _options: unknown, env: { boxLabels?: BoxLabels } | undefined) {
        const token = tokens[idx]
        if (token?.nesting !== 1) return '</aside>\n'
        const label = env?.boxLabels?.[name] ?? ENGLISH_LABELS[name]
        return `<aside class="box box-${name}"><p class="box-label">${escapeHtml(label)}</p>\n`
      },
    })
  }
  // Links may only be http(s), mailto or relative; markdown-it already refuses
  // javascript: and data: URLs through validateLink.
  return md
}

export const md = createMarkdown()
/** Speaker notes are written line by line: each line break is kept. */
export const notesMd = createMarkdown().set({ breaks: true })

/** True when `markdown` contains a `::: solution` container. */
export function hasSolutionBlock(markdown: string): boolean {
  return md.parse(markdown, {}).some((t: Token) => t.type === 'container_solution_open')
}

/** The token stream of `markdown`, parsed as sheets are (containers included). */
export function parseMarkdown(markdown: string): Token[] {
  return md.parse(markdown, {})
}

/** Top-level headings of `markdown` with their 0-based line and level. */
export function headings(markdown: string): { level: number; line: number; text: string }[] {
  const tokens = md.parse(markdown, {})
  const out: { level: number; line: number; text: string }[] = []
  tokens.forEach((token: Token, i: number) => {
    if (token.type === 'heading_open' && token.level === 0 && token.map) {
      out.push({ level: Number(token.tag.slice(1)), line: token.map[0], text: tokens[i + 1]?.content ?? '' })
    }
  })
  return out
}
