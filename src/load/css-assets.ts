import path from 'node:path'
import type { Problems } from '../core/problems.ts'
import type { InputLog } from './input-log.ts'
import { mimeOf } from '../core/mime.ts'
import { LineIndex } from '../core/positions.ts'
import { decodeUrlPath } from './references.ts'

/**
 * A theme or print stylesheet that refers to files next to it (a logo, a
 * background, a font) gets them inlined as data URLs, so every output stays
 * self-contained and offline. A file that is not there, or a remote URL, is
 * a problem at its line and column in the stylesheet.
 */
export async function inlineCssFiles(css: string, file: string, absolute: string, inputs: InputLog, problems: Problems): Promise<string> {
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
    const bytes = decoded === undefined ? undefined : await inputs.read(path.resolve(path.dirname(absolute), decoded))
    if (!bytes) {
      problems.add({ code: 'KIT_MISSING_ASSET', message: `${file} refers to ${url}, which does not exist next to it.`, location })
      continue
    }
    out += `${css.slice(at, match.index)}url("data:${mimeOf(url)};base64,${Buffer.from(bytes).toString('base64')}")`
    at = (match.index ?? 0) + match[0].length
  }
  return out + css.slice(at)
}
