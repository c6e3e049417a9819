import path from 'node:path'
import { isPathInside } from '../core/path-inside.ts'
import type { InputLog } from './input-log.ts'

/**
 * The one way kit reads a file that content, templates or an imported deck
 * name: the path must lie inside one of `roots`, first as written (a path
 * that climbs out is refused without touching the disk), then with every
 * symlink resolved (a link inside the project to a file outside is refused
 * too). Only then is the file read.
 */
export type ContainedRead = { kind: 'read'; bytes: Buffer; real: string } | { kind: 'outside'; real?: string } | { kind: 'missing' } | { kind: 'unreadable'; reason: string }

export async function readInside(target: string, roots: readonly string[], inputs: InputLog): Promise<ContainedRead> {
  const found = await resolveInside(target, roots, inputs)
  if (found.kind !== 'inside') return found
  const read = await inputs.readOrWhy(found.real)
  if ('bytes' in read) return { kind: 'read', bytes: read.bytes, real: found.real }
  return read.reason ? { kind: 'unreadable', reason: read.reason } : { kind: 'missing' }
}

/** Where `target` really is, when it lies inside one of `roots` (symlinks resolved); nothing is read. */
export async function resolveInside(target: string, roots: readonly string[], inputs: InputLog): Promise<{ kind: 'inside'; real: string } | { kind: 'outside'; real?: string } | { kind: 'missing' }> {
  const absolute = path.resolve(target)
  if (!roots.some((root) => isPathInside(absolute, path.resolve(root)))) return { kind: 'outside' }
  const real = await inputs.realpath(absolute)
  if (!real) return { kind: 'missing' }
  for (const root of roots) {
    const realRoot = (await inputs.realpath(root)) ?? path.resolve(root)
    if (isPathInside(real, realRoot)) return { kind: 'inside', real }
  }
  return { kind: 'outside', real }
}
