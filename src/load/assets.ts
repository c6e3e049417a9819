import path from 'node:path'
import type { ImageRef } from './module-images.ts'
import { closest } from '../core/closest.ts'
import type { Problem, Problems, SourceLocation } from '../core/problems.ts'
import { readInside } from './contained.ts'
import type { InputLog } from './input-log.ts'

/**
 * Reads the images an edition uses. Every path is resolved (symlinks too)
 * inside the project root; anything outside is refused, never read, and a
 * file that is there but cannot be read is a problem at its reference.
 */
export async function readImages(root: string, refs: ImageRef[], problems: Problems, inputs: InputLog): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>()
  for (const ref of refs) {
    const absolute = path.join(root, ref.projectPath)
    const got = await readInside(absolute, [root], inputs)
    if (got.kind === 'read') files.set(ref.editionPath, got.bytes)
    else if (got.kind === 'missing') {
      const siblings = (await inputs.list(path.dirname(absolute))).filter((e) => !e.isDirectory()).map((e) => e.name)
      problems.add(missingImage(ref.projectPath, siblings, ref.location))
    } else if (got.kind === 'outside') {
      problems.add({
        code: 'KIT_PATH_OUTSIDE',
        message: `The image ${ref.projectPath} resolves to ${got.real ?? absolute}, outside the project.`,
        hint: 'Copy the file into content/assets/ instead of linking to it.',
        location: ref.location,
      })
    } else problems.add(unreadable(`The image ${ref.projectPath}`, got.reason, ref.location))
  }
  return files
}

/** A file that is there but cannot be read (a folder, no permission): never dropped in silence. */
export function unreadable(what: string, reason: string, location: SourceLocation): Omit<Problem, 'severity'> {
  return { code: 'KIT_UNREADABLE', message: `${what} cannot be read: ${reason}.`, location }
}

/**
 * The problem for an image file that does not exist, with the nearest file
 * name in its folder as the likely fix. `kit check` and the build both use
 * it, so the same mistake reads the same and is reported once.
 */
export function missingImage(projectPath: string, siblings: string[], location: SourceLocation): Omit<Problem, 'severity'> {
  const name = path.posix.basename(projectPath)
  const guess = closest(name, siblings)
  return {
    code: 'KIT_MISSING_IMAGE',
    message: `The image ${projectPath} does not exist${guess ? `; did you mean ${guess}?` : '.'}`,
    hint: guess ? `${path.posix.dirname(projectPath)}/ has ${guess}; fix the file name in the reference.` : 'Check the file name and that the path is relative to the markdown file.',
    location,
  }
}
