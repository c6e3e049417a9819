import { existsSync } from 'node:fs'
import path from 'node:path'
import { LAYOUT } from './read-sources.ts'

/**
 * The project a command run without `--root` works on: the nearest folder,
 * from `cwd` up, that holds content/workshop.yaml, so that `kit new` run in
 * content/modules/ still writes into the project's content/modules/. When no
 * folder up the tree has one, `cwd` itself (whose missing workshop.yaml is
 * then reported as usual).
 */
export function findProjectRoot(cwd: string): string {
  let dir = path.resolve(cwd)
  for (;;) {
    if (existsSync(path.join(dir, LAYOUT.workshop))) return dir
    const parent = path.dirname(dir)
    if (parent === dir) return path.resolve(cwd)
    dir = parent
  }
}
