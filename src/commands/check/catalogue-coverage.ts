import { closest } from '../../core/closest.ts'
import { BASE_LANGUAGE, lookupChain } from '../../core/messages.ts'
import { CATALOGUE_DIR, type CatalogueFile } from '../../load/catalogues.ts'
import type { Problems, SourceLocation } from '../../core/problems.ts'
import { languagesOf } from '../../load/translations.ts'
import type { Project } from '../../load/project.ts'
import { sectionWords } from '../../load/exercise.ts'

/**
 * The catalogues against each language the workshop is built in: a language
 * without a catalogue, each key its catalogues lack (the word is English in
 * the outputs), and keys in a project's catalogue that kit does not use.
 */
export function checkCatalogues(project: Project, problems: Problems): void {
  const { files, merged } = project.catalogues
  const english = Object.keys(merged.get(BASE_LANGUAGE) ?? {})
  for (const file of files.filter((f) => f.origin === 'project')) warnUnknownKeys(file, english, problems)
  const languages = languagesOf(project.content)
  for (const [i, lang] of languages.entries()) {
    const at = lang === project.content.workshop.language ? ['language'] : ['languages', i]
    const line = project.content.locateWorkshop?.(at) ?? { file: 'content/workshop.yaml' }
    checkLanguage(project, lang, english, line, problems)
    checkSectionWords(project, lang, line, problems)
  }
}

/** Each exercise section needs its own heading in the language: a word two sections share, or an empty one, cannot tell them apart. */
function checkSectionWords(project: Project, lang: string, languageLine: SourceLocation, problems: Problems): void {
  const { t } = project.content.messages.inLanguage(lang)
  for (const { name, key, other } of sectionWords(t).clashes) {
    const file = project.catalogues.files.find((f) => f.origin === 'project' && lookupChain(lang).includes(lookupChain(f.lang)[0] ?? '') && key in f.messages)
    problems.warn({
      code: 'KIT_I18N_SECTION',
      message: other
        ? `In ${lang}, the exercise sections "${name}" and "${other}" have the same heading "${t(key)}": a heading with it names "${other}".`
        : `In ${lang}, the exercise section "${name}" has an empty heading (${key}).`,
      hint: `Give ${key} its own word${file ? ` in ${file.path}` : ''}.`,
      location: file ? file.locate(key) : languageLine,
    })
  }
}

function checkLanguage(project: Project, lang: string, english: readonly string[], languageLine: SourceLocation, problems: Problems): void {
  const { files } = project.catalogues
  const chain = lookupChain(lang)
  if (chain[0]?.split('-')[0] === BASE_LANGUAGE) return
  const own = chain.filter((tag) => tag !== BASE_LANGUAGE)
  const canonical = (tag: string) => lookupChain(tag)[0]
  const chainFiles = files.filter((f) => own.includes(canonical(f.lang) ?? ''))
  if (chainFiles.length === 0) {
    problems.warn({
      code: 'KIT_I18N_NO_CATALOGUE',
      message: `No catalogue for the language ${lang}: every word kit generates (headings, labels, generated slides) is English.`,
      hint: `Copy kit's ${CATALOGUE_DIR}/${BASE_LANGUAGE}.yaml to ${CATALOGUE_DIR}/${own.at(-1)}.yaml in the project and translate its values (docs/languages.md).`,
      location: languageLine,
    })
    return
  }
  const has = new Set(chainFiles.flatMap((f) => Object.keys(f.messages)))
  const projectFile = own.map((tag) => chainFiles.find((f) => f.origin === 'project' && canonical(f.lang) === tag)).find(Boolean)
  for (const key of english.filter((k) => !has.has(k))) {
    problems.warn({
      code: 'KIT_I18N_MISSING',
      message: `The message "${key}" has no ${lang} translation; it is English in the outputs.`,
      hint: `Add ${key} to ${projectFile?.path ?? `${CATALOGUE_DIR}/${own.at(-1)}.yaml`} (kit's ${CATALOGUE_DIR}/${BASE_LANGUAGE}.yaml has the English text).`,
      location: projectFile ? { file: projectFile.path, line: 1, column: 1 } : languageLine,
    })
  }
}

function warnUnknownKeys(file: CatalogueFile, english: readonly string[], problems: Problems): void {
  const known = new Set(english)
  for (const key of Object.keys(file.messages).filter((k) => !known.has(k))) {
    const near = closest(key, english)
    problems.warn({
      code: 'KIT_I18N_UNKNOWN_KEY',
      message: `${file.path} has the key "${key}", which kit does not use${near ? `; did you mean "${near}"?` : '.'}`,
      hint: near ? `Rename it to ${near}.` : `The keys are those of kit's ${CATALOGUE_DIR}/${BASE_LANGUAGE}.yaml.`,
      location: file.locate(key),
    })
  }
}
