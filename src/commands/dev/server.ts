import { watch, type FSWatcher } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { build } from '../build.ts'
import { isModuleFile, ModulePreviews } from './previews.ts'
import { formatProblem } from '../../core/code-frame.ts'
import { LAYOUT } from '../../load/read-sources.ts'
import { escapeHtml } from '../../core/escape-html.ts'
import { mimeOf } from '../../core/mime.ts'
import { KitError } from '../../core/problems.ts'
import type { Content } from '../../load/content.ts'
import { loadProject } from '../../load/project.ts'

/**
 * `kit dev`: builds the HTML outputs into a private folder, serves them on
 * 127.0.0.1 and rebuilds on every saved source. Open pages reload through
 * server-sent events; a content error shows as an overlay in the page (and in
 * the terminal) while the last good build stays served.
 */
export interface DevServer {
  url: string
  /** Resolves after the next build triggered by a change has finished. */
  nextBuild(): Promise<BuildOutcome>
  /** Resolves when a saved module's preview (/__kit/modules/ID.html) has been re-rendered. */
  nextPreview(): Promise<{ id: string; ms: number }>
  close(): Promise<void>
}

export interface BuildOutcome {
  ok: boolean
  seconds: number
  /** The editions rebuilt (only those a change affects). */
  editions: string[]
  /** Formatted problems when the build failed. */
  error?: string
}

const LIVE_SCRIPT = `(() => {
  const events = new EventSource('/__kit/events')
  let overlay
  events.addEventListener('reload', () => location.reload())
  events.addEventListener('module', (e) => {
    if (document.documentElement.dataset.kitModule === JSON.parse(e.data)) location.reload()
  })
  events.addEventListener('problem', (e) => {
    if (!overlay) {
      overlay = document.createElement('div')
      overlay.setAttribute('role', 'alert')
      overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:rgba(20,24,30,.94);color:#fff;padding:32px;overflow:auto;font:14px/1.5 monospace;white-space:pre-wrap'
      document.body.appendChild(overlay)
    }
    overlay.textContent = 'kit: the last change has errors (the page shows the last good build)\\n\\n' + JSON.parse(e.data)
  })
})()
`

