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

/**
 * Why a step did not pass, as a code and its values: the sheet words it in
 * the workshop's language (the catalogues' `lab.reason.<code>`). A code this
 * kit does not know (a newer kit wrote it) is shown as the English `reason`.
 */
export const LAB_REASONS = [
  'needsLinux',
  'needsRoot',
  'dockerNotInstalled',
  'noDockerDaemon',
  'needsCgroup',
  'needsCgroupNone',
  'needsSwap',
  'needsKvm',
  'needsCommand',
  'needsFile',
  'unknownNeed',
  'runtimeLinux',
  'runtimeDocker',
  'timedOutBefore',
  'sandbox',
  'terminal',
  'timedOut',
  'terminalEnded',
  'outputDiffers',
  'silentPrinted',
  'exitStatus',
  'unchecked',
  'needsUserns',
  'needsUsernsRefused',
  'binfmtRootless',
  'binfmtMountFailed',
] as const

export type LabReasonCode = (typeof LAB_REASONS)[number]

const reasonCode = z.object({ code: z.string(), values: z.record(z.string(), z.string()).optional() })
/** A reason, and where the sandbox offers less than a learner's machine, the limit that may explain it. */
const labReason = reasonCode.extend({ limit: reasonCode.optional() })

const stepResult = z.object({
  title: z.string(),
  line: z.number(),
  status: stepStatus,
  /** Why it failed or was skipped, in English (the terminal's words, and what kits before `why` show). */
  reason: z.string().optional(),
  /** The same reason as a code, for the sheet's language. */
  why: labReason.optional(),
  seconds: z.number().optional(),
})

/** Where it ran, as facts the sheet words in its language; `host` and `runtime` keep the English words. */
const machine = z.object({
  kernel: z.string(),
  arch: z.string(),
  os: z.string(),
  cgroup: z.string().optional(),
  user: z.string(),
  /** The Docker server's version, when one answered. */
  docker: z.string().optional(),
  /** Why Docker could not be used: a reason code (dockerNotInstalled, noDockerDaemon). */
  dockerMissing: z.string().optional(),
  /** util-linux's version, as `unshare --version` names it. */
  unshare: z.string().optional(),
  /** What ran the steps: Linux namespaces, Docker, or both. */
  uses: z.string(),
})

const exerciseResult = z.object({
  title: z.string(),
  /** The lab script's hash when it ran: a different hash means the sheet changed since. */
  hash: z.string(),
  verifiedAt: z.string(),
  host: z.string(),
  runtime: z.string(),
  machine: machine.optional(),
  steps: z.array(stepResult),
  cleanup: stepStatus.optional(),
})

export const labResultsSchema = z.object({
  version: z.literal(1),
  exercises: z.record(z.string(), exerciseResult),
})

export type StepStatus = z.infer<typeof stepStatus>
export type StepResult = z.infer<typeof stepResult>
export type LabReason = z.infer<typeof labReason>
export type MachineFacts = z.infer<typeof machine>
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
