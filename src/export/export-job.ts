import type { Page } from 'puppeteer-core'
import type { Audience } from '../core/audience.ts'
import type { CachedResult } from './cache.ts'

/**
 * The browser work of an edition as a list of jobs, each with a cache key
 * computed before any browser starts.
 */
export interface ExportJob {
  /** For progress lines and blocked-request reports, e.g. `talk/slides`. */
  label: string
  key: string
  /** The set its files belong to. */
  audience: Audience
  /** false: its result holds personal data (learners' names) and is neither read from nor written to the cache. */
  cacheable?: boolean
  /** Runs the job in one of the run's pages (each in a window of its own, so screenshots can be taken in all of them at once). */
  run(page: Page): Promise<CachedResult>
  /**
   * A job that needs no page: it puts together what its parts made (a
   * deck's PDF from its parts' PDFs). Its parts are looked up, and run, only
   * when its own result is not in the cache; `run` is not called.
   */
  combine?: { parts: ExportJob[]; run(results: readonly CachedResult[]): Promise<CachedResult> }
}
