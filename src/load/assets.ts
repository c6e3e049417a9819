import path from 'node:path'
import type { ImageRef } from './module-images.ts'
import { closest } from '../core/closest.ts'
import type { Problem, Problems, SourceLocation } from '../core/problems.ts'
import type { InputLog } from './input-log.ts'

/**
 * Reads the images an edition uses. Every path is resolved (symlinks too)
 * inside the project root; anything outside is refused, never read.
 */
export async function readImages(root: string, refs: ImageRef[], problems: Problems, inputs: InputLog): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>()
  const realRoot = (await inputs.realpath(root)) ?? root
  for (const ref of refs) {
    const absolute = path.join(root, ref.projectPath)
    const real = await inputs.realpath(absolute)
    if (!real) {
      const siblings = (await inputs.list(path.dirname(absolute))).filter((e) => !e.isDirectory()).map((e) => e.name)
      problems.add(missingImage(ref.projectPath, siblings, ref.location))
      continue
    }
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
      problems.add({
        code: 'KIT_PATH_OUTSIDE',
        message: `The image ${ref.projectPath} resolves to ${real}, outside the project.`,
        hint: 'Copy the file into content/assets/ instead of linking to it.',
        location: ref.location,
      })
      continue
    }
    const bytes = await inputs.read(real)
    if (bytes) files.set(ref.editionPath, bytes)
  }
  return files
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
