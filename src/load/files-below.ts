import { readdir } from 'node:fs/promises'
import path from 'node:path'

/** Every file below `dir`, as paths relative to it with `/` between folders, sorted; none when `dir` does not exist. */
export async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort()
}
