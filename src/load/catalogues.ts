import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { KIT_ROOT } from '../core/kit-root.ts'
import { BASE_LANGUAGE, flattenCatalogue, messageError, type Catalogue } from '../core/messages.ts'
import { Problems, type Problem, type SourceLocation } from '../core/problems.ts'
import type { InputLog } from './input-log.ts'
import { decodeSource, LAYOUT } from './read-sources.ts'
import { parseYamlSource } from './yaml-source.ts'

/**
 * The message catalogues: kit's templates/i18n/<lang>.yaml, with a project's
 * own file of the same name merged over kit's key by key (a project may
 * override one word or add a language). Every file is recorded in the input
 * log, so editing a word rebuilds; a message that does not parse is an
 * error at its line.
 */

export const CATALOGUE_DIR = `${LAYOUT.templates}/i18n`

export interface CatalogueFile {
  /** The language tag, from the file name (pt-BR.yaml → pt-BR). */
  lang: string
  /** Project-relative path, templates/i18n/<lang>.yaml. */
  path: string
  origin: 'kit' | 'project'
  messages: Catalogue
  /** The file's text, for code frames. */
  source: string
  /** Where a key's message is written. */
  locate(key: string): SourceLocation
}

export interface Catalogues {
  files: CatalogueFile[]
  /** Language tag → kit's messages with the project's over them. */
  merged: Map<string, Catalogue>
}

export async function readCatalogues(root: string, inputs: InputLog, problems: Problems): Promise<Catalogues> {
  const files: CatalogueFile[] = []
  for (const [base, origin] of root === KIT_ROOT
    ? ([[KIT_ROOT, 'kit']] as const)
    : ([
        [KIT_ROOT, 'kit'],
        [root, 'project'],
      ] as const)) {
    for (const entry of await inputs.list(path.join(base, CATALOGUE_DIR))) {
      if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue
      const rel = `${CATALOGUE_DIR}/${entry.name}`
      const bytes = await inputs.read(path.join(base, rel))
      const text = bytes && decodeSource(bytes, rel, problems)
      const file = text === undefined ? undefined : parseCached(text, rel, origin, problems)
      if (file) files.push(file)
    }
  }
  return { files, merged: mergeCatalogues(files) }
}

/** Parsed catalogues by their text: kit's own files are the same for every project a process loads. */
const parsed = new Map<string, { file?: CatalogueFile; problems: Problem[] }>()

function parseCached(text: string, path: string, origin: CatalogueFile['origin'], problems: Problems): CatalogueFile | undefined {
  const key = `${origin}\0${path}\0${text}`
  let entry = parsed.get(key)
  if (!entry) {
    const own = new Problems()
    entry = { file: parseCatalogue(text, path, origin, own), problems: own.list }
    if (parsed.size > 64) parsed.clear()
    parsed.set(key, entry)
  }
  problems.push(...entry.problems)
  return entry.file
}

/** One catalogue file with positions; each message that ICU cannot parse is an error at its line. */
export function parseCatalogue(text: string, file: string, origin: CatalogueFile['origin'], problems: Problems): CatalogueFile | undefined {
  const yaml = parseYamlSource(text, file, problems)
  if (!yaml) return undefined
  const lang = path.basename(file).replace(/\.ya?ml$/, '')
  const messages = flattenCatalogue(yaml.value)
  const locate = (key: string) => yaml.locate(key.split('.'))
  for (const [key, message] of Object.entries(messages)) {
    const error = messageError(message, lang)
    if (!error) continue
    problems.add({
      code: 'KIT_I18N_MESSAGE',
      message: `The message "${key}" in ${file} is not a valid ICU message (${error.reason}).`,
      hint: 'Write values as {name}, plurals as {count, plural, one {# item} other {# items}}; a literal brace or apostrophe is quoted with an apostrophe.',
      location: locate(key),
    })
  }
  return { lang, path: file, origin, messages, source: text, locate }
}

/** Kit's files first, each project file's keys over them. */
export function mergeCatalogues(files: readonly CatalogueFile[]): Map<string, Catalogue> {
  const merged = new Map<string, Catalogue>()
  for (const file of [...files].sort((a, b) => (a.origin === b.origin ? 0 : a.origin === 'kit' ? -1 : 1))) {
    merged.set(file.lang, { ...merged.get(file.lang), ...file.messages })
  }
  return merged
}

let kitOnly: Map<string, Catalogue> | undefined

/**
 * Kit's own catalogues, read once, for code that loads content without a
 * project around it (the API's loadContent, tests).
 */
export function kitCatalogues(): Map<string, Catalogue> {
  if (kitOnly) return kitOnly
  kitOnly = new Map()
  const dir = path.join(KIT_ROOT, CATALOGUE_DIR)
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
    kitOnly.set(name.replace(/\.ya?ml$/, ''), flattenCatalogue(parse(readFileSync(path.join(dir, name), 'utf8'))))
  }
  if (!kitOnly.has(BASE_LANGUAGE)) throw new Error(`kit's ${CATALOGUE_DIR}/${BASE_LANGUAGE}.yaml is missing`)
  return kitOnly
}
