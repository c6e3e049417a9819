import type { Problems } from '../core/problems.ts'

/**
 * Two slips that lose slides without an error, found in the tokens Marp
 * parses a module into:
 *
 * - a code block whose closing fence is forgotten runs on through the next
 *   `---`, heading and notes until another fence closes it: the slides it
 *   swallowed vanish and their notes show on screen;
 * - a text line directly above `---` makes that `---` a heading underline
 *   (a setext heading), not a slide break: two slides merge.
 *
 * Both are warnings at the line where the fence or the text is.
 */

/** The part of a markdown-it token these checks read. */
export interface BlockToken {
  type: string
  tag: string
  markup: string
  info: string
  content: string
  map: [number, number] | null
}

/** Languages whose blocks may hold `---`, `#` lines and comments on purpose (YAML documents, Marp examples). */
const SLIDE_LIKE_LANGUAGES = new Set(['yaml', 'yml', 'markdown', 'md'])

/** Reports both traps in `tokens`, Marp's parse of the whole file `text`. */
export function checkSlideTraps(tokens: readonly BlockToken[], text: string, file: string, problems: Problems): void {
  const lines = text.split('\n')
  tokens.forEach((token, i) => {
    if (token.type === 'fence') checkFence(token, file, problems)
    if (token.type === 'heading_open') checkSetext(token, tokens[i + 1]?.content ?? '', lines, file, problems)
  })
}

function checkFence(token: BlockToken, file: string, problems: Problems): void {
  const language = token.info.trim().split(/\s+/)[0]?.toLowerCase() ?? ''
  if (SLIDE_LIKE_LANGUAGES.has(language) || !token.map) return
  const swallowed = swallowedSlide(token.content)
  if (!swallowed) return
  const opening = token.map[0] + 1
  const separatorLine = opening + 1 + swallowed.separator
  problems.warn({
    code: 'KIT_FENCE_RUNS_ON',
    message: `The code block opened at line ${opening} of ${file} runs on past the slide break at line ${separatorLine} (then ${swallowed.what} at line ${opening + 1 + swallowed.slideLike}): its closing fence is missing, so the slides after it are shown as code.`,
    hint: `Close the code block with a line holding only ${token.markup} before the \`---\` at line ${separatorLine}.`,
    location: { file, line: opening, column: 1 },
  })
}

/**
 * In the text of a code block, a slide break followed by a line only a
 * slide has (a heading or a comment), by 0-based line in the block.
 */
export function swallowedSlide(content: string): { separator: number; slideLike: number; what: string } | undefined {
  const lines = content.split('\n')
  const separator = lines.findIndex((l) => /^ {0,3}---[ \t]*$/.test(l))
  if (separator < 0) return undefined
  for (let k = separator + 1; k < lines.length; k++) {
    const line = lines[k] ?? ''
    if (/^ {0,3}#{1,6}[ \t]+\S/.test(line)) return { separator, slideLike: k, what: 'a heading' }
    if (/^ {0,3}<!--/.test(line)) return { separator, slideLike: k, what: 'a comment (speaker notes or a directive)' }
  }
  return undefined
}

function checkSetext(token: BlockToken, title: string, lines: string[], file: string, problems: Problems): void {
  if (token.markup !== '-' || !token.map) return
  const underline = token.map[1] - 1
  if ((lines[underline] ?? '').trim() !== '---') return
  const first = token.map[0] + 1
  problems.warn({
    code: 'KIT_SETEXT_BREAK',
    message: `The \`---\` at line ${underline + 1} of ${file} directly follows text, so markdown makes "${title.split('\n')[0]}" a heading instead of starting a new slide: two slides merge into one.`,
    hint: `Add a blank line between line ${underline} and the \`---\` to start a new slide (for a heading, write \`## …\` instead).`,
    location: { file, line: first, column: 1 },
  })
}
