import path from 'node:path'
import type { z } from 'zod'
import { build as runBuild, type BuildEvent, type BuildResult } from './commands/build.ts'
import type { AxeCounts } from './commands/check/axe-runs.ts'
import { runChecks } from './commands/check/check.ts'
import { workshopSchema, type Workshop } from './load/schemas.ts'
import { validateWith } from './load/yaml-source.ts'
import { FORMATS, type Format } from './plan/edition-plan.ts'
import { KitError, Problems, type Problem } from './core/problems.ts'

/**
 * The programmatic API of workshop-kit: what the `kit` command does, as
 * functions with typed options and results. Nothing here prints, asks or
 * exits; problems come back as data (`check`) or as a thrown `KitError`
 * carrying every problem with its position (`build`).
 */

export { loadProject, type Project } from './load/project.ts'
export { KitError, type Problem }
export { PROBLEM_CODES, type ProblemCode } from './core/problem-codes.ts'
export type { BuildEvent, BuildResult, Format, Workshop }

export interface BuildOptions {
  /** The workshop project folder (default: the current folder). */
  root?: string
  /** Output folder (default: `dist/` in the project). */
  out?: string
  /** Edition ids to build (default: all). */
  editions?: string[]
  /** Subset of html, pdf, pptx (default: all; PDF and PPTX need a Chromium-family browser). */
  formats?: Format[]
  /** Languages to build, from workshop.yaml's `languages` (default: all). */
  languages?: string[]
  /** Ignore the caches and rebuild everything. */
  force?: boolean
  /** Progress: stages, browser jobs and files as they finish. */
  onEvent?: (event: BuildEvent) => void
  /** A roster CSV: learners' names on the attendance sheets and certificates (docs/paperwork.md). */
  roster?: string
  /** A session's results folder (before.csv, after.csv, satisfaction.csv, attendance.csv), with exactly one edition. */
  results?: string
}

/** Builds the workshop. Throws a `KitError` whose `problems` say what to fix. */
export function build(options: BuildOptions = {}): Promise<BuildResult> {
  const root = path.resolve(options.root ?? '.')
  return runBuild({
    root,
    out: path.resolve(options.out ?? path.join(root, 'dist')),
    editions: options.editions ?? [],
    formats: options.formats ?? [...FORMATS],
    languages: options.languages,
    force: options.force,
    onEvent: options.onEvent,
    roster: options.roster,
    results: options.results,
  })
}

export interface CheckReport {
  /** No errors (and, with `strict`, no warnings). */
  ok: boolean
  problems: Problem[]
  /** Whether slide overflow and accessibility were measured in a browser. */
  browserChecked: boolean
  /** HTML pages checked with axe-core, counted in every edition that has them. */
  pagesChecked: number
  /** What axe-core ran on now (`checked`) and took from `.kit-cache/` (`cached`): HTML `pages`, and `parts` of the decks (contrast). */
  axe: AxeCounts
}

/** Everything `kit check` validates; never throws for a problem in the content. */
export async function check(options: { root?: string; browser?: boolean; pptx?: boolean; strict?: boolean; roster?: string; results?: string; editions?: string[] } = {}): Promise<CheckReport> {
  const session = { roster: options.roster, results: options.results, editions: options.editions }
  const { problems, browserChecked, pagesChecked, axe } = await runChecks(path.resolve(options.root ?? '.'), { browser: options.browser ?? true, pptx: options.pptx ?? false, session })
  const ok = problems.errors.length === 0 && !(options.strict && problems.warnings.length > 0)
  return { ok, problems: problems.list, browserChecked, pagesChecked, axe }
}

/**
 * A workshop.yaml written as code: checks the value against the same schema
 * (defaults filled in) and returns it typed, or throws a `KitError` naming
 * each wrong key. Write the result out as YAML to make a project.
 */
export function defineWorkshop(workshop: z.input<typeof workshopSchema>): Workshop {
  const problems = new Problems()
  const parsed = validateWith(workshopSchema, { value: workshop, locate: () => ({ file: 'defineWorkshop()' }) }, problems, 'workshop')
  if (!parsed) throw new KitError(problems.list)
  return parsed
}
