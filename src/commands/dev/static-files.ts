import { readFile, realpath, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import path from 'node:path'
import { isPathInside } from '../../core/path-inside.ts'
import { escapeHtml } from '../../core/escape-html.ts'
import { mimeOf } from '../../core/mime.ts'
import { withLiveScript } from './live-reload.ts'

/**
 * The files `kit dev` serves: what it built (HTML) in its private folder,
 * and the PDFs, PPTX files and zips of the last `kit build` in dist/. A URL
 * path becomes a file only through `resolveFile`, which keeps it inside the
 * folder it is served from.
 */

/** Where served files come from. */
export interface ServedFolders {
  /** kit dev's own build. */
  out: string
  /** The last full build (`kit build`'s dist/). */
  dist: string
}

/** A built file; PDFs, PPTX and zips come from the last `kit build`, else a page says how to make them. */
export async function serveBuilt(urlPath: string, res: ServerResponse, folders: ServedFolders): Promise<void> {
  const file = (await resolveFile(folders.out, urlPath)) ?? (isFullBuildOutput(urlPath) ? await resolveFile(folders.dist, urlPath) : undefined)
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

/**
 * Maps a URL path (still percent-encoded) to a file inside `base`: nothing
 * outside it, before or after following symlinks; no NUL; a folder gives its
 * index.html, never a listing.
 */
export async function resolveFile(base: string, urlPath: string): Promise<string | undefined> {
  const decoded = decodeOrUndefined(urlPath)
  if (decoded === undefined || decoded.includes('\0')) return undefined
  const target = path.join(base, decoded)
  if (!isPathInside(target, base)) return undefined
  const info = await stat(target).catch(() => undefined)
  const file = info?.isDirectory() ? path.join(target, 'index.html') : target
  const [realBase, realFile] = await Promise.all([realpath(base), realpath(file)]).catch(() => [undefined, undefined])
  if (!realBase || !realFile || !isPathInside(realFile, realBase)) return undefined
  return (await stat(realFile).catch(() => undefined))?.isFile() ? realFile : undefined
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
  const name = escapeHtml((decodeOrUndefined(urlPath) ?? urlPath).replace(/^\//, ''))
  const body = isFullBuildOutput(urlPath)
    ? `<h1>${name} is not built yet</h1><p><code>kit dev</code> builds the HTML pages only. PDFs, PPTX files and zips come from a full build: run <code>kit build</code> (or <code>npm run build</code>) in the project, then reload this page; <code>kit dev</code> serves them from the last build in <code>dist/</code>.</p>`
    : `<h1>Not found: ${name}</h1><p>No page of the preview has this address.</p>`
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name} — kit dev</title></head><body style="font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:3em auto;padding:0 1em">${body}<p><a href="/">All editions</a></p></body></html>`
}

function decodeOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}
