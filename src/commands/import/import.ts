import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { firstHeading, MINUTES_PER_SLIDE, slugFromFileName } from '../../load/module.ts'
import { decodeSource, LAYOUT } from '../../load/read-sources.ts'
import { readInside, type ContainedRead } from '../../load/contained.ts'
import { InputLog } from '../../load/input-log.ts'
import { legacyDirectives } from '../../load/legacy-directives.ts'
import { decodeUrlPath, findReferences, parseForReferences, type Reference } from '../../load/references.ts'
import { Problems, usageError } from '../../core/problems.ts'
import { createMarp, renderDeck } from '../../core/marp-engine.ts'
import { applyRewrites, assetName, moduleText, remoteRefs, safeAssetName, type RemoteRef } from './deck-rewrite.ts'
import { DEFAULT_LIMITS, fetchAsset, type FetchLimits } from './fetch-asset.ts'

/**
 * `kit import DECK.md…`: makes Marp decks people already have into modules
 * that build offline. Each deck is copied into content/modules/ with kit's
 * keys added (its own front matter kept byte for byte); remote images are
 * downloaded once into content/assets/, remote CSS (`@import`, `url()`) is
 * inlined with its fonts and images as data URLs, local images are copied
 * along, and Marp v0 directives become front-matter keys. The network is
 * used here, when the author asks, and never by a build.
 */
export interface ImportReport {
  deck: string
  module: string
  slides: number
  minutes: number
  /** What was changed, one line each, with the deck's line number. */
  changes: string[]
  /** References that could not be fetched, or local files refused: the build will report them until fixed. */
  failures: { url: string; line: number; column: number; reason: string; refused?: boolean }[]
}

export interface ImportOptions {
  /** Folders local files may be copied from besides the deck's own folder tree (`--allow DIR`). */
  allow?: string[]
}

export async function importDecks(root: string, decks: string[], limits: FetchLimits = DEFAULT_LIMITS, options: ImportOptions = {}): Promise<ImportReport[]> {
  if (decks.length === 0) throw usageError('KIT_USAGE', 'kit import needs at least one deck.', 'Usage: kit import DECK.md [DECK.md…]')
  if (!existsSync(path.join(root, LAYOUT.workshop))) throw usageError('KIT_NO_WORKSHOP', `No ${LAYOUT.workshop} in ${root}.`, 'Run kit import inside a workshop project (kit init makes one).')
  const reports: ImportReport[] = []
  const allow = (options.allow ?? []).map((dir) => path.resolve(dir))
  for (const deck of decks) reports.push(await importDeck(root, path.resolve(deck), limits, allow))
  return reports
}

async function importDeck(root: string, deckPath: string, limits: FetchLimits, allow: string[]): Promise<ImportReport> {
  const bytes = await readFile(deckPath).catch(() => undefined)
  if (!bytes) throw usageError('KIT_USAGE', `Cannot read ${deckPath}.`, 'Give the path of a Marp markdown file.')
  const problems = new Problems()
  const text = decodeSource(bytes, path.basename(deckPath), problems)
  if (text === undefined) throw usageError('KIT_USAGE', `${deckPath} is not UTF-8 text: ${problems.list[0]?.message ?? ''}`, 'Save the deck as UTF-8.')
  const assetsDir = path.join(root, LAYOUT.assets)
  await mkdir(assetsDir, { recursive: true })
  const taken = new Set(await readdir(assetsDir))
  const report: ImportReport = { deck: deckPath, module: '', slides: 0, minutes: 0, changes: [], failures: [] }

  const marp = createMarp()
  const tokens = parseForReferences(marp, text)
  const rewrites: { ref: RemoteRef; replacement: string }[] = []
  const done = new Map<string, string>()
  const written = new Map<string, string>()
  for (const ref of remoteRefs(text, tokens)) {
    const replacement = done.get(`${ref.kind} ${ref.url}`) ?? (await fetchForDeck(ref, assetsDir, taken, written, limits, report))
    if (replacement === undefined) continue
    done.set(`${ref.kind} ${ref.url}`, replacement)
    rewrites.push({ ref, replacement })
  }
  rewrites.push(...(await copyLocalImages(findReferences(tokens, text, path.basename(deckPath)), deckPath, [path.dirname(deckPath), ...allow], assetsDir, taken, report)))
  const legacy = legacyDirectives(tokens, text).filter((l) => l.key)
  for (const l of legacy) report.changes.push(`line ${l.line}: ${l.comment} → front matter ${l.key}: ${l.value}`)

  const rewritten = applyRewrites(text, rewrites, legacy)
  const rendered = renderDeck(marp, rewritten)
  const modulesDir = path.join(root, LAYOUT.modules)
  await mkdir(modulesDir, { recursive: true })
  const existing = await readdir(modulesDir)
  const id = uniqueId(slugFromFileName(deckPath) || 'imported', existing)
  const title = rendered.slides.map(firstHeading).find(Boolean) ?? id
  report.slides = rendered.slides.length
  report.minutes = Math.max(1, rendered.slides.length * MINUTES_PER_SLIDE)
  const next = Math.max(0, ...existing.map((n) => Number(/^(\d+)[-_]/.exec(n)?.[1] ?? 0))) + 1
  const file = path.join(modulesDir, `${String(next).padStart(2, '0')}-${id}.md`)
  await writeFile(file, moduleText(rewritten, { id, title, duration: report.minutes }, legacy), { flag: 'wx' })
  report.module = path.relative(root, file).split(path.sep).join('/')
  return report
}

