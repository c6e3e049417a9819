import { createHash } from 'node:crypto'
import { type FontFamily, type FontSlice, inRanges, isPictograph, isSpace, leftToSystem, mayDraw, prefers } from '../load/font-packages.ts'

/**
 * The fonts of one output, subset to the characters it uses: each
 * character is given to one family (the theme's families without scripts
 * take every character they have; among the script families, those that
 * prefer the language come first, then fonts.json's order), and each font
 * file is cut down to the characters given to it (harfbuzz, through
 * subset-font) and embedded as a WOFF data URL with exactly those
 * characters as its unicode-range. Which characters a file holds comes from
 * its character map, read with harfbuzzjs. Computes from bytes; reads no
 * file (a `SubsetStore` may keep subsets between runs).
 *
 * WOFF rather than WOFF2: WOFF2's Brotli (wawoff2, at its highest quality)
 * takes 0.1–1 s per subset against 10–40 ms for WOFF's zlib, and kit makes
 * one subset per printed page and deck part; the subsets are 25 % larger,
 * inside pages that are zipped anyway.
 */

/** One embedded @font-face: what it is, kept beside its rule so nobody parses the rule back. */
export interface EmbeddedFace {
  family: string
  weight: string
  style: string
  /** The characters it draws (its unicode-range). */
  chars: string
  rule: string
}

/** The face's rule under another family name (a diagram's fallback for characters its own families do not draw). */
export function ruleAs(face: EmbeddedFace, family: string): string {
  return face.rule.replace(familyDescriptor(face.family), familyDescriptor(family))
}

function familyDescriptor(family: string): string {
  return `@font-face{font-family:'${family}';`
}

export interface EmbeddedFonts {
  faces: EmbeddedFace[]
  /** The faces' rules, one per line. */
  css: string
  /** Characters no installed font draws (emoji, pictographs and spaces left out). */
  missing: string[]
  /** Families that draw at least one character, with how many. */
  used: Map<string, number>
}

/**
 * The characters of a text that a font may have to draw, once each, in code
 * point order; with each letter's other case, because CSS may transform it
 * (`text-transform: uppercase` on labels).
 */
export function charactersOf(texts: Iterable<string>): string[] {
  const chars = new Set<string>()
  for (const text of texts) for (const char of text) chars.add(char)
  for (const char of [...chars]) for (const other of [char.toUpperCase(), char.toLowerCase()]) if ([...other].length === 1) chars.add(other)
  return [...chars].filter((c) => !leftToSystem(c)).sort((a, b) => (a.codePointAt(0) ?? 0) - (b.codePointAt(0) ?? 0))
}

/** A font file decoded once per process (kit dev rebuilds often): its uncompressed tables and the code points it maps. */
interface DecodedFont {
  sfnt: Buffer
  map: Set<number>
}
const decoded = new Map<string, DecodedFont>()
const subsets = new Map<string, Uint8Array>()

/**
 * Where subsets are kept between runs (the build's artefact cache): a new
 * character in one page makes one new subset, and the other pages' subsets
 * are read back, not made again.
 */
export interface SubsetStore {
  get(key: string): Promise<Uint8Array | undefined>
  put(key: string, data: Uint8Array): Promise<void>
}

/** Changes when the way subsets are made does (format, tools). */
const SUBSET_FORMAT = 'woff-1'

function keyOf(bytes: Uint8Array, extra = ''): string {
  return createHash('sha256').update(bytes).update(extra).digest('hex')
}

/** By the bytes' object too, so asking about many characters hashes each file once. */
const decodedBytes = new WeakMap<Uint8Array, DecodedFont>()

async function decode(bytes: Uint8Array): Promise<DecodedFont> {
  const seen = decodedBytes.get(bytes)
  if (seen) return seen
  const key = keyOf(bytes)
  const known = decoded.get(key)
  if (known) {
    decodedBytes.set(bytes, known)
    return known
  }
  const [hb, fontverter] = await Promise.all([import('harfbuzzjs'), import('fontverter')])
  const sfnt = await fontverter.convert(bytes, 'sfnt')
  const font = { sfnt, map: new Set(new hb.Face(new hb.Blob(sfnt)).collectUnicodes()) }
  decoded.set(key, font)
  decodedBytes.set(bytes, font)
  return font
}

/** The code points a font file maps to glyphs (its cmap, read with harfbuzz). */
export async function characterMap(bytes: Uint8Array): Promise<Set<number>> {
  return (await decode(bytes)).map
}

/** Whether one slice of a face draws the character. */
async function sliceHas(slice: FontSlice, files: Map<string, Uint8Array>, cp: number): Promise<boolean> {
  if (slice.range && !inRanges(cp, slice.range)) return false
  const bytes = files.get(slice.file)
  return bytes !== undefined && (await characterMap(bytes)).has(cp)
}

