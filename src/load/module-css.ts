import postcss, { CssSyntaxError } from 'postcss'
import { LineIndex } from '../core/positions.ts'
import type { Problems } from '../core/problems.ts'

/**
 * A module's own CSS (`<style>` tags and the `style` directive) that cannot
 * be parsed. Marp drops such CSS without a word, so a slide silently loses
 * its look; kit warns at the line and column of the mistake. `<style>` is
 * looked for in the style and raw HTML blocks of `tokens` (Marp's parse of
 * `text`, the whole file), so a `<style>` shown in a code block is left alone.
 */
export function checkModuleCss(
  file: string,
  tokens: readonly { type: string; map?: [number, number] | null }[],
  text: string,
  styleDirective: { css: string; line: number } | undefined,
  problems: Problems,
): void {
  const lines = new LineIndex(text)
  for (const token of tokens) {
    if ((token.type !== 'html_block' && token.type !== 'marpit_style') || !token.map) continue
    const from = lines.lineStart(token.map[0] + 1)
    const html = text.slice(from, lines.lineStart(token.map[1] + 1))
    for (const match of html.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/g)) {
      const at = lines.at(from + (match.index ?? 0) + match[0].indexOf('>') + 1)
      checkCss(match[1] ?? '', file, at.line, at.column - 1, problems)
    }
  }
  if (styleDirective) checkCss(styleDirective.css, file, styleDirective.line, 0, problems)
}

function checkCss(css: string, file: string, line: number, column: number, problems: Problems): void {
  try {
    postcss.parse(css)
  } catch (error) {
    if (!(error instanceof CssSyntaxError)) throw error
    const at = error.line ?? 1
    problems.warn({
      code: 'KIT_CSS_SYNTAX',
      message: `CSS in ${file} cannot be parsed (${error.reason}); Marp drops it, so it styles nothing.`,
      location: { file, line: line + at - 1, column: (at === 1 ? column : 0) + (error.column ?? 1) },
    })
  }
}
