import type { Exercise } from '../../load/exercise.ts'
import { matchOutput, type DiffLine } from '../../load/lab-expect.ts'
import { describeHost, describeRuntime, machineFacts, unmetNeed, type HostFacts } from './host.ts'
import { labReason, recorded, type Why, withLimit } from './reasons.ts'
import type { ExerciseResult, StepResult } from '../../load/lab-results.ts'
import { Sandbox, type BlockRun } from './sandbox.ts'
import type { LabBlock, LabScript, LabStep } from '../../load/lab-script.ts'

/**
 * Runs the lab scripts of exercises, one sandbox per exercise: steps in
 * order, each block with its timeout, clean-up blocks always at the end.
 * A failed step does not stop the next ones (so one run shows every broken
 * step); a timeout does, because the terminal it killed held their state.
 */

export type Runtime = 'linux' | 'docker'

export interface PlannedStep {
  step: LabStep
  /** Why the step will not run, when it will not. */
  skip?: Why
}

export interface LabPlan {
  exercise: Exercise & { lab: LabScript }
  steps: PlannedStep[]
  cleanup: { block: LabBlock; skip?: Why }[]
}

/** What will run and what will be skipped, and why. Pure. */
export function planLabs(exercises: Exercise[], host: HostFacts, runtime?: Runtime): LabPlan[] {
  const skipFor = (needs: string[]): Why | undefined => {
    if (runtime === 'linux' && needs.includes('docker')) return labReason('runtimeLinux')
    if (runtime === 'docker' && !needs.includes('docker')) return labReason('runtimeDocker')
    for (const need of ['linux', ...needs]) {
      const reason = unmetNeed(need, host)
      if (reason) return reason
    }
    return undefined
  }
  return exercises
    .filter((e): e is Exercise & { lab: LabScript } => e.lab !== undefined)
    .map((exercise) => ({
      exercise,
      steps: exercise.lab.steps.map((step) => ({ step, skip: skipFor(withUserNeeds(step.needs, step.blocks)) })),
      cleanup: exercise.lab.cleanup.map((block) => ({ block, skip: skipFor(withUserNeeds(block.needs, [block])) })),
    }))
}

/** Opening a terminal as another user (user=NAME) takes root. */
function withUserNeeds(needs: string[], blocks: LabBlock[]): string[] {
  return blocks.some((b) => b.user) && !needs.includes('root') ? [...needs, 'root'] : needs
}

/** Why one block failed: its line, a sentence (English) and its code, and the diff when output differed. */
export interface BlockFailure {
  line: number
  message: string
  why: Why
  diff?: DiffLine[]
  output?: string
}

export interface StepOutcome extends StepResult {
  failure?: BlockFailure
}

export type LabEvent =
  | { type: 'exercise'; plan: LabPlan }
  | { type: 'step'; plan: LabPlan; outcome: StepOutcome }
  | { type: 'cleanup'; plan: LabPlan; failures: BlockFailure[]; ran: number }
  | { type: 'done'; plan: LabPlan; result: ExerciseResult }

export interface RunLabsOptions {
  host: HostFacts
  runtime?: Runtime
  onEvent?: (event: LabEvent) => void
  now?: () => Date
}

export async function runLabs(plans: LabPlan[], options: RunLabsOptions): Promise<ExerciseResult[]> {
  const results: ExerciseResult[] = []
  for (const plan of plans) {
    options.onEvent?.({ type: 'exercise', plan })
    const result = await runOne(plan, options)
    results.push(result)
    options.onEvent?.({ type: 'done', plan, result })
  }
  return results
}

