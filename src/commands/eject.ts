import { existsSync } from 'node:fs'
import { copyFile, mkdir } from 'node:fs/promises'
import { filesBelow } from '../load/files-below.ts'
import path from 'node:path'
import { closest } from '../core/closest.ts'
import { KIT_ROOT } from '../core/kit-root.ts'
import { LAYOUT } from '../load/read-sources.ts'
import { usageError } from '../core/problems.ts'

/**
 * `kit eject FILE…`: copies kit's own template, partial, theme or print
 * stylesheet into the project's templates/ to edit. The project's copy then
 * replaces kit's, file by file; everything not ejected stays kit's. Never
 * overwrites a file.
 */
export async function eject(root: string, requested: string[]): Promise<string[]> {
  const available = await templateFiles()
  if (requested.length === 0) {
    throw usageError('KIT_USAGE', 'kit eject needs the templates to copy.', `Templates: ${available.join(', ')}.`)
  }
  const copied: string[] = []
  for (const name of requested) {
    const rel = name.replace(/\\/g, '/').replace(/^(\.\/)?(templates\/)?/, '')
    if (!available.includes(rel)) {
      const guess = closest(rel, available)
      throw usageError('KIT_USAGE', `kit has no template "${name}".${guess ? ` Did you mean ${guess}?` : ''}`, `Templates: ${available.join(', ')}.`)
    }
    const target = path.join(root, LAYOUT.templates, rel)
    if (existsSync(target)) throw usageError('KIT_EXISTS', `${LAYOUT.templates}/${rel} already exists in the project.`, 'Edit it there; kit eject never overwrites a file.')
    await mkdir(path.dirname(target), { recursive: true })
    await copyFile(path.join(KIT_ROOT, LAYOUT.templates, rel), target)
    copied.push(`${LAYOUT.templates}/${rel}`)
  }
  return copied
}

/** kit's templates a project can take over: pages, partials, theme and print CSS, fonts.json. */
async function templateFiles(): Promise<string[]> {
  const dir = path.join(KIT_ROOT, LAYOUT.templates)
  return (await filesBelow(dir)).filter((p) => /\.(hbs|css|json)$/.test(p) && !p.startsWith('init/') && !p.startsWith('new/'))
}
