import type { IncomingMessage, ServerResponse } from 'node:http'
import { escapeHtml } from '../../core/escape-html.ts'
import { isAllowedHost, refusedHostText } from './host-check.ts'
import { LIVE_SCRIPT, withLiveScript, type LiveReload } from './live-reload.ts'
import type { ModulePreviews } from './previews.ts'
import { serveBuilt, type ServedFolders } from './static-files.ts'

/** What the routes answer from. */
export interface Site {
  folders: ServedFolders
  live: LiveReload
  previews: ModulePreviews
  /** The port the server bound (0 until it has). */
  port: () => number
}

const NO_STORE = { 'cache-control': 'no-store' }
const HTML = { 'content-type': 'text/html; charset=utf-8', ...NO_STORE }

/**
 * kit dev's routes, after the Host check: live-reload events and script,
 * module previews, the built pages, the last full build's downloads.
 */
export async function handleRequest(req: IncomingMessage, res: ServerResponse, site: Site): Promise<void> {
  if (!isAllowedHost(req.headers.host, site.port())) {
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', ...NO_STORE }).end(refusedHostText(site.port()))
    return
  }
  const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1')
  if (pathname === '/__kit/events') return site.live.connect(req, res)
  if (pathname === '/__kit/live.js') {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', ...NO_STORE }).end(LIVE_SCRIPT)
    return
  }
  if (pathname === '/__kit/modules/' || pathname === '/__kit/modules') {
    res.writeHead(200, HTML).end(withLiveScript(previewIndex(site.previews)))
    return
  }
  const preview = /^\/__kit\/modules\/([a-z0-9-]+)\.html$/.exec(pathname)
  if (preview) {
    const page = await site.previews.page(preview[1] ?? '')
    if (page) res.writeHead(200, HTML).end(withLiveScript(page))
    else res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('No such module')
    return
  }
  await serveBuilt(pathname, res, site.folders)
}

/** The list of module previews. */
function previewIndex(previews: ModulePreviews): string {
  const items = previews.list().map((m) => `<li><a href="/__kit/modules/${encodeURIComponent(m.id)}.html">${escapeHtml(m.title)}</a> <small>${escapeHtml(m.file)}</small></li>`)
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Module previews</title></head><body><h1>Module previews</h1><ul>${items.join('')}</ul><p><a href="/">Editions</a></p></body></html>`
}
