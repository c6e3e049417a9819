import path from 'node:path'
import type { BuildEvent } from '../core/build-events.ts'
import { KitError } from '../core/problems.ts'
import type { Format } from '../plan/edition-plan.ts'
import type { RenderedEdition } from '../render/edition.ts'
import type { Audience } from '../core/audience.ts'
import { Turns } from '../core/turns.ts'
import { noBrowserError } from './browser/find.ts'
import type { BrowserSession } from './browser/session.ts'
import { ArtefactCache, type CachedFile, type CachedResult } from './cache.ts'
import { exportJobs, SLIDE_SIZES, type ExportJob } from './jobs.ts'
import type { PptxMode } from './pptx/pptx.ts'

/**
 * Stage export: the browser artefacts of every edition (decks' PDF and
 * PPTX, printed documents). Each job's cache key is known before any
 * browser starts; what the cache has is taken from it, and only the rest
 * runs, two tabs at a time, in the run's one browser.
 */
export interface ArtefactWork {
  /** The jobs of each edition, in the order the editions were given. */
  jobs: ExportJob[][]
  results: Map<ExportJob, CachedResult & { origin: 'built' | 'cached'; seconds: number }>
  /** The jobs the cache did not have. */
  misses: ExportJob[]
  cache: ArtefactCache
}

/** A finished browser file with where it came from. */
export type ArtefactFile = CachedFile & { origin: 'built' | 'cached'; seconds: number }

export interface ArtefactOptions {
  root: string
  formats: readonly Format[]
  size: keyof typeof SLIDE_SIZES
  pptx: PptxMode
  salt: string
  /** false: ignore what the cache holds (kit build --force); it is still written. */
  useCache: boolean
}

/** The project's artefact cache (.kit-cache/artefacts/); `useCache: false` reads nothing from it but still writes. */
export function artefactCache(root: string, useCache = true): ArtefactCache {
  return new ArtefactCache(path.join(root, '.kit-cache', 'artefacts'), useCache)
}

/** The jobs of every edition, with what the cache already holds. */
export async function lookUpArtefacts(rendered: readonly RenderedEdition[], options: ArtefactOptions, emit: (event: BuildEvent) => void): Promise<ArtefactWork> {
  const cache = artefactCache(options.root, options.useCache)
  const jobs = rendered.map((edition) => exportJobs(edition, options.formats, SLIDE_SIZES[options.size], options.salt, cache, options.pptx))
  return lookUpJobs(jobs, cache, emit)
}

/** Given jobs (of each edition), with what the cache already holds. */
export async function lookUpJobs(jobs: ExportJob[][], cache: ArtefactCache, emit: (event: BuildEvent) => void): Promise<ArtefactWork> {
  const work: ArtefactWork = { jobs, results: new Map(), misses: [], cache }
  emit({ type: 'stage', stage: 'export', total: jobs.flat().length })
  for (const job of jobs.flat()) {
    const hit = job.cacheable === false ? undefined : await cache.get(job.key)
    if (!hit) {
      work.misses.push(job)
      continue
    }
    work.results.set(job, { ...hit, origin: 'cached', seconds: 0 })
    emit({ type: 'job', label: job.label, status: 'cached', seconds: 0 })
  }
  return work
}

/**
 * Runs what the cache did not have in the session's browser (none starts
 * when nothing is left) and stores each result. A page that tried to reach
 * the network fails the run, at the source that names the URL.
 */
export async function runArtefacts(work: ArtefactWork, session: BrowserSession | undefined, texts: ReadonlyMap<string, string>, emit: (event: BuildEvent) => void): Promise<void> {
  if (work.misses.length === 0) return
  if (!session) throw noBrowserError()
  const pool = await session.pages()
  const frontTab = new Turns()
  await Promise.all(
    work.misses.map((job) =>
      pool.use(job.label, async (page) => {
        const started = Date.now()
        const result = await job.run(page, frontTab)
        const seconds = (Date.now() - started) / 1000
        work.results.set(job, { ...result, origin: 'built', seconds })
        emit({ type: 'job', label: job.label, status: 'built', seconds })
      }),
    ),
  )
  const blocked = session.blockedRequests(texts)
  if (blocked.length > 0) throw new KitError(blocked)
  for (const job of work.misses) {
    const result = work.results.get(job)
    if (result && job.cacheable !== false) await work.cache.put(job.key, result)
  }
}

/** The browser files of edition `i` for one audience's set, built now or taken from the cache. */
export function artefactFiles(work: ArtefactWork, i: number, audience: Audience): ArtefactFile[] {
  return (work.jobs[i] ?? [])
    .filter((job) => job.audience === audience)
    .flatMap((job) => {
      const result = work.results.get(job)
      return result ? result.files.map((file) => ({ ...file, origin: result.origin, seconds: result.seconds })) : []
    })
}

/** Every warning the jobs found (overflowing slides, slides kept as pictures). */
export function artefactWarnings(work: ArtefactWork) {
  return work.jobs.flat().flatMap((job) => work.results.get(job)?.warnings ?? [])
}
