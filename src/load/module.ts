import { unescapeHtml } from '../core/escape-html.ts'
import type { Marp } from '@marp-team/marp-core'
import type { Problems } from '../core/problems.ts'
import { renderDeck } from '../core/marp-engine.ts'
import { splitFrontMatter } from './front-matter.ts'
import type { SourceText } from './read-sources.ts'
import { moduleMetaSchema, type Source } from './schemas.ts'
import { lintMarkdown } from './markdown-lint.ts'
import { checkModuleCss } from './module-css.ts'
import { checkSlideTraps, type BlockToken } from './slide-traps.ts'
import { legacyDirectives, type LegacyDirective } from './legacy-directives.ts'
import { findReferences, parseForReferences, type RefToken, type Reference } from './references.ts'
import { warnUnknownKeys } from './unknown-keys.ts'
import { readFreshness, type SourcePosition, type VolatileClaim } from './volatile.ts'
import { validateWith } from './yaml-source.ts'

/** Kit keys of module front matter; everything else is a Marp directive. `translated-from` marks a translation (docs/translations.md). */
const KIT_KEYS = new Set(['id', 'title', 'duration', 'level', 'objectives', 'takeaways', 'sources', 'volatile', 'tags', 'translated-from'])

/** Directives Marp (core and CLI) understands in front matter. */
const MARP_DIRECTIVES = new Set([
  'marp',
  'theme',
  'style',
  'headingDivider',
  'size',
  'math',
  'lang',
  'title',
  'description',
  'author',
  'image',
  'keywords',
  'url',
  'paginate',
  'header',
  'footer',
  'class',
  'backgroundColor',
  'backgroundImage',
  'backgroundPosition',
  'backgroundRepeat',
  'backgroundSize',
  'color',
  'transition',
])

/** Minutes per slide when a module gives no `duration`. */
export const MINUTES_PER_SLIDE = 2

/** One module: a Marp deck fragment with the kit's metadata. */
export interface Module {
  kind: 'module'
  id: string
  title: string
  duration: number
  level?: string
  objectives: string[]
  takeaways: string[]
  sources: Source[]
  /** Claims that go out of date, each tied to one of `sources`. */
  volatile: VolatileClaim[]
  /** Where each of `sources` is written, for freshness warnings. */
  sourcePositions: SourcePosition[]
  tags: string[]
  /** Marp directives from the front matter (kit keys removed). */
  directives: Record<string, unknown>
  /** Line (1-based) of each directive key in the file, for warnings. */
  directiveLines: Record<string, number>
  file: string
  /** The whole file text (for code frames). */
  source: string
  body: string
  bodyLine: number
  /** Slide count, notes and first heading per slide, as marp-core renders the file alone. */
  slideCount: number
  notes: string[][]
  slideTitles: string[]
  /** 1-based line in the file where each slide starts. */
  slideLines: number[]
  /** Images and links of the body, with their positions in the file. */
  references: Reference[]
  /** Marp v0 directive comments (`<!-- $theme: gaia -->`), which Marp today reads as notes. */
  legacyDirectives: LegacyDirective[]
}

/** What a module is judged against besides its own text. */
export interface ModuleOptions {
  /** The day of the run: a source's `checked` date after it is an error. Without it, dates are not compared. */
  today?: Date
}

/**
 * Parses one module file. Slide count and notes come from marp-core rendering
 * the file on its own, so they are by definition what Marp produces.
 */
