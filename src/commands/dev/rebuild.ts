import type { Problem } from '../../core/problems.ts'
import { KitError } from '../../core/problems.ts'
import { loadProject } from '../../load/project.ts'
import type { BuildResult } from '../../output/build-result.ts'
import type { BuildOptions } from '../build.ts'
import { affectedEditions } from './affected-editions.ts'
import { problemsOf } from './report.ts'

/** The build `kit dev` runs (`kit build`'s; tests give another). */
export type BuildFunction = (options: BuildOptions) => Promise<BuildResult>

/** What one rebuild gave. */
export interface RebuildResult {
  ok: boolean
  seconds: number
  /** The editions rebuilt (only those a change affects). */
  editions: string[]
  /** The errors of a failed rebuild; the warnings of a good one. */
  problems: Problem[]
}

/**
 * One HTML build of `kit dev` into its private folder: the editions the
 * saved files affect (all of them after a failed build). It never throws:
 * whatever stops it, a content error or anything else, comes back as
 * problems, and the last good build stays where it was.
 */
export class Rebuilder {
  private failedBefore = false

  constructor(private readonly options: { root: string; out: string; build: BuildFunction }) {}

  async rebuild(files: string[]): Promise<RebuildResult> {
    const started = performance.now()
    const seconds = () => (performance.now() - started) / 1000
    const { root, out, build } = this.options
    try {
      const loaded = await loadProject(root)
      const { project, problems } = loaded
      if (!project) throw new KitError(problems.list)
      const editions = this.failedBefore ? [] : affectedEditions(project.content, files)
      const result = await build({ root, out, editions, formats: ['html'], zip: false, loaded })
      this.failedBefore = false
      return { ok: true, seconds: seconds(), editions: result.editions.map((e) => e.id), problems: result.warnings }
    } catch (error) {
      this.failedBefore = true
      return { ok: false, seconds: seconds(), editions: [], problems: problemsOf(error) }
    }
  }
}
