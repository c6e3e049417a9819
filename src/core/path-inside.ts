import path from 'node:path'

/** `path` itself, or `path.posix` for project paths, `path.win32` in tests. */
type PathApi = typeof path.posix

/**
 * Path containment, the lexical half: whether a path stays inside a root
 * once `.` and `..` are resolved, without asking the disk. The other half,
 * symlinks, needs the disk and lives in src/load/contained.ts; both answer
 * for every path that content, templates or an imported deck names.
 */

/** Whether a path relative to a root (as `path.relative` gives it) names the root or something below it. */
export function staysInside(relative: string, api: PathApi = path): boolean {
  const normal = api.normalize(relative || '.')
  if (api.isAbsolute(normal)) return false
  return normal !== '..' && !normal.startsWith(`..${api.sep}`)
}

/** Whether absolute `target` is `root` itself or below it. */
export function isPathInside(target: string, root: string, api: PathApi = path): boolean {
  return staysInside(api.relative(root, target), api)
}
