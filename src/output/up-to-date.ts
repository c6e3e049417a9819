import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { findBrowser } from '../export/browser/find.ts'
import { filesBelow } from '../load/files-below.ts'
import { dependencyVersions, kitCodeDigest, kitVersion } from '../load/tool-versions.ts'
import { changedInput, type InputRecord } from '../load/input-log.ts'
import type { BuildResult } from './build-result.ts'
import type { Problem } from '../core/problems.ts'

/**
 * The no-op build. A finished build stores what it read (every file with its
 * hash and every folder it listed: src/load/input-log.ts), the settings it
 * ran with (options, kit's own code and lockfile, the browser binary) and
 * the state of the output folder it wrote. The next build with the same
 * settings is skipped when every input still reads the same and no output
 * was touched. Light on purpose: checked before the pipeline is loaded.
 */

export interface BuildInputs {
  root: string
  out: string
  editions: string[]
  formats: string[]
  zip?: boolean
  /** The `--pptx` mode asked for, if any. */
  pptx?: string
  /** The `--lang` languages asked for, if any. */
  languages?: string[]
}

/** The part of a build result that is stored and reported again. */
export interface RecordedResult {
  editions: { id: string; files: { path: string; bytes: number; pages?: number }[] }[]
  warnings: Problem[]
  artefacts: number
}

interface Record {
  settings: string
  inputs: InputRecord
  /** Every file of the output folder: size and modification time. */
  outputs: { [file: string]: [number, number] }
  result: RecordedResult
}

/** A hash of what a build depends on besides the files it reads: options, the day, kit's own code and tools, the browser. */
export async function settingsFingerprint(inputs: BuildInputs, today: Date): Promise<string> {
  const hash = createHash('sha256')
  const options = {
    out: path.resolve(inputs.out),
    editions: [...inputs.editions].sort(),
    formats: [...inputs.formats].sort(),
    zip: inputs.zip !== false,
    pptx: inputs.pptx,
    languages: [...(inputs.languages ?? [])].sort(),
  }
  hash.update(JSON.stringify(options))
  // The guide flags sources as stale relative to today when a workshop has no event date.
  hash.update(today.toISOString().slice(0, 10))
  // kit's own code as it runs (src/ in a checkout, lib/ when installed) and the tools it drives.
  hash.update(JSON.stringify([kitVersion(), await kitCodeDigest(), ...dependencyVersions()]))
  if (inputs.formats.some((f) => f !== 'html')) {
    const browser = await findBrowser().catch(() => undefined)
    const info = browser ? await stat(browser.path).catch(() => undefined) : undefined
    hash.update(`\0browser\0${browser?.path}:${info?.size}:${info?.mtimeMs}`)
  }
  return hash.digest('hex')
}

/** The recorded result when inputs and outputs are exactly as the last build left them. */
export async function previousBuild(inputs: BuildInputs, settings: string): Promise<RecordedResult | undefined> {
  let record: Record
  try {
    record = JSON.parse(await readFile(recordFile(inputs), 'utf8')) as Record
  } catch {
    return undefined
  }
  if (record.settings !== settings || !record.inputs || (await changedInput(record.inputs))) return undefined
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
 * The last build's result when no input and no output changed since; every
 * file is reported as taken from the cache.
 */
export async function upToDate(options: BuildInputs, settings: string): Promise<BuildResult | undefined> {
  const started = Date.now()
  const previous = await previousBuild(options, settings)
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
export async function recordBuild(inputs: BuildInputs, settings: string, read: InputRecord, result: RecordedResult): Promise<void> {
  const outputs = await outputState(inputs.out)
  if (!outputs) return
  const file = recordFile(inputs)
  await mkdir(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, JSON.stringify({ settings, inputs: read, outputs, result } satisfies Record))
  await rename(temporary, file)
}

/** One record per output folder and set of options. */
function recordFile(inputs: BuildInputs): string {
  const key = createHash('sha256')
    .update(JSON.stringify([path.resolve(inputs.out), [...inputs.editions].sort(), [...inputs.formats].sort(), inputs.zip !== false, [...(inputs.languages ?? [])].sort()]))
    .digest('hex')
    .slice(0, 16)
  return path.join(inputs.root, '.kit-cache', 'builds', `${key}.json`)
}

async function outputState(out: string): Promise<Record['outputs'] | undefined> {
  const state: Record['outputs'] = {}
  try {
    for (const file of await filesBelow(out)) {
      const info = await stat(path.join(out, file))
      state[file] = [info.size, info.mtimeMs]
    }
  } catch {
    return undefined
  }
  return Object.keys(state).length > 0 ? state : undefined
}
