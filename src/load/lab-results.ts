import { z } from 'zod'

/**
 * The results file (`lab-results.json` at the project root): the last `kit
 * labs` run of each exercise. `kit labs` writes it; the build reads it to show
 * on instructor sheets and in the guide when and where each exercise was last
 * verified. Commit it with the exercises.
 */

export const RESULTS_FILE = 'lab-results.json'

/** `unchecked`: every block ran as it should, but the output of at least one was not compared (no `expect`, not `silent`). */
const stepStatus = z.enum(['pass', 'unchecked', 'fail', 'skipped'])

const stepResult = z.object({
  title: z.string(),
  line: z.number(),
  status: stepStatus,
  /** Why it failed or was skipped. */
  reason: z.string().optional(),
  seconds: z.number().optional(),
})

const exerciseResult = z.object({
  title: z.string(),
  /** The lab script's hash when it ran: a different hash means the sheet changed since. */
  hash: z.string(),
  verifiedAt: z.string(),
  host: z.string(),
  runtime: z.string(),
  steps: z.array(stepResult),
  cleanup: stepStatus.optional(),
})

export const labResultsSchema = z.object({
  version: z.literal(1),
  exercises: z.record(z.string(), exerciseResult),
})

export type StepStatus = z.infer<typeof stepStatus>
export type StepResult = z.infer<typeof stepResult>
export type ExerciseResult = z.infer<typeof exerciseResult>
export type LabResults = z.infer<typeof labResultsSchema>

/** The results in a results file's text; undefined when it is not one kit labs wrote. */
export function parseLabResults(text: string): LabResults | undefined {
  try {
    const parsed = labResultsSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

export function emptyResults(): LabResults {
  return { version: 1, exercises: {} }
}

/** Counts of a run, for reports and the guide. */
export function tally(result: Pick<ExerciseResult, 'steps'>): Record<StepStatus, number> {
  const counts = { pass: 0, unchecked: 0, fail: 0, skipped: 0 }
  for (const step of result.steps) counts[step.status]++
  return counts
}

/** The results file as text: stable key order, one exercise after another. */
export function serialiseResults(results: LabResults): string {
  const exercises = Object.fromEntries(Object.entries(results.exercises).sort(([a], [b]) => a.localeCompare(b)))
  return `${JSON.stringify({ version: 1, exercises }, null, 2)}\n`
}
