import { createRequire } from 'node:module'
import path from 'node:path'
import { z } from 'zod'
import type { Problems, SourceLocation } from '../core/problems.ts'
import { isPathInside } from '../core/path-inside.ts'
import { resolveInside } from './contained.ts'
import type { InputLog } from './input-log.ts'

/**
 * The fonts of templates/theme/fonts.json, from npm packages (no CDN).
 * An entry is either one face file (`file`), or a fontsource package
 * (`package`): its per-weight stylesheet lists the files the package is
 * sliced into and the characters each slice holds, so only the slices a
 * text needs are read. A family with `scripts` draws only the characters of
 * those scripts (ISO 15924 codes, as Unicode's Script_Extensions name them)
 * and is optional: a project installs its package when its text needs it.
 */
const faceSchema = z.strictObject({
  family: z.string(),
  weight: z.number(),
  style: z.enum(['normal', 'italic']),
  /** Module path inside node_modules, e.g. `@fontsource/inter/files/…woff2`. */
  file: z.string(),
})
const packageSchema = z.strictObject({
  family: z.string(),
  /** An npm package laid out as fontsource's are (`400.css`, `700-italic.css`, `files/`). */
  package: z.string().regex(/^(@[\w.-]+\/)?[\w.-]+$/, 'must be an npm package name such as @fontsource/noto-sans-jp'),
  weights: z.array(z.number()).min(1),
  /** Weights that also have an italic face. */
  italic: z.array(z.number()).optional(),
  /** The scripts this family draws (ISO 15924: Hani, Hira, Kana, Hang, Arab, Hebr, Zyyy for common symbols). */
  scripts: z.array(z.string().regex(/^[A-Z][a-z]{3}$/, 'must be an ISO 15924 script code such as Hani')).optional(),
  /** Languages (BCP 47 primary subtags) that prefer this family where several draw a character, e.g. Han in ja. */
  languages: z.array(z.string()).optional(),
})
export const fontsFileSchema = z.object({ fonts: z.array(z.union([faceSchema, packageSchema])) })
export type FontEntry = z.infer<typeof faceSchema> | z.infer<typeof packageSchema>

/** Inclusive code point ranges. */
export type Ranges = [number, number][]

/** One font file; without `range` it may hold any character (its character map decides). */
export interface FontSlice {
  /** Absolute path of the file. */
  file: string
  range?: Ranges
}

export interface FontFaceFiles {
  weight: number
  style: 'normal' | 'italic'
  slices: FontSlice[]
}

/** One family of fonts.json, resolved to files. */
export interface FontFamily {
  family: string
  /** The npm package, for the hint when it is not installed. */
  package?: string
  scripts?: string[]
  languages?: string[]
  faces: FontFaceFiles[]
  /** Whether its files were found; a family with scripts may be absent until a text needs it. */
  installed: boolean
  location?: SourceLocation
}

/** Parses a CSS unicode-range value (`U+0000-00FF,U+0131`). */
export function parseUnicodeRange(value: string): Ranges {
  return value
    .split(',')
    .map((part) => part.trim().replace(/^U\+/i, ''))
    .filter(Boolean)
    .map((part) => {
      const [lo = '0', hi] = part.split('-')
      return [Number.parseInt(lo, 16), Number.parseInt(hi ?? lo, 16)] as [number, number]
    })
}

export function inRanges(cp: number, ranges: Ranges): boolean {
  return ranges.some(([lo, hi]) => cp >= lo && cp <= hi)
}

/** The @font-face rules of a fontsource stylesheet: each file (relative to the stylesheet) with its unicode-range. */
export function parseFontsourceCss(css: string): { file: string; range?: Ranges }[] {
  const out: { file: string; range?: Ranges }[] = []
  for (const block of css.match(/@font-face\s*{[^}]*}/g) ?? []) {
    const file = /url\(["']?([^)"']+\.woff2)["']?\)/.exec(block)?.[1]
    const range = /unicode-range:\s*([^;}]+)/.exec(block)?.[1]
    if (file) out.push({ file, range: range ? parseUnicodeRange(range) : undefined })
  }
  return out
}

