import { readFile, rename, writeFile } from 'node:fs/promises'
import pc from 'picocolors'
import path from 'node:path'
import { createInterface } from 'node:readline/promises'
import { closest } from '../../core/closest.ts'
import { KitError, usageError } from '../../core/problems.ts'
import { loadProject } from '../../load/project.ts'
import { describeHost, probeHost } from './host.ts'
import { eventLines, planLines, preflightFailed, preflightLines, summaryLine } from './report.ts'
import { runPreflight } from './preflight.ts'
import { preflightPlan } from '../../render/preflight/checks.ts'
import { PREFLIGHT_FILE } from '../../render/preflight/script.ts'
import { emptyResults, parseLabResults, RESULTS_FILE, serialiseResults, type LabResults } from '../../load/lab-results.ts'
import { planLabs, runLabs, type Runtime } from './run.ts'

/**
 * `kit labs`: lists what will run, asks (or takes --yes), runs the exercises'
 * runnable steps in throwaway namespaces and records the results for the
 * build. Never part of `kit build` or `kit check`.
 */

export interface LabsOptions {
  root: string
  exercises: string[]
  runtime?: string
  yes: boolean
  /** Whether a person can answer the confirmation question. */
  interactive: boolean
  out: (line: string) => void
}

export async function labsCommand(options: LabsOptions): Promise<number> {
  const started = performance.now()
  const runtime = parseRuntime(options.runtime)
  const { project, problems } = await loadProject(options.root)
  if (!project || problems.errors.length > 0) throw new KitError(problems.list)
  const all = project.content.exercises
  const ids = options.exercises.map((id) =>
    findExercise(
      id,
      all.map((e) => e.id),
    ),
  )
  const exercises = ids.length === 0 ? all : all.filter((e) => ids.includes(e.id))
  const host = await probeHost()
  const plans = planLabs(exercises, host, runtime)
  const withoutLab = exercises.filter((e) => !e.lab).map((e) => e.id)
  const preflight = preflightPlan(plans.map((p) => p.exercise))
  for (const line of planLines(plans, describeHost(host), withoutLab, preflight.checks.length)) options.out(line)
  if (plans.length === 0) {
    options.out('nothing to run: mark command blocks with `run` (see docs/labs.md)')
    return 0
  }
  if (!options.yes) {
    if (!options.interactive) {
      throw usageError('KIT_LABS_CONFIRM', 'kit labs runs commands on this machine and needs confirmation.', 'Run it at a terminal and answer y, or pass --yes (as CI does).')
    }
    if (!(await confirm('Run these steps on this machine? [y/N] '))) {
      options.out('nothing run')
      return 0
    }
  }
  const checked = await runPreflight(preflight, project.content.messages, host)
  for (const line of preflightLines(checked, PREFLIGHT_FILE)) options.out(line)
  const results = await runLabs(plans, {
    host,
    runtime,
    onEvent: (event) => {
      for (const line of eventLines(event)) options.out(line)
    },
  })
  const file = path.join(options.root, RESULTS_FILE)
  const stored = await readResults(file)
  results.forEach((result, i) => {
    const id = plans[i]?.exercise.id
    if (id) stored.exercises[id] = result
  })
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, serialiseResults(stored))
  await rename(temporary, file)
  options.out('')
  options.out(summaryLine(results, (performance.now() - started) / 1000, RESULTS_FILE))
  if (preflightFailed(checked)) options.out(pc.red(`the learners' ${PREFLIGHT_FILE} disagrees with kit labs (see "preflight" above)`))
  const failed = results.some((r) => r.cleanup === 'fail' || r.steps.some((s) => s.status === 'fail'))
  return failed || preflightFailed(checked) ? 1 : 0
}

function parseRuntime(value: string | undefined): Runtime | undefined {
  if (value === undefined || value === 'linux' || value === 'docker') return value
  throw usageError('KIT_USAGE', `Unknown runtime "${value}".`, 'Use --runtime linux (no Docker) or --runtime docker; leave it out for both.')
}

function findExercise(id: string, ids: string[]): string {
  if (ids.includes(id)) return id
  const guess = closest(id, ids)
  throw usageError('KIT_UNKNOWN_EXERCISE', `There is no exercise "${id}".`, guess ? `Did you mean "${guess}"? Exercises: ${ids.join(', ')}.` : `Exercises: ${ids.join(', ')}.`)
}

/** The stored results, or none when the file is missing or unreadable (it is rewritten). */
async function readResults(file: string): Promise<LabResults> {
  const text = await readFile(file, 'utf8').catch(() => '')
  return parseLabResults(text) ?? emptyResults()
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim())
  } finally {
    rl.close()
  }
}
