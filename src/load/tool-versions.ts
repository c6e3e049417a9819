import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { filesBelow } from './files-below.ts'
import { KIT_ROOT } from '../core/kit-root.ts'

/**
 * Versions of kit and of the tools whose output it ships, found the Node
 * way (from kit's own module, wherever npm placed the packages: in kit's
 * folder or hoisted into a project's node_modules). They go into every
 * manifest and into the cache keys, so an upgrade rebuilds what it changes.
 */
export const TOOLS = ['@marp-team/marp-core', '@marp-team/marp-cli', 'handlebars', 'puppeteer-core', 'pdf-lib', 'pptxgenjs'] as const

const require = createRequire(import.meta.url)

/** The version in a package's package.json, or "unknown" when it is not installed. */
export function toolVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version
  } catch {
    // A package whose `exports` hide package.json: walk up from its entry point.
    try {
      return versionAbove(require.resolve(name), name)
    } catch {
      return 'unknown'
    }
  }
}

function versionAbove(file: string, name: string): string {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string }
      if (pkg.name === name && pkg.version) return pkg.version
    } catch {
      // no package.json here; keep walking up
    }
  }
  return 'unknown'
}

/** Every dependency of kit with its installed version: an upgrade of any of them can change an output. */
export function dependencyVersions(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(KIT_ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }
  return Object.keys(pkg.dependencies ?? {})
    .sort()
    .map((name) => `${name}@${toolVersion(name)}`)
}

/** kit's own version. */
export function kitVersion(): string {
  return (JSON.parse(readFileSync(path.join(KIT_ROOT, 'package.json'), 'utf8')) as { version: string }).version
}

/** A path inside an installed package (a script or data file), resolved the Node way. */
export function packageFile(request: string): string {
  return require.resolve(request)
}

let codeDigest: Promise<string> | undefined

/**
 * A hash of kit's own code as it runs (src/ in a checkout, lib/ when
 * installed): a checkout that pulls new code without a new version number
 * still rebuilds what the code changes. Computed once per process.
 */
export function kitCodeDigest(): Promise<string> {
  // This file sits one folder below the code's root (src/load/ or lib/load/).
  codeDigest ??= folderDigest(path.dirname(path.dirname(fileURLToPath(import.meta.url))))
  return codeDigest
}

/** A hash of every file below `folder`: names and bytes, in a stable order. */
export async function folderDigest(folder: string): Promise<string> {
  const hash = createHash('sha256')
  for (const file of await filesBelow(folder)) {
    hash.update(`\0${file}\0`)
    hash.update(await readFile(path.join(folder, file)))
  }
  return hash.digest('hex')
}