const scriptTests = new Map<string, RegExp>()

/** Whether the character belongs to one of the scripts (by its Script_Extensions; Zyyy is Common, Zinh Inherited). */
export function inScripts(char: string, scripts: readonly string[]): boolean {
  return scripts.some((code) => {
    let test = scriptTests.get(code)
    if (!test) {
      try {
        test = new RegExp(`^\\p{scx=${code}}$`, 'u')
      } catch {
        test = /$^/
      }
      scriptTests.set(code, test)
    }
    return test.test(char)
  })
}

/** Characters kit leaves to the system: controls, joiners, variation selectors, and emoji with their parts (the viewer's emoji font draws those in colour). */
export function leftToSystem(char: string): boolean {
  return /^(\p{Cc}|[\u200b-\u200f\u2060\u{e0000}-\u{e007f}]|\p{Variation_Selector}|\u20e3|\p{Emoji_Presentation}|\p{Emoji_Modifier}|\p{Regional_Indicator})$/u.test(char)
}

/** Spaces: embedded where a font has them, never reported when none does (the browser lays out a space without a glyph). */
export function isSpace(char: string): boolean {
  return /^[\p{Zs}\p{Zl}\p{Zp}\ufeff]$/u.test(char)
}

/** Emoji drawn as text where a font has them (✔), left to the emoji font where none does. */
export function isPictograph(char: string): boolean {
  return /^\p{Extended_Pictographic}$/u.test(char)
}

/**
 * Resolves each entry of fonts.json to its files: packages the Node way,
 * from the project first, then kit. Reads the packages' stylesheets (each
 * read is logged); the font files themselves are read by `readFontFiles`
 * when it is known which characters are needed.
 */
export async function resolveFonts(entries: FontEntry[], roots: string[], inputs: InputLog, locate: (i: number) => SourceLocation, problems: Problems): Promise<FontFamily[]> {
  const resolvers = roots.map((root) => createRequire(path.join(root, 'package.json')))
  const families = new Map<string, FontFamily>()
  for (const [i, entry] of entries.entries()) {
    if ('file' in entry) {
      const resolved = resolvers.map((r) => resolveQuietly(r, entry.file)).find(Boolean)
      const file = resolved && (await fontFile(resolved, entry.file, roots, inputs, locate(i), problems))
      const family = families.get(entry.family) ?? { family: entry.family, faces: [], installed: true, location: locate(i) }
      if (resolved && !file) family.installed = false
      else if (!file) {
        family.installed = false
        problems.add({
          code: 'KIT_FONT',
          message: `The font file ${entry.file} (${entry.family} ${entry.weight}${entry.style === 'italic' ? ' italic' : ''}) cannot be found.`,
          hint: 'Install the font package with npm (npm install @fontsource/…), or fix the path: it is a module path such as @fontsource/inter/files/inter-latin-400-normal.woff2.',
          location: locate(i),
        })
      }
      family.faces.push({ weight: entry.weight, style: entry.style, slices: file ? [{ file }] : [] })
      families.set(entry.family, family)
      continue
    }
    const family = await resolvePackage(entry, resolvers, roots, inputs, locate(i))
    if (!family.installed && !family.scripts) {
      problems.add({
        code: 'KIT_FONT',
        message: `The font package ${entry.package} (${entry.family}) is not installed, or has no stylesheet for the weights listed.`,
        hint: `Install it: npm install -D ${entry.package}`,
        location: locate(i),
      })
    }
    families.set(entry.family, family)
  }
  return [...families.values()]
}

