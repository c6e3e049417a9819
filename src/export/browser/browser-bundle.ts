import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { KIT_ROOT } from '../../core/kit-root.ts'

/**
 * Code that runs inside a page is TypeScript like the rest of kit, split
 * into modules, with one entry per script: `<name>.browser.ts`, which sets
 * one global. `npm run compile` (scripts/bundle-browser.ts) bundles each
 * entry with what it imports into one script, `lib/…/<name>.browser.js`,
 * beside the compiled code; tsc leaves the entries out. Run from the
 * sources (tests, tsx), an entry is bundled in memory on first use
 * instead, so no copy older than its sources is ever read.
 */
const scripts = new Map<string, Promise<string>>()

/**
 * The script of a browser entry, named by the URL of its source beside
 * the calling module: `browserScript(new URL('./x.browser.ts', import.meta.url))`.
 * From lib/ that URL names no file, and the bundle beside it is read.
 */
export function browserScript(entry: URL): Promise<string> {
  const source = fileURLToPath(entry)
  let script = scripts.get(source)
  if (!script) {
    script = existsSync(source) ? bundleBrowserEntry(source) : readBundle(source.replace(/\.ts$/, '.js'))
    script.catch(() => scripts.delete(source))
    scripts.set(source, script)
  }
  return script
}

async function readBundle(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch {
    throw new Error(`kit's page script ${file} is missing: this copy of kit was compiled without it (npm run compile bundles it)`)
  }
}

/**
 * One entry and everything it imports as one script that runs as it is
 * added to a page (an IIFE, no imports, no helpers expected in the page).
 * Needs esbuild, a development dependency: only the compile step and runs
 * from the sources call it.
 */
export async function bundleBrowserEntry(file: string): Promise<string> {
  const { build } = await import('esbuild')
  const result = await build({
    entryPoints: [file],
    // Paths in the bundle's comments are relative to kit's folder, whatever the working directory.
    absWorkingDir: KIT_ROOT,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  })
  const out = result.outputFiles[0]
  if (!out) throw new Error(`esbuild wrote nothing for ${file}`)
  return out.text
}
