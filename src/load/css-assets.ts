import path from 'node:path'
import type { Problem, Problems, SourceLocation } from '../core/problems.ts'
import { unreadable } from './assets.ts'
import { readInside, type ContainedRead } from './contained.ts'
import type { InputLog } from './input-log.ts'
import { mimeOf } from '../core/mime.ts'
import { LineIndex } from '../core/positions.ts'
import { decodeUrlPath } from './references.ts'

/**
 * A theme or print stylesheet that refers to files next to it (a logo, a
 * background, a font) gets them inlined as data URLs, so every output stays
 * self-contained and offline. A file that is not there, one outside `roots`
 * (the project and kit's own templates), or a remote URL, is a problem at
 * its line and column in the stylesheet.
 */
export async function inlineCssFiles(css: string, file: string, absolute: string, inputs: InputLog, problems: Problems, roots: readonly string[]): Promise<string> {
  const lines = new LineIndex(css)
  let out = ''
  let at = 0
  for (const match of css.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)/g)) {
    const url = match[2]?.trim() ?? ''
    if (/^(data:|#|var\()/i.test(url)) continue
    const offset = (match.index ?? 0) + match[0].indexOf(url)
    const location = { file, ...lines.at(offset) }
    if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) {
      problems.add({
        code: 'KIT_REMOTE_IMAGE',
        message: `${file} loads ${url} from the network; the kit must work offline.`,
        hint: 'Put the file next to the stylesheet and refer to it by a relative path; kit inlines it.',
        location,
      })
      continue
    }
    const decoded = decodeUrlPath(url.split(/[?#]/)[0] ?? '')
    const got = decoded === undefined ? undefined : await readInside(path.resolve(path.dirname(absolute), decoded), roots, inputs)
    if (got?.kind !== 'read') {
      problems.add(cssFileProblem(file, url, got, location))
      continue
    }
    out += `${css.slice(at, match.index)}url("data:${mimeOf(url)};base64,${got.bytes.toString('base64')}")`
    at = (match.index ?? 0) + match[0].length
  }
  return out + css.slice(at)
}

function cssFileProblem(file: string, url: string, got: Exclude<ContainedRead, { kind: 'read' }> | undefined, location: SourceLocation): Omit<Problem, 'severity'> {
  if (got?.kind === 'outside')
    return {
      code: 'KIT_PATH_OUTSIDE',
      message: `${file} refers to ${url}, outside the project.`,
      hint: 'Put the file in the project, next to the stylesheet, and refer to it by a relative path.',
      location,
    }
  if (got?.kind === 'unreadable') return unreadable(`${url}, which ${file} refers to,`, got.reason, location)
  return { code: 'KIT_MISSING_ASSET', message: `${file} refers to ${url}, which does not exist next to it.`, location }
}
