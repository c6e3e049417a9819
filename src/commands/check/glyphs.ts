import { type FontFamily, mayDraw, prefers, readFontFiles } from '../../load/font-packages.ts'
import type { Problems, SourceLocation } from '../../core/problems.ts'
import { lookupChain } from '../../core/messages.ts'
import { languagesOf } from '../../load/translations.ts'
import type { InputLog } from '../../load/input-log.ts'
import type { Project } from '../../load/project.ts'
import { assignCharacters, charactersOf } from '../../render/font-faces.ts'

/**
 * Characters no embedded font draws: they would print as empty boxes, or in
 * whatever font the machine printing them has. Each source file (modules,
 * exercises, quiz, glossary, workshop.yaml) gets one warning per font to
 * add, at the first such character, naming the first few such characters
 * of the file. So do the words kit writes in each built language (its
 * catalogues), at the workshop.yaml line that names the language, for
 * characters the sources do not use. Coverage comes from the fonts' own
 * character maps.
 */
export async function checkGlyphs(project: Project, problems: Problems, inputs: InputLog, roster?: { file: string; text: string }): Promise<void> {
  // A roster's names print on attendance sheets and certificates: a name no font draws is found at its line.
  const sources = [...project.texts, ...(roster ? [[roster.file, roster.text] as const] : [])].filter(([file]) => !file.startsWith('templates/'))
  const words = generatedWords(project)
  const chars = charactersOf([...sources.map(([, text]) => text), ...words.map((w) => w.text)])
  const files = await readFontFiles(project.fonts, chars, inputs)
  const { missing } = await assignCharacters(project.fonts, files, chars, project.content.workshop.language)
  if (missing.length === 0) return
  const lacking = new Set(missing)
  for (const [file, text] of sources) warnFile(project, file, firstPlaces(text, lacking), problems)
  // Words kit writes in a language (headings, labels) whose script the content does not use: at that language's line.
  const reported = new Set(sources.flatMap(([, text]) => [...text]))
  for (const { lang, text, location } of words) {
    const found = new Map([...firstPlaces(text, lacking)].filter(([char]) => !reported.has(char)).map(([char]) => [char, { line: location.line ?? 1, column: location.column ?? 1 }]))
    for (const char of found.keys()) reported.add(char)
    warnFile(project, location.file, found, problems, lang)
  }
}

/** The words of each built language's catalogues, with the workshop.yaml line that asks for the language. */
function generatedWords(project: Project): { lang: string; text: string; location: SourceLocation }[] {
  const { content } = project
  return languagesOf(content).map((lang, i) => {
    const chain = lookupChain(lang)
    const text = [...project.catalogues.merged]
      .filter(([tag]) => chain.includes(lookupChain(tag)[0] ?? ''))
      .flatMap(([, catalogue]) => Object.values(catalogue))
      .join('\n')
    const at = lang === content.workshop.language ? ['language'] : ['languages', i]
    return { lang, text, location: content.locateWorkshop?.(at) ?? { file: 'content/workshop.yaml', line: 1, column: 1 } }
  })
}

/** Characters a warning names; the rest are counted. */
const MAX_NAMED = 8

/** One warning per font to add, at the first character of the file it would draw. */
function warnFile(project: Project, file: string, found: Map<string, { line: number; column: number }>, problems: Problems, lang?: string): void {
  const groups = new Map<string, { chars: string[]; line: number; column: number }>()
  for (const [char, place] of found) {
    const pkg = packageFor(project.fonts, char, lang ?? project.content.workshop.language) ?? ''
    const group = groups.get(pkg) ?? { chars: [], ...place }
    group.chars.push(char)
    groups.set(pkg, group)
  }
  for (const [pkg, group] of groups) {
    const listed = group.chars.slice(0, MAX_NAMED).map((c) => `${c} (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`)
    const more = group.chars.length - listed.length
    const named = `${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''}`
    const subject = lang ? `The words kit writes in ${lang} (headings, labels) use ${named}; no embedded font draws ${group.chars.length === 1 ? 'it' : 'them'}` : `No embedded font draws ${named}`
    problems.warn({
      code: 'KIT_NO_GLYPH',
      message: `${subject}: ${group.chars.length === 1 ? 'it' : 'they'} would print as an empty box or in whatever font the machine has.`,
      hint: pkg
        ? `Install the font for this script: npm install -D ${pkg} (kit embeds it once it is installed).`
        : `No font kit knows draws ${group.chars.length === 1 ? 'this character' : 'these characters'}: add a font package that does to templates/theme/fonts.json (see docs/fonts.md), or write the text without ${group.chars.length === 1 ? 'it' : 'them'}.`,
      location: { file, line: group.line, column: group.column },
    })
  }
}

/** Each character of `wanted` in the text, with the line and column (1-based, UTF-16) where it first appears. */
function firstPlaces(text: string, wanted: Set<string>): Map<string, { line: number; column: number }> {
  const places = new Map<string, { line: number; column: number }>()
  let line = 1
  let lineStart = 0
  let offset = 0
  for (const char of text) {
    if (char === '\n') {
      line++
      lineStart = offset + 1
    } else if (wanted.has(char) && !places.has(char)) places.set(char, { line, column: offset - lineStart + 1 })
    offset += char.length
  }
  return places
}

/** The package of the first family (the language's first) that would draw the character but is not installed. */
function packageFor(families: readonly FontFamily[], char: string, language: string): string | undefined {
  const candidates = families.filter((f) => f.scripts && !f.installed && f.package && mayDraw(f, char))
  const preferred = candidates.find((f) => prefers(f, language)) ?? candidates[0]
  return preferred?.package
}
