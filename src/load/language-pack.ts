import type { Exercise } from './exercise.ts'
import type { Module } from './module.ts'
import type { GlossaryEntry, Question, WorkshopTranslation } from './schemas.ts'
import type { TranslationText } from './translation-files.ts'

/**
 * Translations, parsed and paired with their sources. A translation
 * carries only the text: ids, durations, levels, tags, sources and the quiz
 * questions' modules come from the source, so the editions of every language
 * have the same shape.
 */
export interface LanguagePack {
  lang: string
  /** Translated modules and exercises, by their source's id (the id is the source's). */
  modules: Map<string, Module>
  exercises: Map<string, Exercise>
  /** Translated quiz questions, by id. */
  quiz: Map<string, Question>
  glossary?: GlossaryEntry[]
  workshop?: WorkshopTranslation
  files: TranslationText[]
}

export interface Translations {
  packs: Map<string, LanguagePack>
  /** Quiz question id → the source file it is written in. */
  questionFiles: Map<string, string>
}
