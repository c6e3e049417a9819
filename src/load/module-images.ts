import type { Marp } from '@marp-team/marp-core'
import type { Module } from './module.ts'
import { LAYOUT } from './read-sources.ts'
import { encodeUrlPath, findReferences, parseForReferences, replaceReferences, resolveTarget } from './references.ts'
import type { Problems, SourceLocation } from '../core/problems.ts'

/**
 * Local images referenced from markdown. Paths are written relative to the
 * file that uses them (so Marp's own preview finds them); in an edition they
 * are copied to `assets/` next to slides.md and inlined into HTML outputs.
 */
export interface ImageRef {
  /** Path relative to the project root. */
  projectPath: string
  /** Path relative to an edition folder (`assets/...`). */
  editionPath: string
  /** Where it is first referenced. */
  location: SourceLocation
}

/** Project path → path inside an edition folder. */
export function editionAssetPath(projectPath: string): string {
  const prefix = `${LAYOUT.assets}/`
  return projectPath.startsWith(prefix) ? `assets/${projectPath.slice(prefix.length)}` : `assets/_/${projectPath}`
}

/**
 * The images a module uses, as edition assets. Problems (remote images,
 * paths leaving the project, malformed escapes) are reported at the line and
 * column of the URL in the module's own file.
 */
export function moduleImages(module: Pick<Module, 'file' | 'references'>, problems: Problems): ImageRef[] {
  const images = new Map<string, ImageRef>()
  for (const ref of module.references) {
    if (ref.kind !== 'image') continue
    const target = resolveTarget(ref.url, module.file)
    if (target.kind === 'local') {
      if (!images.has(target.projectPath)) images.set(target.projectPath, { projectPath: target.projectPath, editionPath: editionAssetPath(target.projectPath), location: ref.location })
    } else if (target.kind === 'remote') {
      problems.add({ code: 'KIT_REMOTE_IMAGE', message: `Remote image ${ref.url}: the kit must work offline.`, location: ref.location })
    } else if (target.kind === 'outside') {
      problems.add({ code: 'KIT_PATH_OUTSIDE', message: `The image path ${ref.url} points outside the project.`, location: ref.location })
    } else if (target.kind === 'malformed') {
      problems.add({ code: 'KIT_BAD_URL', message: `The image path ${ref.url} cannot be read: ${target.reason}.`, location: ref.location })
    }
  }
  return [...images.values()]
}

/**
 * Points the local images of `markdown` (a module's text as it goes into a
 * deck, written in `file`) at their edition paths, as `marp` (made by
 * createMarp) parses it. Code blocks and every other byte stay as they are.
 */
export function rewriteImages(markdown: string, file: string, marp: Marp): string {
  return replaceReferences(markdown, findReferences(parseForReferences(marp, markdown), markdown, file), (ref) => {
    if (ref.kind !== 'image') return undefined
    const target = resolveTarget(ref.url, file)
    return target.kind === 'local' ? encodeUrlPath(editionAssetPath(target.projectPath)) : undefined
  })
}
