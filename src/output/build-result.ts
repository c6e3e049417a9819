import type { Problem } from '../core/problems.ts'

/**
 * What a build returns to its caller (the CLI, `kit dev`, the API) and
 * what the no-op build reports again from its record.
 */

/** One output file: made by the browser now, taken from the cache, or rendered as text. */
export interface BuiltFile {
  path: string
  bytes: number
  pages?: number
  origin: 'built' | 'cached' | 'rendered'
  seconds: number
}

export interface BuildResult {
  editions: { id: string; files: BuiltFile[] }[]
  warnings: Problem[]
  /** Browser jobs (slide decks, printed documents) built now or taken from the cache. */
  artefacts: { built: number; cached: number; browserLaunched: boolean }
  seconds: number
  /** Nothing changed since the last build with these options: nothing was rebuilt or written. */
  upToDate?: boolean
}

/** A finished output file of an edition, before it is written. */
export interface OutputFile {
  data: string | Uint8Array
  pages?: number
  origin: BuiltFile['origin']
  seconds: number
}

/** How many editions a result holds: each is listed once per audience set (`learner/short`, `instructor/short`). */
export function editionCount(result: Pick<BuildResult, 'editions'>): number {
  return new Set(result.editions.map((e) => e.id.replace(/^(learner|instructor)\//, ''))).size
}

/** The files of each edition as the result lists them. */
export function builtFiles(files: ReadonlyMap<string, OutputFile>): BuiltFile[] {
  return [...files].map(([p, f]) => ({ path: p, bytes: byteLength(f.data), pages: f.pages, origin: f.origin, seconds: f.seconds }))
}

export function byteLength(data: string | Uint8Array): number {
  return typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength
}
