import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { findBrowser } from './export/browser.ts'
import { KIT_ROOT } from './kit-root.ts'
import { LAYOUT } from './load/read-sources.ts'
import type { BuildResult } from './build.ts'
import type { Problem } from './problems.ts'

/**
 * The no-op build: a fingerprint of everything a build reads (sources,
 * templates, lab results, kit's own code and lockfile, the browser binary,
 * the options) and of the output folder it wrote. When neither changed, the
 * build is skipped and the last result is reported again. Light on purpose:
 * checked before the pipeline's modules are even loaded.
 */

export interface BuildInputs {
  root: string
  out: string
  editions: string[]
  formats: string[]
  zip?: boolean
}

/** The part of a build result that is stored and reported again. */
export interface RecordedResult {
  editions: { id: string; files: { path: string; bytes: number; pages?: number }[] }[]
  warnings: Problem[]
  artefacts: number
}

interface Record {
  fingerprint: string
  /** Every file of the output folder: size and modification time. */
  outputs: { [file: string]: [number, number] }
  result: RecordedResult
}

export async function inputFingerprint(inputs: BuildInputs): Promise<string> {
  const hash = createHash('sha256')
  const options = { out: path.resolve(inputs.out), editions: [...inputs.editions].sort(), formats: [...inputs.formats].sort(), zip: inputs.zip !== false }
  hash.update(JSON.stringify(options))
  const templatesRoot = existsSync(path.join(inputs.root, LAYOUT.templates)) ? inputs.root : KIT_ROOT
  const trees: [string, string][] = [
    [inputs.root, 'content'],
    [inputs.root, LAYOUT.exercises],
    [templatesRoot, LAYOUT.templates],
    [KIT_ROOT, 'src'],
  ]
  for (const [base, dir] of trees) {
    for (const file of await listFiles(path.join(base, dir))) {
      hash.update(`\0${path.relative(base, file)}\0`)
      hash.update(await readFile(file))
    }
  }
  for (const file of [path.join(inputs.root, 'lab-results.json'), path.join(KIT_ROOT, 'package-lock.json'), path.join(KIT_ROOT, 'package.json')]) {
    hash.update(`\0${file}\0`)
    hash.update(await readFile(file).catch(() => Buffer.from('-')))
  }
  if (inputs.formats.some((f) => f !== 'html')) {
    const browser = await findBrowser().catch(() => undefined)
    const info = browser ? await stat(browser.path).catch(() => undefined) : undefined
    hash.update(`\0browser\0${browser?.path}:${info?.size}:${info?.mtimeMs}`)
  }
  return hash.digest('hex')
}

/** The recorded result when inputs and outputs are exactly as the last build left them. */
export async function previousBuild(inputs: BuildInputs, fingerprint: string): Promise<RecordedResult | undefined> {
  let record: Record
  try {
    record = JSON.parse(await readFile(recordFile(inputs), 'utf8')) as Record
  } catch {
    return undefined
  }
  if (record.fingerprint !== fingerprint) return undefined
  const now = await outputState(inputs.out)
  const before = Object.entries(record.outputs)
  if (!now || before.length !== Object.keys(now).length) return undefined
  for (const [file, [size, mtime]] of before) {
    const current = now[file]
    if (!current || current[0] !== size || current[1] !== mtime) return undefined
  }
  return record.result
}

/**
 * The last build's result when no input and no output changed since (see
 * src/up-to-date.ts); every file is reported as taken from the cache.
 */
export async function upToDate(options: BuildInputs, fingerprint?: string): Promise<BuildResult | undefined> {
  const started = Date.now()
  const previous = await previousBuild(options, fingerprint ?? (await inputFingerprint(options)))
  if (!previous) return undefined
  return {
    editions: previous.editions.map((e) => ({ id: e.id, files: e.files.map((f) => ({ ...f, origin: 'cached' as const, seconds: 0 })) })),
    warnings: previous.warnings,
    artefacts: { built: 0, cached: previous.artefacts, browserLaunched: false },
    seconds: (Date.now() - started) / 1000,
    upToDate: true,
  }
}

/** Stores what a finished build read and wrote, for the next build to compare. */
export async function recordBuild(inputs: BuildInputs, fingerprint: string, result: RecordedResult): Promise<void> {
  const outputs = await outputState(inputs.out)
  if (!outputs) return
  const file = recordFile(inputs)
  await mkdir(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, JSON.stringify({ fingerprint, outputs, result } satisfies Record))
  await rename(temporary, file)
}

/** One record per output folder and set of options. */
function recordFile(inputs: BuildInputs): string {
  const key = createHash('sha256')
    .update(JSON.stringify([path.resolve(inputs.out), [...inputs.editions].sort(), [...inputs.formats].sort(), inputs.zip !== false]))
    .digest('hex')
    .slice(0, 16)
  return path.join(inputs.root, '.kit-cache', 'builds', `${key}.json`)
}

async function outputState(out: string): Promise<Record['outputs'] | undefined> {
  const state: Record['outputs'] = {}
  try {
    for (const file of await listFiles(out)) {
      const info = await stat(file)
      state[path.relative(out, file)] = [info.size, info.mtimeMs]
    }
  } catch {
    return undefined
  }
  return Object.keys(state).length > 0 ? state : undefined
}

/** Files below `dir`, sorted; none when it does not exist. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort()
}
