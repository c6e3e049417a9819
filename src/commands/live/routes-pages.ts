import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { Hono } from 'hono'
import { fail, type Env } from './http.ts'
import type { LivePages } from './pages.ts'

/**
 * Pages, their assets, and the learner files of the built edition. Files
 * are served from an explicit allowlist of learner outputs (the learner
 * exercise sheets and booklet), never by mapping a URL onto the build
 * folder: the instructor set built beside them (guide, instructor sheets,
 * quiz key, lab records) has no URL here at all.
 */
export interface PageAssets {
  pages: LivePages
  /** The pages' bundled scripts by name. */
  scripts: ReadonlyMap<string, string>
  deckCss: string
  fontCss: string
  /** The edition's build folder. */
  site: string
  /** Learner outputs by their URL path below /files/ (e.g. `exercises/lab-1.html`). */
  learnerFiles: ReadonlySet<string>
}

/** Learner outputs of an edition's build: its learner sheets (HTML and PDF when built) and the booklet; never `*.instructor.*`, the guide or the quiz. */
export function learnerFiles(exercises: readonly string[], built: readonly string[]): Set<string> {
  const allowed = new Set(['exercises.pdf', ...exercises.flatMap((id) => [`exercises/${id}.html`, `exercises/${id}.pdf`])])
  return new Set(built.filter((file) => allowed.has(file) && !file.includes('.instructor.')))
}

export function pageRoutes(assets: PageAssets): Hono<Env> {
  const app = new Hono<Env>()
  const html = (body: string) => (c: import('hono').Context<Env>) => c.html(body, 200, { 'cache-control': 'no-store' })
  app.get('/', html(assets.pages.learner))
  app.get('/present', html(assets.pages.presenter))
  app.get('/screen', html(assets.pages.screen))
  const css = (body: string) => (c: import('hono').Context<Env>) => c.body(body, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' })
  app.get('/assets/live.css', css(assets.pages.css))
  app.get('/assets/deck.css', css(assets.deckCss))
  app.get('/assets/fonts.css', css(assets.fontCss))
  app.get('/assets/:name{[a-z]+\\.js}', (c) => {
    const script = assets.scripts.get(c.req.param('name').replace(/\.js$/, ''))
    if (script === undefined) return fail(c, 'not_found', 'No such asset.')
    return c.body(script, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' })
  })
  app.get('/files/*', async (c) => {
    // Compared as the path was sent: an allowlist entry never contains %-escapes, dots or slashes to play with.
    const file = c.req.path.slice('/files/'.length)
    if (!assets.learnerFiles.has(file)) return fail(c, 'not_found', 'No such file.')
    const body = await readFile(path.join(assets.site, file))
    return c.body(body, 200, { 'content-type': file.endsWith('.pdf') ? 'application/pdf' : 'text/html; charset=utf-8' })
  })
  return app
}
