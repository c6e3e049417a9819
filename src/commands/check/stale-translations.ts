import type { Problems } from '../../core/problems.ts'
import type { Project } from '../../load/project.ts'
import type { TranslationText } from '../../load/translation-files.ts'
import { copyPath, translationState, unitsOf, type TranslationState, type Unit } from '../../load/translation-state.ts'

/** Diff lines shown in one hint; the rest is summed up. */
const MAX_DIFF_LINES = 40

/** Every translation of the project, with its state against its source now. */
export async function translationStates(project: Project): Promise<TranslationState[]> {
  const states: TranslationState[] = []
  for (const pack of project.content.translations?.packs.values() ?? []) {
    for (const file of pack.files) {
      const source = project.texts.get(file.source)
      if (source !== undefined) states.push(await translationState(project.root, file, source, project.marp))
    }
  }
  return states
}

/**
 * `kit check`'s translation checks: a translation never marked, one marked
 * from an older source (at its first slide, section or entry whose source
 * changed, with the diff), and a module translation with another slide count.
 */
export async function checkTranslations(project: Project, problems: Problems): Promise<void> {
  for (const state of await translationStates(project)) {
    const { file } = state
    const units = unitsOf(file.kind, file.text, file.path, project.marp)
    if (state.state === 'not marked') {
      problems.warn({
        code: 'KIT_TRANSLATION_NOT_MARKED',
        message: `${file.path} does not record which version of ${file.source} it translates, so kit cannot tell when it falls behind.`,
        hint: `When it is up to date with its source, run: kit translate --mark ${file.lang} ${file.path}`,
        location: { file: file.path, line: 1, column: 1 },
      })
    }
    if (state.state === 'stale') problems.warn(staleProblem(state, file, units))
    if (file.kind === 'module') slideCountProblem(file, units, project, problems)
    if (file.kind === 'exercise') sectionCountProblem(file, units, project, problems)
  }
}

function staleProblem(state: TranslationState, file: TranslationText, units: Unit[]) {
  const again = `Update the translation, then run: kit translate --mark ${file.lang} ${file.path}`
  const changes = state.changes
  if (!changes) {
    return {
      code: 'KIT_TRANSLATION_STALE' as const,
      message: `${file.path} is stale: ${file.source} changed since it was marked (${state.mark}).`,
      hint: `No copy of the marked source is in ${copyPath(file.lang, file.source)}, so the changes cannot be shown. ${again}`,
      location: { file: file.path, line: 1, column: 1 },
    }
  }
  const first = changes[0]
  const at = units.find((u) => u.name === first?.name) ?? units[Math.min(first?.index ?? 0, units.length - 1)]
  const lines = changes.flatMap((c) => c.diff.split('\n'))
  const shown = lines.slice(0, MAX_DIFF_LINES).map((l) => `    ${l}`)
  if (lines.length > MAX_DIFF_LINES) shown.push(`    … ${lines.length - MAX_DIFF_LINES} more lines (git diff --no-index ${copyPath(file.lang, file.source)} ${file.source})`)
  return {
    code: 'KIT_TRANSLATION_STALE' as const,
    message: `${file.path} is stale: ${file.source} changed since it was marked (${changes.map((c) => c.name).join(', ')}).`,
    hint: `${again}\n  What changed in ${file.source}:\n${shown.join('\n')}`,
    location: { file: file.path, line: at?.line ?? 1, column: 1 },
  }
}

/**
 * A module translation keeps its source's slides, in order. Slides are
 * compared by position, each by its shape (heading levels, images, code
 * blocks, tables in order); the first slide whose shape differs, or the
 * first slide one of them lacks, is where the two part.
 */
function slideCountProblem(file: TranslationText, units: Unit[], project: Project, problems: Problems): void {
  const slides = units.filter((u) => u.shape !== undefined)
  const source = unitsOf('module', project.texts.get(file.source) ?? '', file.source, project.marp).filter((u) => u.shape !== undefined)
  if (slides.length === source.length) return
  let i = 0
  while (i < slides.length && i < source.length && slides[i]?.shape === source[i]?.shape) i++
  const at = slides[Math.min(i, slides.length - 1)]
  const describe = (u: Unit | undefined) => (u ? u.shape || 'text only' : 'no such slide')
  problems.warn({
    code: 'KIT_TRANSLATION_SLIDES',
    message: `${file.path} has ${slides.length} slides, ${file.source} has ${source.length}; they part at slide ${i + 1} (source: ${describe(source[i])}; translation: ${describe(slides[i])}).`,
    hint: `Keep one translated slide per source slide, in the same order; slide ${i + 1} of ${file.source} starts at line ${source[i]?.line ?? source.at(-1)?.line ?? 1}.`,
    location: { file: file.path, line: at?.line ?? 1, column: 1 },
  })
}

/** An exercise translation's sections take their names from the source's by position, so both need as many. */
function sectionCountProblem(file: TranslationText, units: Unit[], project: Project, problems: Problems): void {
  const sections = units.filter((u) => u.name.startsWith('section '))
  const source = unitsOf('exercise', project.texts.get(file.source) ?? '', file.source, project.marp).filter((u) => u.name.startsWith('section '))
  if (sections.length === source.length) return
  // Sections are aligned by position and compared by their code blocks, the part a translation keeps as it is.
  const shape = (u: Unit | undefined) => (u?.text.match(/^(```|~~~)/gm) ?? []).length
  let i = 0
  while (i < sections.length - 1 && i < source.length && shape(sections[i]) === shape(source[i])) i++
  problems.warn({
    code: 'KIT_TRANSLATION_SLIDES',
    message: `${file.path} has ${sections.length} sections, ${file.source} has ${source.length}; its sections are then known by their headings alone (kit's section names, in English or in ${file.lang}).`,
    hint: `Keep one translated \`##\` section per source section, in the same order (${source.map((u) => u.name.replace(/^section \d+ /, '')).join(', ')}).`,
    location: { file: file.path, line: sections[i]?.line ?? 1, column: 1 },
  })
}
