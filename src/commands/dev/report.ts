import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { formatProblem } from '../../core/code-frame.ts'
import { KitError, Problems, withDefaults, type Problem } from '../../core/problems.ts'
import { decodeSource } from '../../load/read-sources.ts'

/**
 * How `kit dev` words what went wrong, the same way in the terminal and in
 * the page's overlay: each problem with its location, code frame and hint.
 */

/** The problems as text, each with a code frame from the project's file where it has a line. */
export async function formatProblems(root: string, problems: readonly Problem[]): Promise<string> {
  const sources = new Map<string, Promise<string | undefined>>()
  const source = (file: string) => {
    if (!sources.has(file)) sources.set(file, readSource(root, file))
    return sources.get(file)
  }
  const texts: string[] = []
  for (const problem of problems) {
    const file = problem.location?.line ? problem.location.file : undefined
    texts.push(formatProblem(problem, file ? await source(file) : undefined))
  }
  return texts.join('\n\n')
}

/**
 * The problems a failed step stands for: a `KitError`'s own, or one
 * `KIT_DEV_REBUILD` naming what failed when the error is anything else (a
 * file kit dev could not write, a fault in kit).
 */
export function problemsOf(error: unknown): Problem[] {
  if (error instanceof KitError) return error.problems
  const reason = error instanceof Error ? error.message : String(error)
  return [withDefaults({ code: 'KIT_DEV_REBUILD', severity: 'error', message: `The rebuild after the last save stopped: ${reason}` })]
}

async function readSource(root: string, file: string): Promise<string | undefined> {
  const bytes = await readFile(path.join(root, file)).catch(() => undefined)
  // A file that is not valid UTF-8 is still shown, bad bytes as U+FFFD.
  return bytes && (decodeSource(bytes, file, new Problems()) ?? bytes.toString('utf8').replace(/\r\n?/g, '\n'))
}
