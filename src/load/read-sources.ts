import { stat } from 'node:fs/promises'
import path from 'node:path'
import type { InputLog } from './input-log.ts'
import { positionAt } from '../core/positions.ts'
import type { Problems } from '../core/problems.ts'
import { parse } from 'yaml'
import { knownLanguage, pairTranslations, translationTag, type TranslationText } from './translation-files.ts'

/** One decoded text file of the project. `path` is relative to the root. */
export interface SourceText {
  path: string
  text: string
}

/** Every text source of a workshop, read from disk once per run. */
export interface SourceSet {
  root: string
  workshop?: SourceText
  modules: SourceText[]
  exercises: SourceText[]
  quiz: SourceText[]
  glossary?: SourceText
  /** Translations beside the sources (`04-x.de.md`, `glossary.de.yaml`, `workshop.de.yaml`), each paired with its source. */
  translations?: TranslationText[]
}

/** Where sources live inside a project (docs/authoring.md). */
export const LAYOUT = {
  workshop: 'content/workshop.yaml',
  modules: 'content/modules',
  quiz: 'content/quiz',
  glossary: 'content/glossary.yaml',
  exercises: 'exercises',
  assets: 'content/assets',
  templates: 'templates',
} as const

/**
 * Decodes a file's bytes as UTF-8 text: strips a BOM, turns CRLF into LF,
 * and reports binary or invalid UTF-8 content instead of garbling it.
 */
export function decodeSource(bytes: Uint8Array, file: string, problems: Problems): string | undefined {
  if (bytes.includes(0)) {
    problems.add({
      code: 'KIT_BINARY_FILE',
      message: `${file} is a binary file, not text.`,
      hint: 'Only UTF-8 text belongs in content/ and exercises/; move binary files to content/assets/.',
      location: { file },
    })
    return undefined
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    const offset = firstInvalidUtf8(bytes)
    const before = Buffer.from(bytes.subarray(0, offset)).toString('utf8')
    problems.add({
      code: 'KIT_ENCODING',
      message: `${file} is not valid UTF-8 (first bad byte at offset ${offset}).`,
      hint: 'Save the file as UTF-8 in your editor.',
      location: { file, ...positionAt(before, before.length) },
    })
    return undefined
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
}

/** Offset of the first byte that does not start a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i] ?? 0
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0
    if (length === 0) return i
    for (let k = 1; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i
    i += length
  }
  return i
}

/**
 * The largest source file kit reads. A 2 MiB markdown file is hundreds of
 * dense slides; beyond that it is a mistake (a pasted log, a data dump), and
 * printing it would cost the browser gigabytes.
 */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024

/**
 * Reads every source of the workshop rooted at `root`; every read goes into
 * `log`. `catalogueLanguages` are the languages kit has words for: with those
 * workshop.yaml declares, they tell translations (`x.de.md`) from sources
 * whose name has a dot (`05-vms.vs.md`).
 */
export async function readSources(root: string, problems: Problems, log: InputLog, catalogueLanguages: Iterable<string>): Promise<SourceSet> {
  const readOne = async (rel: string): Promise<SourceText | undefined> => {
    // A file too large is refused before it is read (a build with an error records nothing).
    const size = (await stat(path.join(root, rel)).catch(() => undefined))?.size ?? 0
    if (size > MAX_SOURCE_BYTES) {
      problems.add({
        code: 'KIT_FILE_TOO_LARGE',
        message: `${rel} is ${(size / 1024 / 1024).toFixed(1)} MiB; kit reads source files up to ${MAX_SOURCE_BYTES / 1024 / 1024} MiB.`,
        hint: 'Split it into several modules, or move data (logs, listings) into an asset or a link.',
        location: { file: rel },
      })
      return undefined
    }
    const bytes = await log.read(path.join(root, rel))
    if (!bytes) return undefined
    const text = decodeSource(bytes, rel, problems)
    return text === undefined ? undefined : { path: rel, text }
  }
  const readDir = async (dir: string, ext: string): Promise<SourceText[]> => {
    const files: SourceText[] = []
    for (const entry of await log.list(path.join(root, dir))) {
      if (!entry.name.endsWith(ext) || entry.isDirectory()) continue
      const file = await readOne(`${dir}/${entry.name}`)
      if (file) files.push(file)
    }
    return files
  }
  const workshop = await readOne(LAYOUT.workshop)
  if (!workshop && !problems.list.some((p) => p.location?.file === LAYOUT.workshop)) {
    problems.add({
      code: 'KIT_NO_WORKSHOP',
      message: `No ${LAYOUT.workshop} in ${root}.`,
      hint: 'Run kit from the root of a workshop project, or pass --root.',
    })
  }
  const isLanguage = knownLanguage(declaredLanguages(workshop?.text), catalogueLanguages)
  const modules = pairTranslations(await readDir(LAYOUT.modules, '.md'), 'module', problems, isLanguage)
  const exercises = pairTranslations(await readDir(LAYOUT.exercises, '.md'), 'exercise', problems, isLanguage)
  const quiz = pairTranslations(await readDir(LAYOUT.quiz, '.yaml'), 'quiz', problems, isLanguage)
  const glossary = await readOne(LAYOUT.glossary)
  const translations = [...modules.translations, ...exercises.translations, ...quiz.translations]
  // glossary.<lang>.yaml and workshop.<lang>.yaml sit in content/ itself.
  for (const entry of await log.list(path.join(root, 'content'))) {
    const tag = entry.isDirectory() ? undefined : translationTag(`content/${entry.name}`)
    const kind = tag?.source === LAYOUT.glossary ? 'glossary' : tag?.source === LAYOUT.workshop ? 'workshop' : undefined
    if (!tag || !kind || !isLanguage(tag.lang)) continue
    if (kind === 'glossary' && !glossary) {
      pairTranslations([{ path: `content/${entry.name}`, text: '' }], kind, problems, isLanguage)
      continue
    }
    const file = await readOne(`content/${entry.name}`)
    if (file) translations.push({ ...file, lang: tag.lang, source: tag.source, kind })
  }
  return { root, workshop, modules: modules.sources, exercises: exercises.sources, quiz: quiz.sources, glossary, translations }
}

/** The languages workshop.yaml names (`language`, `languages`), read leniently: its own problems are reported when it is loaded. */
function declaredLanguages(workshopText: string | undefined): string[] {
  try {
    const value = parse(workshopText ?? '', { logLevel: 'silent' }) as { language?: unknown; languages?: unknown } | null
    return [value?.language, ...(Array.isArray(value?.languages) ? value.languages : [])].filter((l): l is string => typeof l === 'string')
  } catch {
    return []
  }
}
