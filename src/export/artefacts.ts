import path from 'node:path'
import type { BuildEvent } from '../core/build-events.ts'
import { KitError } from '../core/problems.ts'
import type { Format } from '../plan/edition-plan.ts'
import type { RenderedEdition } from '../render/edition.ts'
import type { SubsetStore } from '../render/font-faces.ts'
import type { Audience } from '../core/audience.ts'
import { noBrowserError } from './browser/find.ts'
import type { BrowserSession } from './browser/session.ts'
import { ArtefactCache, type CachedFile, type CachedResult } from './cache.ts'
import { exportJobs, SLIDE_SIZES, type ExportJob } from './jobs.ts'
import type { PptxMode } from './pptx/pptx.ts'

/**
 * Stage export: the browser artefacts of every edition (decks' PDF and
 * PPTX, printed documents). Each job's cache key is known before any
 * browser starts; what the cache has is taken from it, and only the rest
 * runs, two pages at a time, in the run's one browser.
 */
export interface ArtefactWork {
  /** The jobs of each edition, in the order the editions were given. */
  jobs: ExportJob[][]
  results: Map<ExportJob, CachedResult & { origin: 'built' | 'cached'; seconds: number }>
  /** The jobs the cache did not have (those that combine parts, and the parts they need). */
  misses: ExportJob[]
  /** What each part job made, by key: parts with equal keys (a part both decks share) run once. */
  parts: Map<string, CachedResult>
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
  /** The cache the run has used already (for font subsets), so that one sweep keeps all it used. */
  cache?: ArtefactCache
}

/** The project's artefact cache (.kit-cache/artefacts/); `useCache: false` reads nothing from it but still writes. */
export function artefactCache(root: string, useCache = true): ArtefactCache {
  return new ArtefactCache(path.join(root, '.kit-cache', 'artefacts'), useCache)
}

/** Font subsets kept in the artefact cache, so a build makes only the subsets of pages whose characters changed. */
export function subsetStore(cache: ArtefactCache): SubsetStore {
  return {
    get: async (key) => (await cache.get(key))?.files[0]?.data,
    put: (key, data) => cache.put(key, { files: [{ path: 'subset.woff', data }], warnings: [] }),
  }
}

/** The jobs of every edition, with what the cache already holds. */
export async function lookUpArtefacts(rendered: readonly RenderedEdition[], options: ArtefactOptions, emit: (event: BuildEvent) => void): Promise<ArtefactWork> {
  const cache = options.cache ?? artefactCache(options.root, options.useCache)
  const jobs = rendered.map((edition) => exportJobs(edition, options.formats, SLIDE_SIZES[options.size], options.salt, cache, options.pptx))
  return lookUpJobs(jobs, cache, emit)
}

/** Given jobs (of each edition), with what the cache already holds. */
export async function lookUpJobs(jobs: ExportJob[][], cache: ArtefactCache, emit: (event: BuildEvent) => void): Promise<ArtefactWork> {
  const work: ArtefactWork = { jobs, results: new Map(), misses: [], parts: new Map(), cache }
  emit({ type: 'stage', stage: 'export', total: jobs.flat().length })
  const looked = new Set<string>()
  for (const job of jobs.flat()) {
    if (!(await lookUp(work, job, emit)) && job.combine) {
      for (const part of job.combine.parts) {
        if (looked.has(part.key)) continue
        looked.add(part.key)
        const hit = await lookUp(work, part, emit)
        if (hit) work.parts.set(part.key, hit)
      }
    }
  }
  return work
}

/** The job's result from the cache (recorded), or undefined (the job is then a miss). */
async function lookUp(work: ArtefactWork, job: ExportJob, emit: (event: BuildEvent) => void): Promise<CachedResult | undefined> {
  const hit = job.cacheable === false ? undefined : await work.cache.get(job.key)
  if (!hit) {
    work.misses.push(job)
    return undefined
  }
  work.results.set(job, { ...hit, origin: 'cached', seconds: 0 })
  emit({ type: 'job', label: job.label, status: 'cached', seconds: 0 })
  return hit
}

/**
 * Runs what the cache did not have in the session's browser (none starts
 * when nothing is left) and stores each result. A page that tried to reach
 * the network fails the run, at the source that names the URL.
 */
export async function runArtefacts(work: ArtefactWork, session: BrowserSession | undefined, texts: ReadonlyMap<string, string>, emit: (event: BuildEvent) => void): Promise<void> {
  const paged = work.misses.filter((job) => !job.combine)
  if (paged.length > 0) await runInBrowser(work, paged, session, texts, emit)
  for (const job of work.misses) {
    if (!job.combine) continue
    const started = Date.now()
    const parts = job.combine.parts.map((part) => work.parts.get(part.key))
    if (parts.some((p) => !p)) throw new Error(`${job.label}: a part was not made`)
    const result = await job.combine.run(parts as CachedResult[])
    const seconds = (Date.now() - started) / 1000
    work.results.set(job, { ...result, origin: 'built', seconds })
    emit({ type: 'job', label: job.label, status: 'built', seconds })
  }
  for (const job of work.misses) {
    const result = work.results.get(job)
    if (result && job.cacheable !== false) await work.cache.put(job.key, result)
  }
}

/** Runs page jobs in the session's browser, two pages at a time; a page that tried to reach the network fails the run. */
async function runInBrowser(work: ArtefactWork, jobs: readonly ExportJob[], session: BrowserSession | undefined, texts: ReadonlyMap<string, string>, emit: (event: BuildEvent) => void): Promise<void> {
  if (!session) throw noBrowserError()
  const pool = await session.pages()
  await Promise.all(
    jobs.map((job) =>
      pool.use(job.label, async (page) => {
        const started = Date.now()
        const result = await job.run(page)
        const seconds = (Date.now() - started) / 1000
        work.results.set(job, { ...result, origin: 'built', seconds })
        work.parts.set(job.key, result)
        emit({ type: 'job', label: job.label, status: 'built', seconds })
      }),
    ),
  )
  const blocked = session.blockedRequests(texts)
  if (blocked.length > 0) throw new KitError(blocked)
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
