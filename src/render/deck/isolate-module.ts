import type { Marp } from '@marp-team/marp-core'
import type { Token } from '../../core/markdown.ts'
import { headingSplits } from '../../core/marp-engine.ts'
import type { Module } from '../../load/module.ts'
import { parse, stringify } from 'yaml'
import { scopeCss } from './css-scope.ts'

/**
 * Turns one module into markdown that can sit inside an edition deck and
 * still look exactly as it does on its own in Marp:
 *
 * - local directives (paginate, header, footer, class, backgrounds, color)
 *   are set explicitly at the module's start, so the previous module's values
 *   do not carry over;
 * - every slide carries the class `kit-m-<id>`, and the module's global CSS
 *   (`style:` and `<style>` tags) is rewritten to apply to that class only;
 * - `headingDivider` is written out as `---` rulers, because in Marp it is a
 *   deck-wide setting.
 *
 * The result is plain Marp markdown: slides.md previews in Marp's own tools.
 */

/** Inheritable local directives and the value that means "unset". */
export const LOCAL_DIRECTIVES = {
  paginate: false,
  header: '',
  footer: '',
  class: '',
  backgroundColor: '',
  backgroundImage: '',
  backgroundPosition: '',
  backgroundRepeat: '',
  backgroundSize: '',
  color: '',
} as const satisfies Record<string, unknown>

export function moduleClass(id: string): string {
  return `kit-m-${id}`
}

export interface IsolatedModule {
  /** Directive comment that opens the module (put it on its first slide). */
  opening: string
  /** The module's slides, ready to follow a `---` ruler. */
  body: string
}

/** `footer` is the footer of a module that sets none (the brand's footer); Marp's default is none. */
export function isolateModule(module: Module, marp: Marp, footer = ''): IsolatedModule {
  const cls = moduleClass(module.id)
  let body = materialiseHeadingDivider(module, marp)
  body = rewriteComments(marp, body, cls)
  body = scopeStyleTags(marp, body, cls)
  return { opening: openingDirectives(module, cls, footer), body }
}

/** The comment that resets every local directive to this module's values. */
export function openingDirectives(module: Module, cls: string, footer = ''): string {
  const lines: string[] = []
  for (const [key, unset] of Object.entries(LOCAL_DIRECTIVES)) {
    const own = module.directives[key]
    const value = key === 'class' ? withClass(own, cls) : (own ?? (key === 'footer' ? footer : unset))
    lines.push(`${key}: ${JSON.stringify(value)}`)
  }
  for (const [key, value] of Object.entries(module.directives)) {
    if (key.startsWith('_')) {
      lines.push(`${key}: ${JSON.stringify(key === '_class' ? withClass(value, cls) : value)}`)
    }
  }
  const style = module.directives.style
  const scoped = typeof style === 'string' && style.trim() ? `\n\n<style>\n${scopeCss(style, cls)}\n</style>` : ''
  return `<!--\n${lines.join('\n')}\n-->${scoped}`
}

function withClass(value: unknown, cls: string): string {
  const own = Array.isArray(value) ? value.join(' ') : value === undefined || value === null ? '' : String(value)
  return `${own} ${cls}`.trim()
}

/** Fenced/indented code ranges (0-based line numbers, end exclusive). */
function codeRanges(marp: Marp, markdown: string): [number, number][] {
  return marp.markdown
    .parse(markdown, {})
    .filter((t: Token) => (t.type === 'fence' || t.type === 'code_block') && t.map)
    .map((t: Token) => t.map as [number, number])
}

/** Applies `fn` to the text outside code blocks only. */
function outsideCode(marp: Marp, markdown: string, fn: (text: string) => string): string {
  const lines = markdown.split('\n')
  const out: string[] = []
  let cursor = 0
  for (const [start, end] of codeRanges(marp, markdown)) {
    out.push(fn(lines.slice(cursor, start).join('\n')), lines.slice(start, end).join('\n'))
    cursor = end
  }
  out.push(fn(lines.slice(cursor).join('\n')))
  return out.join('\n')
}

/** Adds the module class to `class` / `_class` directives written in comments. */
function rewriteComments(marp: Marp, body: string, cls: string): string {
  return outsideCode(marp, body, (text) =>
    text.replace(/<!--([\s\S]*?)-->/g, (comment, inner: string) => {
      if (!/(^|\n)\s*_?class\s*:/.test(inner)) return comment
      const parsed = parseDirectiveComment(inner)
      if (parsed) {
        for (const key of ['class', '_class']) if (key in parsed) parsed[key] = withClass(parsed[key], cls)
        return `<!--\n${stringify(parsed).trimEnd()}\n-->`
      }
      // Not strict YAML (Marp reads comments loosely): rewrite the lines alone.
      const rewritten = inner.replace(
        /^(\s*)(_?class)(\s*:\s*)(.*?)\s*$/gm,
        (_line, indent: string, key: string, sep: string, value: string) => `${indent}${key}${sep}${JSON.stringify(withClass(unquote(value), cls))}`,
      )
      return `<!--${rewritten}-->`
    }),
  )
}

function parseDirectiveComment(inner: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = parse(inner)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** Rewrites unscoped `<style>` tags so they style this module's slides only. */
function scopeStyleTags(marp: Marp, body: string, cls: string): string {
  return outsideCode(marp, body, (text) =>
    text.replace(/<style(\s[^>]*)?>([\s\S]*?)<\/style>/g, (whole, attrs: string | undefined, css: string) =>
      attrs && /\bscoped\b/.test(attrs) ? whole : `<style${attrs ?? ''}>${scopeCss(css, cls)}</style>`,
    ),
  )
}

function unquote(value: string): string {
  const v = value.trim()
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) return v.slice(1, -1)
  if (v.startsWith('[') && v.endsWith(']'))
    return v
      .slice(1, -1)
      .split(',')
      .map((s) => s.trim().replace(/^['"]|['"]$/g, ''))
      .join(' ')
  return v
}

/**
 * Finds where Marp's heading divider splits this module (by recording the
 * hidden rulers it inserts) and writes explicit `---` rulers there.
 */
function materialiseHeadingDivider(module: Module, marp: Marp): string {
  if (module.directives.headingDivider === undefined) return module.body
  const splitLines = headingSplits(marp, module.source)
  if (splitLines.length === 0) return module.body
  const lines = module.body.split('\n')
  const offset = module.bodyLine - 1
  for (const fileLine of [...splitLines].sort((a, b) => b - a)) {
    const at = fileLine - offset
    if (at >= 0 && at <= lines.length) lines.splice(at, 0, '', '---', '')
  }
  return lines.join('\n')
}