export async function startDevServer(options: { root: string; port?: number; log: (line: string) => void }): Promise<DevServer> {
  const { root, log } = options
  const out = path.join(root, '.kit-cache', 'dev')
  const live = new LiveReload()
  const rebuilder = new Rebuilder(root, out, live, log)
  const first = await rebuilder.rebuild()
  if (!first.ok) log('the first build failed; fix the problems above and save')
  const previews = new ModulePreviews(root)
  await previews.reload()
  const server = createServer((req, res) => {
    void handleRequest(req, res, { root, out, live, previews }).catch(() => {
      res.writeHead(500).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const watcher = new SourceWatcher(root, rebuilder, previews, live)
  return {
    url: `http://127.0.0.1:${port}/`,
    nextBuild: () => new Promise((resolve) => rebuilder.waiters.push(resolve)),
    nextPreview: () => new Promise((resolve) => watcher.previewWaiters.push(resolve)),
    async close() {
      await watcher.close()
      live.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Open pages, told to reload or shown the last problem through server-sent events. */
class LiveReload {
  private readonly clients = new Set<ServerResponse>()
  lastProblem: string | undefined

  send(event: string, data: unknown): void {
    for (const client of this.clients) client.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  }

  connect(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
    res.write(': connected\n\n')
    this.clients.add(res)
    if (this.lastProblem) res.write(`event: problem\ndata: ${JSON.stringify(this.lastProblem)}\n\n`)
    req.on('close', () => this.clients.delete(res))
  }

  close(): void {
    for (const client of this.clients) client.end()
  }
}

/** The HTML build of the editions a change affects; a failed build keeps the last good one served. */
class Rebuilder {
  readonly changed = new Set<string>()
  readonly waiters: ((outcome: BuildOutcome) => void)[] = []

  constructor(
    private readonly root: string,
    private readonly out: string,
    private readonly live: LiveReload,
    private readonly log: (line: string) => void,
  ) {}

  async rebuild(): Promise<BuildOutcome> {
    const started = Date.now()
    const files = [...this.changed]
    this.changed.clear()
    let outcome: BuildOutcome
    try {
      const loaded = await loadProject(this.root)
      const { project, problems } = loaded
      if (!project) throw new KitError(problems.list)
      const editions = this.live.lastProblem ? [] : affectedEditions(project.content, files)
      const result = await build({ root: this.root, out: this.out, editions, formats: ['html'], zip: false, loaded })
      outcome = { ok: true, seconds: (Date.now() - started) / 1000, editions: result.editions.map((e) => e.id) }
      this.live.lastProblem = undefined
      this.log(`rebuilt in ${outcome.seconds.toFixed(2)} s`)
      this.live.send('reload', {})
    } catch (error) {
      const text = error instanceof KitError ? error.problems.map((p) => formatProblem(p)).join('\n\n') : String(error)
      outcome = { ok: false, seconds: (Date.now() - started) / 1000, editions: [], error: text }
      this.live.lastProblem = text
      this.log(text)
      this.live.send('problem', text)
    }
    for (const resolve of this.waiters.splice(0)) resolve(outcome)
    return outcome
  }
}

/**
 * Saved sources: a module's preview is re-rendered at once; the editions are
 * rebuilt after a short pause, so that a burst of saves builds once.
 */
class SourceWatcher {
  readonly previewWaiters: ((done: { id: string; ms: number }) => void)[] = []
  private readonly watchers: FSWatcher[] = []
  private timer: NodeJS.Timeout | undefined
  private running: Promise<unknown> = Promise.resolve()
  private previewing: Promise<unknown> = Promise.resolve()

  constructor(
    root: string,
    private readonly rebuilder: Rebuilder,
    private readonly previews: ModulePreviews,
    private readonly live: LiveReload,
  ) {
    for (const dir of ['content', LAYOUT.exercises, LAYOUT.templates]) {
      try {
        this.watchers.push(watch(path.join(root, dir), { recursive: true }, (_event, filename) => this.saved(dir, filename)))
      } catch {
        // A project without this folder has nothing to watch there.
      }
    }
  }

  private saved(dir: string, filename: string | Buffer | null): void {
    const file = filename ? path.join(dir, String(filename)).split(path.sep).join('/') : '*'
    this.rebuilder.changed.add(file)
    if (isModuleFile(file)) this.refreshPreview(file, performance.now())
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      const reloadPreviews = [...this.rebuilder.changed].some((f) => !isModuleFile(f))
      this.running = this.running.then(() => this.rebuilder.rebuild()).then(() => (reloadPreviews ? this.previews.reload() : undefined))
    }, 120)
  }

  private refreshPreview(file: string, saved: number): void {
    this.previewing = this.previewing.then(async () => {
      const id = await this.previews.render(file).catch(() => undefined)
      if (!id) return
      this.live.send('module', id)
      const done = { id, ms: performance.now() - saved }
      for (const resolve of this.previewWaiters.splice(0)) resolve(done)
    })
  }

  async close(): Promise<void> {
    clearTimeout(this.timer)
    for (const w of this.watchers) w.close()
    await this.running
    await this.previewing
  }
}

interface Site {
  root: string
  out: string
  live: LiveReload
  previews: ModulePreviews
}

/** kit dev's routes: live-reload events and script, module previews, the built pages, the last full build's downloads. */
async function handleRequest(req: IncomingMessage, res: ServerResponse, site: Site): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  if (url.pathname === '/__kit/events') return site.live.connect(req, res)
  if (url.pathname === '/__kit/live.js') {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(LIVE_SCRIPT)
    return
  }
  if (url.pathname === '/__kit/modules/' || url.pathname === '/__kit/modules') {
    const items = site.previews.list().map((m) => `<li><a href="/__kit/modules/${encodeURIComponent(m.id)}.html">${escapeHtml(m.title)}</a> <small>${escapeHtml(m.file)}</small></li>`)
    const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Module previews</title></head><body><h1>Module previews</h1><ul>${items.join('')}</ul><p><a href="/">Editions</a></p></body></html>`
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(withLiveScript(page))
    return
  }
  const preview = /^\/__kit\/modules\/([a-z0-9-]+)\.html$/.exec(url.pathname)
  if (preview) {
    const page = await site.previews.page(preview[1] ?? '')
    if (page) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(withLiveScript(page))
    else res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('No such module')
    return
  }
  await serveBuilt(url.pathname, res, site)
}

/** A built file; PDFs, PPTX and zips come from the last `kit build`, else a page says how to make them. */
async function serveBuilt(urlPath: string, res: ServerResponse, site: Site): Promise<void> {
  const file = (await resolveFile(site.out, urlPath)) ?? (isFullBuildOutput(urlPath) ? await resolveFile(path.join(site.root, 'dist'), urlPath) : undefined)
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(notBuiltPage(urlPath))
    return
  }
  const body = await readFile(file)
  if (file.endsWith('.html')) {
    // The built pages forbid every script; in dev the live-reload script is
    // added, so the page's own policy is left out.
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(withLiveScript(body.toString('utf8')))
    return
  }
  res.writeHead(200, { 'content-type': contentType(file), 'cache-control': 'no-store' }).end(body)
}

/** Content types of what the preview serves besides pages and assets. */
const DOWNLOADS: Record<string, string> = {
  json: 'application/json',
  pdf: 'application/pdf',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  zip: 'application/zip',
}

function contentType(file: string): string {
  return DOWNLOADS[file.split('.').pop()?.toLowerCase() ?? ''] ?? mimeOf(file)
}

/** Outputs only a full build makes (kit dev builds HTML): served from the last `kit build` in dist/. */
export function isFullBuildOutput(urlPath: string): boolean {
  return /\.(pdf|pptx|zip)$/i.test(urlPath)
}

/** The 404 page: what the link is, and for PDFs, PPTX and zips how to build them. */
export function notBuiltPage(urlPath: string): string {
  const name = escapeHtml(safeDecode(urlPath).replace(/^\//, ''))
  const body = isFullBuildOutput(urlPath)
    ? `<h1>${name} is not built yet</h1><p><code>kit dev</code> builds the HTML pages only. PDFs, PPTX files and zips come from a full build: run <code>kit build</code> (or <code>npm run build</code>) in the project, then reload this page; <code>kit dev</code> serves them from the last build in <code>dist/</code>.</p>`
    : `<h1>Not found: ${name}</h1><p>No page of the preview has this address.</p>`
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name} — kit dev</title></head><body style="font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:3em auto;padding:0 1em">${body}<p><a href="/">All editions</a></p></body></html>`
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** A page as served in dev: its own CSP left out, the live-reload script added. */
function withLiveScript(html: string): string {
  return html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, '').replace(/<\/body>/i, '<script src="/__kit/live.js"></script></body>')
}

/**
 * The editions a set of changed files affects, by the ids of the project as
 * just loaded: a module or an exercise only matters to the editions that
 * list it; anything else (workshop.yaml, quiz, glossary, assets, templates)
 * to all. An empty list means all.
 */
export function affectedEditions(content: Content, changed: string[]): string[] {
  const affected = new Set<string>()
  for (const file of changed) {
    const item = [...content.modules, ...content.exercises].find((i) => i.file === file)
    if (!item) return []
    const using = content.workshop.editions.filter((e) => e.items.includes(item.id))
    if (using.length === 0) return []
    for (const e of using) affected.add(e.id)
  }
  return [...affected]
}

/** Maps a URL path to a file inside `base`; nothing outside it, no listings. */
export async function resolveFile(base: string, urlPath: string): Promise<string | undefined> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  if (decoded.includes('\0')) return undefined
  const target = path.resolve(base, `.${path.posix.normalize(`/${decoded}`)}`)
  if (target !== base && !target.startsWith(base + path.sep)) return undefined
  const info = await stat(target).catch(() => undefined)
  if (info?.isDirectory()) {
    const index = path.join(target, 'index.html')
    return (await stat(index).catch(() => undefined))?.isFile() ? index : undefined
  }
  return info?.isFile() ? target : undefined
}
