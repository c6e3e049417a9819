import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { plural } from '../../core/plural.ts'
import { usageError } from '../../core/problems.ts'
import { build } from '../build.ts'
import { LiveReload } from './live-reload.ts'
import { isModuleFile, ModulePreviews } from './previews.ts'
import { RebuildQueue, SerialJobs } from './rebuild-queue.ts'
import { Rebuilder, type BuildFunction, type RebuildResult } from './rebuild.ts'
import { formatProblems, problemsOf } from './report.ts'
import { handleRequest, type Site } from './routes.ts'
import { SourceWatcher } from './watcher.ts'

/**
 * `kit dev`: builds the HTML outputs into a private folder, serves them on
 * 127.0.0.1 (to loopback names only) and rebuilds on every saved source.
 * This file wires the parts: the HTTP routes and files (routes.ts,
 * static-files.ts, host-check.ts), live reload (live-reload.ts), the
 * watcher (watcher.ts), the rebuild queue (rebuild-queue.ts, rebuild.ts,
 * affected-editions.ts) and the module previews (previews.ts). A problem,
 * whatever its cause, shows in the terminal and over the open pages while
 * the last good build stays served.
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
  /** Formatted warnings of a good build. */
  warnings?: string
}

export interface DevOptions {
  root: string
  /** 0 or none: a free port. */
  port?: number
  /** Where the terminal lines go. */
  log: (line: string) => void
  /** The build to run (default `kit build`'s); tests give a failing one. */
  build?: BuildFunction
}

export async function startDevServer(options: DevOptions): Promise<DevServer> {
  const { root, log } = options
  const out = path.join(root, '.kit-cache', 'dev')
  const live = new LiveReload()
  const waiters = new Waiters()
  const report = (result: RebuildResult) => announce(result, root, live, log)
  // A step that fails outside a rebuild (the watcher, the previews) is reported as a failed build is.
  const failed = (error: unknown) => void report({ ok: false, seconds: 0, editions: [], problems: problemsOf(error) })
  const rebuilder = new Rebuilder({ root, out, build: options.build ?? build })
  const first = await report(await rebuilder.rebuild([]))
  if (!first.ok) log('the first build failed; fix the problems above and save')
  const previews = new ModulePreviews(root)
  await previews.reload().catch(failed)
  const queue = new RebuildQueue(async (files) => {
    waiters.built(await report(await rebuilder.rebuild(files)))
    if (files.some((f) => !isModuleFile(f))) await previews.reload()
  }, failed)
  const previewJobs = new SerialJobs(failed)
  const refreshPreview = async (file: string, saved: number) => {
    const id = await previews.render(file)
    if (!id) return
    live.moduleRendered(id)
    waiters.previewed({ id, ms: performance.now() - saved })
  }
  const server = await listen(options.port ?? 0, { folders: { out, dist: path.join(root, 'dist') }, live, previews })
  const onSaved = (file: string) => {
    queue.saved(file)
    if (isModuleFile(file)) void previewJobs.run(() => refreshPreview(file, performance.now()))
  }
  const watcher = new SourceWatcher(root, onSaved, failed)
  await watcher.ready
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    nextBuild: () => waiters.nextBuild(),
    nextPreview: () => waiters.nextPreview(),
    async close() {
      await watcher.close()
      await queue.close()
      await previewJobs.idle()
      live.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/**
 * A rebuild's result in the terminal and in the open pages: the time and
 * the warnings of a good build, the problems of a failed one. Never
 * rejects: a report that cannot be worded is logged as it stands.
 */
async function announce(result: RebuildResult, root: string, live: LiveReload, log: (line: string) => void): Promise<BuildOutcome> {
  const outcome: BuildOutcome = { ok: result.ok, seconds: result.seconds, editions: result.editions }
  try {
    const text = await formatProblems(root, result.problems)
    if (result.ok) {
      outcome.warnings = text || undefined
      log(`rebuilt in ${result.seconds.toFixed(2)} s${text ? `, with ${plural(result.problems.length, 'warning')}:` : ''}`)
      if (text) log(text)
      live.built(text)
    } else {
      outcome.error = text
      log(text)
      live.failed(text)
    }
  } catch (error) {
    log(`kit dev could not report the last rebuild: ${String(error)}`)
  }
  return outcome
}

/** The HTTP server on 127.0.0.1; a request that fails gets a 500, never a crash. */
async function listen(port: number, site: Omit<Site, 'port'>): Promise<Server> {
  let bound = 0
  const server = createServer((req, res) => {
    void handleRequest(req, res, { ...site, port: () => bound }).catch(() => {
      if (res.headersSent) res.destroy()
      else res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('kit dev could not answer this request.\n')
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? usageError('KIT_USAGE', `Port ${port} is in use on 127.0.0.1.`, 'Pick another with --port, or leave it out for a free port.') : error),
    )
    server.listen(port, '127.0.0.1', resolve)
  })
  bound = (server.address() as AddressInfo).port
  return server
}

/** Callers waiting for the next build or the next module preview. */
class Waiters {
  private readonly builds: ((outcome: BuildOutcome) => void)[] = []
  private readonly previews: ((done: { id: string; ms: number }) => void)[] = []

  nextBuild(): Promise<BuildOutcome> {
    return new Promise((resolve) => this.builds.push(resolve))
  }

  nextPreview(): Promise<{ id: string; ms: number }> {
    return new Promise((resolve) => this.previews.push(resolve))
  }

  built(outcome: BuildOutcome): void {
    for (const resolve of this.builds.splice(0)) resolve(outcome)
  }

  previewed(done: { id: string; ms: number }): void {
    for (const resolve of this.previews.splice(0)) resolve(done)
  }
}
