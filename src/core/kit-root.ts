import { fileURLToPath } from 'node:url'

/** The kit's own folder: its templates serve projects that have none; its code and lockfile version every build. */
export const KIT_ROOT = fileURLToPath(new URL('../..', import.meta.url))