/** Downloads what one remote reference needs; its replacement text, or undefined (recorded as a failure). */
async function fetchForDeck(ref: RemoteRef, assetsDir: string, taken: Set<string>, written: Map<string, string>, limits: FetchLimits, report: ImportReport): Promise<string | undefined> {
  const fail = (reason: string) => {
    report.failures.push({ url: ref.url, line: ref.line, column: ref.column, reason })
    return undefined
  }
  if (ref.kind === 'image') {
    const got = await fetchAsset(ref.url, 'image', limits)
    if (!got.ok) return fail(got.reason)
    // The same picture under two URLs (a redirect, a mirror) is stored once.
    const digest = createHash('sha256').update(got.bytes).digest('hex')
    const name = written.get(digest) ?? assetName(got.finalUrl, got.contentType, taken)
    if (!written.has(digest)) await writeFile(path.join(assetsDir, name), got.bytes)
    written.set(digest, name)
    report.changes.push(`line ${ref.line}: downloaded ${ref.url} → ${LAYOUT.assets}/${name}`)
    return `../assets/${name}`
  }
  if (ref.kind === 'css-url') {
    const data = await dataUrl(ref.url, limits)
    if (typeof data !== 'string') return fail(data.reason)
    report.changes.push(`line ${ref.line}: embedded ${ref.url} in the CSS`)
    return data
  }
  const css = await inlineCss(ref.url, limits, 0)
  if (typeof css !== 'string') return fail(css.reason)
  report.changes.push(`line ${ref.line}: inlined the CSS of ${ref.url}, its fonts and images embedded`)
  return css
}

/** A remote stylesheet made self-contained and put on one line (it may sit in a one-line `style:` directive). */
async function inlineCss(url: string, limits: FetchLimits, depth: number): Promise<string | { reason: string }> {
  if (depth > 3) return { reason: 'its @import chain is deeper than 3 stylesheets' }
  const got = await fetchAsset(url, 'css', limits)
  if (!got.ok) return got
  let css = Buffer.from(got.bytes)
    .toString('utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
  for (const match of [...css.matchAll(/@import\s+(?:url\(\s*)?["']?([^"')\s;]+)["']?\s*\)?[^;]*;/g)].reverse()) {
    const inner = await inlineCss(new URL(match[1] ?? '', got.finalUrl).href, limits, depth + 1)
    if (typeof inner !== 'string') return { reason: `its @import of ${match[1]}: ${inner.reason}` }
    css = css.slice(0, match.index) + inner + css.slice((match.index ?? 0) + match[0].length)
  }
  for (const match of [...css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].reverse()) {
    const target = match[1] ?? ''
    if (target.startsWith('data:')) continue
    const data = await dataUrl(new URL(target, got.finalUrl).href, limits)
    if (typeof data !== 'string') return { reason: `${target}: ${data.reason}` }
    css = `${css.slice(0, match.index)}url("${data}")${css.slice((match.index ?? 0) + match[0].length)}`
  }
  return css.replace(/\s*\n\s*/g, ' ').trim()
}

async function dataUrl(url: string, limits: FetchLimits): Promise<string | { reason: string }> {
  const font = /\.(woff2?|ttf|otf|eot)([?#]|$)/i.test(url)
  const got = await fetchAsset(url, font ? 'font' : 'image', limits)
  if (!got.ok) return got
  const type = font && !got.contentType.startsWith('font/') ? `font/${/\.(woff2?|ttf|otf)/i.exec(url)?.[1]?.toLowerCase() ?? 'woff2'}` : got.contentType
  return `data:${type};base64,${Buffer.from(got.bytes).toString('base64')}`
}

/**
 * Local images the deck names are copied into content/assets/, so the module
 * finds them where it now lives, but only from inside `roots` (the deck's
 * folder tree and the folders allowed with `--allow`, symlinks resolved): a
 * deck from elsewhere cannot pull in any file of the machine.
 */
async function copyLocalImages(refs: Reference[], deckPath: string, roots: string[], assetsDir: string, taken: Set<string>, report: ImportReport): Promise<{ ref: RemoteRef; replacement: string }[]> {
  const rewrites: { ref: RemoteRef; replacement: string }[] = []
  for (const ref of refs) {
    if (ref.kind !== 'image' || /^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(ref.url)) continue
    const at = { url: ref.url, line: ref.location.line ?? 1, column: ref.location.column ?? 1 }
    const decoded = decodeUrlPath(ref.url.split(/[?#]/)[0] ?? '')
    const got = decoded === undefined ? { kind: 'missing' as const } : await readInside(path.resolve(path.dirname(deckPath), decoded), roots, new InputLog())
    if (got.kind !== 'read') {
      report.failures.push({ ...at, ...localFailure(got, path.dirname(deckPath)) })
      continue
    }
    const name = safeAssetName(path.basename(got.real), '', taken)
    await writeFile(path.join(assetsDir, name), got.bytes)
    report.changes.push(`line ${at.line}: copied ${ref.url} → ${LAYOUT.assets}/${name}`)
    rewrites.push({ ref: { kind: 'image', url: ref.url, offset: ref.offset, line: at.line, column: at.column }, replacement: `../assets/${name}` })
  }
  return rewrites
}

function localFailure(got: Exclude<ContainedRead, { kind: 'read' }>, deckDir: string): { reason: string; refused?: boolean } {
  if (got.kind === 'outside') return { reason: `it is outside the deck's folder ${deckDir}; kit import copies files below it only (add --allow DIR to copy from DIR too)`, refused: true }
  if (got.kind === 'unreadable') return { reason: `it cannot be read: ${got.reason}` }
  return { reason: 'no such file next to the deck' }
}

function uniqueId(base: string, existing: string[]): string {
  const ids = new Set(existing.map((n) => slugFromFileName(n)))
  let id = base
  for (let i = 2; ids.has(id); i++) id = `${base}-${i}`
  return id
}
