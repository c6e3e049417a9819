import { realpath } from 'node:fs/promises'
import path from 'node:path'
import type { ImageRef } from '../assemble/images.ts'
import type { Problems } from '../problems.ts'
import type { InputLog } from './input-log.ts'

/**
 * Reads the images an edition uses. Every path is resolved (symlinks too)
 * inside the project root; anything outside is refused, never read.
 */
export async function readImages(root: string, refs: ImageRef[], problems: Problems, inputs: InputLog): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>()
  const realRoot = await realpath(root)
  for (const ref of refs) {
    const absolute = path.join(root, ref.projectPath)
    const real = await inputs.realpath(absolute)
    if (!real) {
      problems.add({
        code: 'KIT_MISSING_IMAGE',
        message: `The image ${ref.projectPath} does not exist.`,
        hint: 'Check the file name and that the path is relative to the markdown file.',
        location: ref.location,
      })
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
