import { positionOf } from '../../core/positions.ts'
import type { Problem, SourceLocation } from '../../core/problems.ts'

/** A request a page tried to make while kit printed or measured `output`. */
export interface BlockedRequest {
  url: string
  output: string
}

/**
 * Blocked requests as problems, one per URL: kit's outputs work offline, so
 * a page that reaches for the network is an error. The URL was written
 * somewhere in the sources (a module's `<style>@import`, a theme's
 * `url()`): the problem points at the first text that names it, else at the
 * output that asked.
 */
export function blockedRequestProblems(blocked: readonly BlockedRequest[], texts: ReadonlyMap<string, string>): Problem[] {
  const byUrl = new Map<string, string[]>()
  for (const { url, output } of blocked) byUrl.set(url, [...new Set([...(byUrl.get(url) ?? []), output])])
  return [...byUrl].map(([url, outputs]) => ({
    code: 'KIT_NETWORK_REQUEST',
    severity: 'error',
    message: `A page tried to load ${url}; the kit must work offline.`,
    hint: `Seen while making ${outputs.join(', ')}. Put the file in content/assets/ (or next to the stylesheet) and refer to it by a relative path; kit inlines it.`,
    location: whereWritten(url, texts),
  }))
}

/** The first source that names the URL: as written, or without its query and fragment. */
function whereWritten(url: string, texts: ReadonlyMap<string, string>): SourceLocation | undefined {
  const bare = url.replace(/[?#].*$/, '')
  for (const needle of url === bare ? [url] : [url, bare]) {
    for (const [file, text] of texts) {
      const at = positionOf(text, needle)
      if (at) return { file, ...at }
    }
  }
  return undefined
}
