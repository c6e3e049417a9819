import path from 'node:path/posix'
import type { Problems, SourceLocation } from '../problems.ts'
import { LAYOUT } from '../load/read-sources.ts'

/**
 * Local images referenced from markdown. Paths are written relative to the
 * file that uses them (so Marp's own preview finds them); in an edition they
 * are copied to `assets/` next to slides.md and inlined into HTML outputs.
 */
export interface ImageRef {
  /** Path relative to the project root. */
  projectPath: string
  /** Path relative to an edition folder (`assets/...`). */
  editionPath: string
  /** Where it is first referenced. */
  location: SourceLocation
}

const IMAGE_PATTERNS = [
  /(!\[[^\]]*\]\(\s*<?)([^)\s>]+)/g, // markdown image
  /(<img\b[^>]*?\bsrc\s*=\s*["'])([^"']+)/gi, // html image
]

/** Project path → path inside an edition folder. */
export function editionAssetPath(projectPath: string): string {
  const prefix = `${LAYOUT.assets}/`
  return projectPath.startsWith(prefix) ? `assets/${projectPath.slice(prefix.length)}` : `assets/_/${projectPath}`
}

/**
 * Rewrites image URLs in `markdown` (found in `file`, whose text starts at
 * `firstLine`) to edition paths, and lists the images. Remote images and
 * paths leaving the project are reported and left out.
 */
export function rewriteImages(
  markdown: string,
  file: string,
  firstLine: number,
  problems: Problems,
): { markdown: string; images: ImageRef[] } {
  const images = new Map<string, ImageRef>()
  const fromDir = path.dirname(file)
  let result = markdown
  for (const pattern of IMAGE_PATTERNS) {
    result = result.replace(pattern, (whole, before: string, url: string, offset: number) => {
      const location = () => locate(markdown, offset + before.length, file, firstLine)
      if (/^(https?:)?\/\//i.test(url)) {
        problems.add({
          code: 'KIT_REMOTE_IMAGE',
          message: `Remote image ${url}: the kit must work offline.`,
          hint: 'Download the image into content/assets/ (check its licence) and reference it by a relative path.',
          location: location(),
        })
        return whole
      }
      if (/^data:/i.test(url) || url.startsWith('#')) return whole
      const clean = decodeURI(url.split(/[?#]/)[0] ?? url)
      const projectPath = path.normalize(path.join(fromDir, clean))
      if (clean.startsWith('/') || projectPath.startsWith('../') || projectPath === '..') {
        problems.add({
          code: 'KIT_PATH_OUTSIDE',
          message: `The image path ${url} points outside the project.`,
          hint: 'Keep images inside the project (content/assets/) and use a relative path.',
          location: location(),
        })
        return whole
      }
      const ref = { projectPath, editionPath: editionAssetPath(projectPath), location: location() }
      if (!images.has(projectPath)) images.set(projectPath, ref)
      return `${before}${ref.editionPath}`
    })
  }
  return { markdown: result, images: [...images.values()] }
}

function locate(text: string, offset: number, file: string, firstLine: number): SourceLocation {
  const before = text.slice(0, offset).split('\n')
  return { file, line: firstLine + before.length - 1, column: (before[before.length - 1] ?? '').length + 1 }
}
