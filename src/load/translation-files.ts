import type { Problems } from '../core/problems.ts'

/**
 * Translations sit beside their source with a language tag before the
 * extension: `04-side-by-side.de.md` translates `04-side-by-side.md`,
 * `glossary.pt-BR.yaml` translates `glossary.yaml`. A tag is a BCP 47 tag
 * as people write them: a language, then optionally a script and a region.
 */
const TAGGED = /^(.+)\.([a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?)\.(md|yaml)$/

/** What kind of source a translation translates. */
export type TranslationKind = 'module' | 'exercise' | 'quiz' | 'glossary' | 'workshop'

/** Front matter keys a translation takes from its source rather than translating them. */
export const INHERITED_KEYS: Partial<Record<TranslationKind, string[]>> = {
  module: ['id', 'duration', 'level', 'tags', 'sources', 'volatile'],
  exercise: ['id', 'duration', 'level', 'modules', 'requires', 'images'],
}

/** One translation file, paired with its source. */
export interface TranslationText {
  path: string
  text: string
  lang: string
  /** The source's path, relative to the project root. */
  source: string
  kind: TranslationKind
}

/** `content/modules/04-x.de.md` → the source `content/modules/04-x.md` in `de`; undefined for a file without a tag. */
export function translationTag(file: string): { source: string; lang: string } | undefined {
  const slash = file.lastIndexOf('/')
  const match = TAGGED.exec(file.slice(slash + 1))
  if (!match) return undefined
  return { source: `${file.slice(0, slash + 1)}${match[1]}.${match[3]}`, lang: match[2] ?? '' }
}

/** The path of `source`'s translation into `lang`. */
export function translationPath(source: string, lang: string): string {
  return source.replace(/\.(md|yaml)$/, `.${lang}.$1`)
}

/**
 * Whether `tag` names a language a project may translate into: one its
 * workshop.yaml declares (`language`, `languages`), or one kit has words for
 * (a catalogue in templates/i18n/ for the tag or its language). So
 * `05-vms.vs.md` is a module of its own, not a translation into "vs".
 */
export function knownLanguage(declared: Iterable<string>, catalogues: Iterable<string>): (tag: string) => boolean {
  const known = new Set([...declared, ...catalogues].map((t) => t.toLowerCase()))
  return (tag) => known.has(tag.toLowerCase()) || known.has(tag.split('-')[0]?.toLowerCase() ?? '')
}

/**
 * Splits the files of one folder into sources and translations (a file
 * tagged with a language `isLanguage` knows). A tagged file whose source is
 * not there is left out with a warning: loading it as a source of its own
 * would give the workshop a second copy of a module.
 */
export function pairTranslations<T extends { path: string; text: string }>(
  files: T[],
  kind: TranslationKind,
  problems: Problems,
  isLanguage: (tag: string) => boolean,
): { sources: T[]; translations: TranslationText[] } {
  const paths = new Set(files.map((f) => f.path))
  const sources: T[] = []
  const translations: TranslationText[] = []
  for (const file of files) {
    const tag = translationTag(file.path)
    if (!tag || !isLanguage(tag.lang)) sources.push(file)
    else if (paths.has(tag.source)) translations.push({ path: file.path, text: file.text, lang: tag.lang, source: tag.source, kind })
    else {
      problems.warn({
        code: 'KIT_TRANSLATION_NO_SOURCE',
        message: `${file.path} looks like the ${tag.lang} translation of ${tag.source}, which does not exist; it is not used.`,
        hint: `Rename it to match its source (the source's name with .${tag.lang} before the extension), or remove the language tag if it is a source of its own.`,
        location: { file: file.path, line: 1, column: 1 },
      })
    }
  }
  return { sources, translations }
}
