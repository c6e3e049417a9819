import postcss, { CssSyntaxError } from 'postcss'
import { positionAt } from '../core/positions.ts'
import type { Problems } from '../core/problems.ts'
import { blankCode } from './references.ts'

/**
 * A module's own CSS (`<style>` tags and the `style` directive) that cannot
 * be parsed. Marp drops such CSS without a word, so a slide silently loses
 * its look; kit warns at the line and column of the mistake.
 */
export function checkModuleCss(file: string, body: string, bodyLine: number, styleDirective: { css: string; line: number } | undefined, problems: Problems): void {
  const text = blankCode(body)
  for (const match of text.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/g)) {
    const start = (match.index ?? 0) + match[0].indexOf('>') + 1
    const at = positionAt(body, start, { line: bodyLine, column: 1 })
    checkCss(match[1] ?? '', file, at.line, at.column - 1, problems)
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
