import { readFile } from 'node:fs/promises'
import type { Page } from 'puppeteer-core'
import type { BrowserSession } from '../../export/browser/session.ts'
import { hashKey, type ArtefactCache } from '../../export/cache.ts'
import { packageFile, toolVersion } from '../../load/tool-versions.ts'

/** What axe-core did in one check: documents it ran on, and those whose result the cache held. */
export interface AxeCounts {
  /** HTML pages (accessibility). */
  pages: { checked: number; cached: number }
  /** Print parts of the instructors' decks (contrast). */
  parts: { checked: number; cached: number }
}

/** A run's result and the URLs its page tried to load (blocked, reported by the session). */
interface Run<T> {
  value: T
  label: string
  blocked: string[]
}

/**
 * The axe-core runs of one check, in the run's guarded pages. Each HTML
 * document is checked once per run, however many editions show it, and its
 * result is kept in the artefact cache under the browser and kit (the salt),
 * axe-core's version, the kind of run and the HTML; so a check after an
 * edit runs axe only on the documents the edit changed. A result whose page
 * tried to reach the network is not kept: the next check loads the page
 * again and reports the request again. `run` must return JSON data.
 */
export class AxeRuns {
  readonly counts: AxeCounts = { pages: { checked: 0, cached: 0 }, parts: { checked: 0, cached: 0 } }
  private readonly runs = new Map<string, Promise<Run<unknown>>>()
  private readonly version = `axe-core@${toolVersion('axe-core')}`

  /** The browser starts at the first document the cache lacks: a check with nothing changed launches none. */
  constructor(
    private readonly session: Pick<BrowserSession, 'pages'>,
    private readonly cache: ArtefactCache,
    private readonly salt: string,
  ) {}

  /**
   * `work`'s result (labelled `label` for the page pool), from this run, the
   * cache or the browser; `inputs` is everything it depends on besides the
   * browser, kit and axe-core (the HTML, the viewport). A `personal` page
   * (learners' names) is neither looked up nor kept.
   */
  async run<T>(kind: keyof AxeCounts, label: string, inputs: readonly string[], work: (page: Page) => Promise<T>, personal = false): Promise<T> {
    const key = hashKey(['check: axe', kind, this.salt, this.version, ...inputs])
    let run = this.runs.get(key)
    if (!run) {
      run = this.fresh(kind, personal ? undefined : key, label, work)
      this.runs.set(key, run)
    }
    const done = (await run) as Run<T>
    // Another page with the same HTML made the same requests: they are seen while making this one too.
    if (done.label !== label) for (const url of done.blocked) (await this.session.pages()).blocked.push({ url, output: label })
    return done.value
  }

  /** The result from the cache under `key`, or made in the browser and kept there (no key: neither). */
  private async fresh<T>(kind: keyof AxeCounts, key: string | undefined, label: string, work: (page: Page) => Promise<T>): Promise<Run<T>> {
    const hit = key === undefined ? undefined : (await this.cache.get(key))?.files[0]
    if (hit) {
      this.counts[kind].cached++
      return { value: JSON.parse(Buffer.from(hit.data).toString('utf8')) as T, label, blocked: [] }
    }
    this.counts[kind].checked++
    const pool = await this.session.pages()
    const value = await pool.use(label, work)
    const blocked = pool.blocked.filter((b) => b.output === label).map((b) => b.url)
    if (key !== undefined && blocked.length === 0) await this.cache.put(key, { files: [{ path: 'axe.json', data: Buffer.from(JSON.stringify(value)) }], warnings: [] })
    return { value, label, blocked }
  }
}

let axeSource: string | undefined

/**
 * Puts axe-core into the page's document, unless it is there: a tab keeps
 * it from one `setContent` to the next (the window stays; axe reads the
 * document anew on every run), so each tab parses it once, not once per
 * page (about a tenth of a second each).
 */
export async function withAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => typeof (window as unknown as { axe?: { run?: unknown } }).axe?.run === 'function')) return
  axeSource ??= await readFile(packageFile('axe-core/axe.min.js'), 'utf8')
  await page.addScriptTag({ content: axeSource })
}