/** Whether the family's first face (its regular) draws the character. */
async function familyHas(family: FontFamily, files: Map<string, Uint8Array>, cp: number): Promise<boolean> {
  for (const slice of family.faces[0]?.slices ?? []) if (await sliceHas(slice, files, cp)) return true
  return false
}

/** Script families in the order they are asked for a character: those that prefer the language first. */
function scriptOrder(families: readonly FontFamily[], language: string): FontFamily[] {
  const scripted = families.filter((f) => f.scripts && f.installed)
  return [...scripted.filter((f) => prefers(f, language)), ...scripted.filter((f) => !prefers(f, language))]
}

/** Which family draws which characters, and the characters none draws. */
export async function assignCharacters(
  families: readonly FontFamily[],
  files: Map<string, Uint8Array>,
  chars: readonly string[],
  language: string,
): Promise<{ given: Map<FontFamily, string[]>; missing: string[] }> {
  const given = new Map<FontFamily, string[]>()
  const covered = new Set<string>()
  for (const family of families.filter((f) => !f.scripts && f.installed)) {
    const mine: string[] = []
    for (const char of chars) if (await familyHas(family, files, char.codePointAt(0) ?? 0)) mine.push(char)
    for (const char of mine) covered.add(char)
    given.set(family, mine)
  }
  const order = scriptOrder(families, language)
  const missing: string[] = []
  for (const char of chars.filter((c) => !covered.has(c))) {
    let drawn = false
    for (const family of order) {
      if (!mayDraw(family, char) || !(await familyHas(family, files, char.codePointAt(0) ?? 0))) continue
      given.set(family, [...(given.get(family) ?? []), char])
      drawn = true
      break
    }
    if (!drawn && !isPictograph(char) && !isSpace(char)) missing.push(char)
  }
  return { given, missing }
}

/** A font file cut down to the characters, as WOFF (kept for the process by bytes and characters, and in `store`). */
async function subset(bytes: Uint8Array, text: string, store?: SubsetStore): Promise<Uint8Array> {
  const key = keyOf(bytes, `${SUBSET_FORMAT}\0${text}`)
  const known = subsets.get(key) ?? (await store?.get(`font-subset-${key}`))
  if (known) {
    subsets.set(key, known)
    return known
  }
  const { default: subsetFont } = await import('subset-font')
  // From the decoded tables: subset-font would otherwise decompress the WOFF2 file again for every subset.
  const out = new Uint8Array(await subsetFont((await decode(bytes)).sfnt, text, { targetFormat: 'woff' }))
  if (subsets.size > 4000) subsets.clear()
  subsets.set(key, out)
  await store?.put(`font-subset-${key}`, out)
  return out
}

function unicodeRange(chars: readonly string[]): string {
  return chars.map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}`).join(',')
}

/** @font-face rules for the characters: every face of every family that draws some, each file subset to its share. */
export async function embedFonts(families: readonly FontFamily[], files: Map<string, Uint8Array>, chars: readonly string[], language: string, store?: SubsetStore): Promise<EmbeddedFonts> {
  const { given, missing } = await assignCharacters(families, files, chars, language)
  const faces: EmbeddedFace[] = []
  const used = new Map<string, number>()
  for (const [family, mine] of given) {
    if (mine.length === 0) continue
    used.set(family.family, mine.length)
    for (const face of family.faces) {
      for (const slice of face.slices) {
        const bytes = files.get(slice.file)
        if (!bytes) continue
        const share: string[] = []
        for (const char of mine) if (await sliceHas(slice, files, char.codePointAt(0) ?? 0)) share.push(char)
        if (share.length === 0) continue
        const data = Buffer.from(await subset(bytes, share.join(''), store)).toString('base64')
        const rule = `${familyDescriptor(family.family)}font-style:${face.style};font-weight:${face.weight};font-display:block;src:url(data:font/woff;base64,${data}) format('woff');unicode-range:${unicodeRange(share)};}`
        faces.push({ family: family.family, weight: String(face.weight), style: face.style, chars: share.join(''), rule })
      }
    }
  }
  return { faces, css: faces.map((f) => f.rule).join('\n'), missing, used }
}

/** The faces of several editions, each once (a language's home page shows the characters of all its editions). */
export function mergeFaces(lists: readonly (readonly EmbeddedFace[])[]): EmbeddedFace[] {
  const seen = new Map<string, EmbeddedFace>()
  for (const face of lists.flat()) if (!seen.has(face.rule)) seen.set(face.rule, face)
  return [...seen.values()]
}

/** The families of the faces, in the order they are embedded. */
export function familiesOf(faces: readonly EmbeddedFace[]): string[] {
  return [...new Set(faces.map((f) => f.family))]
}
