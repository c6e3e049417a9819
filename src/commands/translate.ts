import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { readCatalogues } from '../load/catalogues.ts'
import { InputLog } from '../load/input-log.ts'
import { readSources, type SourceText } from '../load/read-sources.ts'
import { translationPath, type TranslationText } from '../load/translation-files.ts'
import { copyPath, sourceHash, translatableText, writeMark } from '../load/translation-state.ts'
import { KitError, Problems, usageError } from '../core/problems.ts'
import type { Project } from '../load/project.ts'
import { editionsIn } from '../load/language-content.ts'
import { translationStates } from './check/stale-translations.ts'

/** One translation marked by `kit translate --mark`. */
export interface Marked {
  file: string
  hash: string
  copy: string
  /** False when the file already carried this mark (only the copy was written). */
  changed: boolean
}

/**
 * `kit translate --mark LANG [FILE…]`: records in each translation into
 * LANG (or only those named, by their own path or their source's) the hash
 * of its source's text now, and keeps a copy of that text in
 * translated-from/LANG/, so that `kit check` can later show what changed.
 * Only the mark's line of each translation is written.
 */
export async function markTranslations(root: string, lang: string, files: string[]): Promise<Marked[]> {
  const problems = new Problems()
  const inputs = new InputLog()
  const sources = await readSources(root, problems, inputs, (await readCatalogues(root, inputs, problems)).merged.keys())
  if (problems.errors.length > 0) throw new KitError(problems.list)
  const all = (sources.translations ?? []).filter((t) => t.lang === lang)
  const texts = new Map<string, SourceText>([sources.workshop, sources.glossary, ...sources.modules, ...sources.exercises, ...sources.quiz].flatMap((f) => (f ? [[f.path, f]] : [])))
  const chosen = files.length === 0 ? all : files.map((f) => namedTranslation(root, f, lang, all))
  if (chosen.length === 0)
    throw usageError(
      'KIT_UNKNOWN_LANGUAGE',
      `There are no ${lang} translations to mark.`,
      `A translation sits beside its source with the language before the extension, e.g. ${translationPath('content/modules/01-intro.md', lang)}.`,
    )
  const marked: Marked[] = []
  for (const file of chosen) {
    const source = texts.get(file.source)?.text ?? ''
    const hash = sourceHash(file.kind, source)
    const absolute = path.join(root, file.path)
    const raw = await readFile(absolute, 'utf8')
    const next = writeMark(file.kind, raw, hash)
    if (next !== raw) await writeFile(absolute, next)
    const copy = copyPath(lang, file.source)
    await mkdir(path.dirname(path.join(root, copy)), { recursive: true })
    await writeFile(path.join(root, copy), translatableText(file.kind, source))
    marked.push({ file: file.path, hash, copy, changed: next !== raw })
  }
  return marked
}

/** A FILE argument: a translation's path or its source's, as typed (relative to the current folder). */
function namedTranslation(root: string, typed: string, lang: string, all: TranslationText[]): TranslationText {
  const rel = path.relative(root, path.resolve(typed)).split(path.sep).join('/')
  const found = all.find((t) => t.path === rel || t.source === rel)
  if (found) return found
  throw usageError('KIT_USAGE', `${typed} is not a ${lang} translation nor the source of one.`, `${lang} translations: ${all.map((t) => t.path).join(', ') || '(none)'}.`)
}

/** A row of `kit list --translations`: one translatable source, its state in each language. */
export interface TranslationRow {
  source: string
  states: Record<string, string>
}

/** The source files the editions of `lang` use: their modules, exercises and quiz files, the glossary and workshop.yaml. */
function usedIn(project: Project, lang: string): Set<string> {
  const { content } = project
  const ids = new Set(editionsIn(content, lang).flatMap((e) => e.items.filter((i): i is string => typeof i === 'string')))
  const used = new Set(['content/glossary.yaml', 'content/workshop.yaml'])
  for (const item of [...content.modules, ...content.exercises]) if (ids.has(item.id)) used.add(item.file)
  for (const q of content.quiz) if (ids.has(q.module)) used.add(content.translations?.questionFiles.get(q.id) ?? '')
  return used
}

/** Every translatable source × every language besides the source language: up to date, stale (n changed), not marked, missing, or not used by that language's editions. */
export async function translationTable(project: Project, languages: string[]): Promise<TranslationRow[]> {
  const { content } = project
  const others = languages.filter((l) => l !== content.workshop.language)
  const states = await translationStates(project)
  const sources = [...project.texts.keys()].filter((p) => /^(content\/(modules|quiz)\/|exercises\/)/.test(p) && !states.some((s) => s.file.path === p))
  if (project.texts.has('content/glossary.yaml')) sources.push('content/glossary.yaml')
  sources.push('content/workshop.yaml')
  return sources.sort().map((source) => ({
    source,
    states: Object.fromEntries(
      others.map((lang) => {
        const state = states.find((s) => s.file.source === source && s.file.lang === lang)
        if (!state) return [lang, usedIn(project, lang).has(source) ? 'missing' : 'not used']
        if (state.state !== 'stale') return [lang, state.state]
        return [lang, state.changes ? `stale (${state.changes.length} changed)` : 'stale']
      }),
    ),
  }))
}