async function runOne(plan: LabPlan, options: RunLabsOptions): Promise<ExerciseResult> {
  const { onEvent } = options
  const steps: StepOutcome[] = []
  const runnable = plan.steps.some((s) => !s.skip) || plan.cleanup.some((c) => !c.skip)
  let sandbox: Sandbox | undefined
  let sandboxError: Why | undefined
  if (runnable) {
    try {
      sandbox = await Sandbox.open()
    } catch (error) {
      sandboxError = labReason('sandbox', { error: (error as Error).message })
    }
  }
  let cleanupStatus: ExerciseResult['cleanup']
  try {
    let abort: Why | undefined
    for (const { step, skip } of plan.steps) {
      const base = { title: step.title, line: step.line }
      let outcome: StepOutcome
      if (skip !== undefined || abort !== undefined) {
        outcome = { ...base, status: 'skipped', ...recorded(skip ?? abort) }
      } else if (!sandbox) {
        outcome = { ...base, status: 'fail', ...recorded(sandboxError) }
      } else {
        outcome = await runStep(sandbox, step)
        if (outcome.failure?.why.code === 'timedOut') abort = labReason('timedOutBefore', { step: step.title })
      }
      steps.push(outcome)
      onEvent?.({ type: 'step', plan, outcome })
    }
    if (sandbox) {
      const failures: BlockFailure[] = []
      let ran = 0
      for (const { block, skip } of plan.cleanup) {
        if (skip) continue
        ran++
        const failure = check(block, await sandbox.run(block.terminal, block.code, block.timeout, blockOptions(block, block.needs)))
        if (failure) failures.push(failure)
      }
      if (ran > 0) cleanupStatus = failures.length > 0 ? 'fail' : 'pass'
      onEvent?.({ type: 'cleanup', plan, failures, ran })
    }
  } finally {
    await sandbox?.close()
  }
  return {
    title: plan.exercise.title,
    hash: plan.exercise.lab.hash,
    verifiedAt: (options.now?.() ?? new Date()).toISOString(),
    host: describeHost(options.host),
    runtime: describeRuntime(options.host, options.runtime),
    machine: machineFacts(options.host, options.runtime),
    steps: steps.map(({ failure: _failure, ...step }) => step),
    cleanup: cleanupStatus,
  }
}

async function runStep(sandbox: Sandbox, step: LabStep): Promise<StepOutcome> {
  const started = performance.now()
  const base = { title: step.title, line: step.line }
  for (const block of step.blocks) {
    let run: BlockRun
    try {
      run = await sandbox.run(block.terminal, block.code, block.timeout, blockOptions(block, step.needs))
    } catch (error) {
      const why = labReason('terminal', { error: (error as Error).message })
      return { ...base, status: 'fail', ...recorded(why), failure: { line: block.line, message: why.text, why } }
    }
    const failure = check(block, run)
    if (failure) {
      // Where the sandbox offers less than a learner's machine, the reason says so.
      const limit = sandbox.limitFor(block.code)
      return { ...base, status: 'fail', ...recorded(limit ? withLimit(failure.why, limit) : failure.why), seconds: elapsed(started), failure }
    }
  }
  // A block whose output nobody compared did not pass: it only ran.
  const unchecked = step.blocks.filter((b) => !b.expect && !b.silent)
  if (unchecked.length === 0) return { ...base, status: 'pass', seconds: elapsed(started) }
  const lines = unchecked.map((b) => b.line).join(', ')
  return { ...base, status: 'unchecked', ...recorded(labReason('unchecked', { lines })), seconds: elapsed(started) }
}

/** Compares a block's run with what the sheet says; undefined when they agree. */
function check(block: LabBlock, run: BlockRun): BlockFailure | undefined {
  const at = { line: block.line, output: run.output }
  const failed = (why: Why, more: Partial<BlockFailure> = {}): BlockFailure => ({ ...at, message: why.text, why, ...more })
  if (run.timedOut) return failed(labReason('timedOut', { seconds: block.timeout, line: block.line }))
  if (run.status === undefined) return failed(labReason('terminalEnded', { line: block.line }))
  if (block.expect) {
    const match = matchOutput(block.expect.text, run.output)
    if (!match.ok) return failed(labReason('outputDiffers', { line: block.expect.line }), { line: block.expect.line, diff: match.diff })
  } else if (block.silent) {
    const match = matchOutput('', run.output)
    if (!match.ok) return failed(labReason('silentPrinted', { line: block.line }), { diff: match.diff })
  }
  if (block.exit !== 'any' && run.status !== block.exit) {
    return failed(labReason('exitStatus', { status: run.status, expected: block.exit, line: block.line }))
  }
  return undefined
}

/** Every block of a Docker step (its needs are the step's) runs with the host's PIDs. */
function blockOptions(block: LabBlock, needs: string[]) {
  return { user: block.user, hostPids: needs.includes('docker') }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) / 100) / 10
}