export function parseModule(file: SourceText, marp: Marp, problems: Problems, options: ModuleOptions = {}): Module | undefined {
  if (!lintMarkdown(file.text, file.path, problems)) return undefined
  const split = splitFrontMatter(file.text, file.path, problems, [...MARP_DIRECTIVES])
  if (!split) return undefined
  const meta = validateWith(moduleMetaSchema, split.data, problems, 'module front matter')
  const keys = split.data.value && typeof split.data.value === 'object' ? Object.keys(split.data.value) : []
  const unknown = Object.fromEntries(keys.filter((k) => !KIT_KEYS.has(k) && !MARP_DIRECTIVES.has(k.replace(/^_/, ''))).map((k) => [k, true]))
  warnUnknownKeys(unknown, [...KIT_KEYS, ...MARP_DIRECTIVES], split.data, [], problems, `${file.path} front matter`)
  const id = meta && itemId(file.path, meta.id, problems)
  if (!meta || !id) return undefined
  const freshness = readFreshness(meta.sources, meta.volatile, split.data, file.path, problems, options.today)
  const directives: Record<string, unknown> = {}
  const directiveLines: Record<string, number> = {}
  for (const [key, value] of Object.entries(meta)) {
    if (KIT_KEYS.has(key)) continue
    directives[key] = value
    directiveLines[key] = split.data.locate([key]).line ?? 1
  }
  const style = typeof directives.style === 'string' ? { css: directives.style, line: (directiveLines.style ?? 1) + (/^style:[ \t]*[|>]/m.test(file.text) ? 1 : 0) } : undefined
  const tokens = parseForReferences(marp, file.text) as (BlockToken & RefToken)[]
  checkModuleCss(file.path, tokens, file.text, style, problems)
  checkSlideTraps(tokens, file.text, file.path, problems)
  const deck = renderDeck(marp, file.text)
  const slideTitles = deck.slides.map(firstHeading)
  const title = meta.title ?? slideTitles.find(Boolean) ?? id
  return {
    kind: 'module',
    id,
    title,
    duration: meta.duration ?? Math.max(1, deck.slides.length * MINUTES_PER_SLIDE),
    level: meta.level,
    objectives: meta.objectives,
    takeaways: meta.takeaways,
    sources: meta.sources,
    ...freshness,
    tags: meta.tags,
    directives,
    directiveLines,
    file: file.path,
    source: file.text,
    body: split.body,
    bodyLine: split.bodyLine,
    slideCount: deck.slides.length,
    notes: deck.notes,
    slideTitles,
    slideLines: slideStartLines(tokens, split.bodyLine),
    references: findReferences(tokens, file.text, file.path),
    legacyDirectives: legacyDirectives(tokens, file.text),
  }
}

/** Where each slide starts, from the slide tokens Marp creates. */
function slideStartLines(tokens: readonly BlockToken[], bodyLine: number): number[] {
  return tokens.filter((t) => t.type === 'marpit_slide_open').map((t, i) => (i === 0 ? bodyLine : (t.map?.[0] ?? 0) + 1))
}

/**
 * The id of a module or exercise: its own `id:`, else the slug of its file
 * name. A name with no letters a–z or digits (written in another script)
 * gives none: the author is asked for an `id:` rather than given "".
 */
export function itemId(file: string, own: string | undefined, problems: Problems): string | undefined {
  const id = own ?? slugFromFileName(file)
  if (id) return id
  problems.add({
    code: 'KIT_SCHEMA',
    message: `${file} has no \`id:\`, and its file name has no letters a–z or digits to make one from.`,
    hint: 'Add `id: …` to its front matter (lower-case letters, digits and dashes, e.g. `id: containers`): editions and the quiz name it by its id.',
    location: { file, line: 1, column: 1 },
  })
  return undefined
}

/** `content/modules/03-how-containers-work.md` → `how-containers-work`. */
export function slugFromFileName(file: string): string {
  const base = file.split('/').pop() ?? file
  return base
    .replace(/\.md$/, '')
    .replace(/^\d+[-_]/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/** Text of the first heading in a rendered slide, or '' when it has none. */
export function firstHeading(slideHtml: string): string {
  const match = /<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/.exec(slideHtml)
  return match ? unescapeHtml(stripTags(match[2] ?? '')).trim() : ''
}

export function stripTags(html: string): string {
  return html.replace(/<mjx-container[\s\S]*?<\/mjx-container>/g, '').replace(/<[^>]+>/g, '')
}