async function resolvePackage(entry: z.infer<typeof packageSchema>, resolvers: NodeJS.Require[], roots: string[], inputs: InputLog, location: SourceLocation): Promise<FontFamily> {
  const family: FontFamily = { family: entry.family, package: entry.package, scripts: entry.scripts, languages: entry.languages, faces: [], installed: false, location }
  const manifest = resolvers.map((r) => resolveQuietly(r, `${entry.package}/package.json`)).find(Boolean)
  if (!manifest) {
    // Recorded as absent, so installing the package later makes the next build read it.
    for (const root of roots) await inputs.read(path.join(root, 'node_modules', entry.package, 'package.json'))
    return family
  }
  const dir = path.dirname(manifest)
  const styles = [...entry.weights.map((weight) => ({ weight, style: 'normal' as const })), ...(entry.italic ?? []).map((weight) => ({ weight, style: 'italic' as const }))]
  for (const { weight, style } of styles) {
    const css = await inputs.read(path.join(dir, `${weight}${style === 'italic' ? '-italic' : ''}.css`))
    if (!css) return family
    const rules = parseFontsourceCss(css.toString('utf8'))
    // A package in one file holds the whole font; its unicode-range names only its subset's name.
    const slices = rules.map((r) => ({ file: path.join(dir, r.file), range: rules.length > 1 ? r.range : undefined }))
    // The package's own stylesheet names its files: they stay inside the package.
    if (slices.some((s) => !isPathInside(s.file, dir))) return family
    family.faces.push({ weight, style, slices })
  }
  family.installed = family.faces.length > 0
  return family
}

/**
 * A `file` entry names a file in the project folder (`./fonts/brand.woff2`)
 * or a file of an npm package (`@fontsource/inter/files/…`): the file it
 * resolves to must lie inside `roots` (the project, kit) or inside the
 * folder of the package it names, symlinks resolved, else it is refused at
 * its line (an absolute path or `../` would embed any file of the machine).
 */
async function fontFile(resolved: string, request: string, roots: readonly string[], inputs: InputLog, location: SourceLocation, problems: Problems): Promise<string | undefined> {
  const name = request.split('/').slice(0, request.startsWith('@') ? 2 : 1)
  const marker = `${path.sep}${['node_modules', ...name].join(path.sep)}${path.sep}`
  const at = /^(@[\w.-]+\/)?[\w.-]+$/.test(name.join('/')) ? resolved.lastIndexOf(marker) : -1
  const found = await resolveInside(resolved, at < 0 ? roots : [...roots, resolved.slice(0, at + marker.length - 1)], inputs)
  if (found.kind === 'inside') return resolved
  if (found.kind === 'outside') {
    problems.add({
      code: 'KIT_PATH_OUTSIDE',
      message: `The font file ${request} is outside the project and not a file of an npm package.`,
      hint: 'Put the font in the project (e.g. ./fonts/brand-regular.woff2), or name a file of an installed package (e.g. @fontsource/inter/files/inter-latin-400-normal.woff2).',
      location,
    })
  }
  return undefined
}

function resolveQuietly(require: NodeJS.Require, request: string): string | undefined {
  try {
    return require.resolve(request)
  } catch {
    return undefined
  }
}

/** Whether the family is preferred for the language (`zh` for zh-CN; `zh-TW` for zh-TW only). */
export function prefers(family: Pick<FontFamily, 'languages'>, language: string): boolean {
  const tag = language.toLowerCase()
  return (family.languages ?? []).some((l) => tag === l.toLowerCase() || tag.startsWith(`${l.toLowerCase()}-`))
}

/** Whether a family may draw the character at all (its scripts; a family without scripts draws what it has). */
export function mayDraw(family: FontFamily, char: string): boolean {
  return !family.scripts || inScripts(char, family.scripts)
}

/**
 * Reads the font files that may hold one of the characters: every file
 * without a range, and each slice whose range holds one of them, of every
 * installed family that may draw it. Each read is logged.
 */
export async function readFontFiles(families: readonly FontFamily[], chars: readonly string[], inputs: InputLog): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>()
  for (const family of families.filter((f) => f.installed)) {
    const drawn = chars.filter((c) => mayDraw(family, c)).map((c) => c.codePointAt(0) ?? 0)
    if (drawn.length === 0) continue
    for (const slice of family.faces.flatMap((f) => f.slices)) {
      if (files.has(slice.file) || (slice.range && !drawn.some((cp) => inRanges(cp, slice.range as Ranges)))) continue
      const bytes = await inputs.read(slice.file)
      if (bytes) files.set(slice.file, bytes)
    }
  }
  return files
}
