import type { SourceLocation } from '../../core/problems.ts'
import type { Module } from '../../load/module.ts'
import type { DeckPart } from './assemble-deck.ts'

/**
 * Where slide `index` of an assembled deck comes from: a module's slide
 * (with the file and line it starts at) or a slide kit generated (title,
 * agenda, divider, knowledge check…). Every problem found on a rendered
 * slide (overflow, contrast, a PPTX picture) points back through this.
 */
export interface SlideSource {
  part?: DeckPart
  module?: Module
  /** The module's slide: file and line; undefined for a generated slide. */
  location?: SourceLocation
  /** How the report names the slide: "slide 3 of 01-why.md", or "the agenda slide (slide 2 of talk/slides)". */
  label: string
}

export function slideSource(index: number, parts: readonly DeckPart[], modules: readonly Module[], output: string): SlideSource {
  const part = parts.find((p) => index >= p.first && index < p.first + p.count)
  const module = part?.kind === 'module' ? modules.find((m) => m.id === part.moduleId) : undefined
  if (part && module) {
    const k = index - part.first
    const file = module.file.split('/').pop() ?? module.file
    return { part, module, location: { file: module.file, line: module.slideLines[k] ?? 1, column: 1 }, label: `Slide ${k + 1} of ${file}` }
  }
  return { part, label: `Slide ${index + 1} of ${output}${part ? ` (a generated ${part.kind} slide)` : ''}` }
}
