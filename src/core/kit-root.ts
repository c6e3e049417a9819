import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The kit's own folder: its templates serve projects that have none; its
 * code and lockfile version every build. Written as `path.resolve` writes a
 * folder (no trailing separator), so a project root compares equal to it.
 */
export const KIT_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)))
