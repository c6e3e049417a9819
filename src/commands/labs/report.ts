import pc from 'picocolors'
import { plural } from '../../core/plural.ts'
import type { ExerciseResult } from '../../load/lab-results.ts'
import { tally } from '../../load/lab-results.ts'
import type { BlockFailure, LabEvent, LabPlan } from './run.ts'
import type { PreflightOutcome } from './preflight.ts'

/**
 * Text for `kit labs`: the plan before anything runs, a line per step as it
 * finishes, a diff for output that differs, and the summary. Pure: returns
 * lines; the command prints them. Colours follow picocolors (NO_COLOR).
 */

export function planLines(plans: LabPlan[], hostLine: string, withoutLab: string[], preflightChecks = 0): string[] {
  const toRun = plans.flatMap((p) => p.steps.filter((s) => !s.skip))
  const skipped = plans.flatMap((p) => p.steps.filter((s) => s.skip))
  const lines = [pc.bold(`kit labs: ${plural(plans.length, 'exercise')}, ${plural(toRun.length, 'step')} to run, ${skipped.length} to skip`), `host: ${hostLine}`, '']
  for (const plan of plans) {
    lines.push(`${pc.bold(plan.exercise.id)}  ${plan.exercise.title}  ${pc.dim(plan.exercise.file)}`)
    for (const { step, skip } of plan.steps) {
      const blocks = step.blocks.length
      const terminals = [...new Set(step.blocks.map((b) => b.terminal))]
      const detail = `${blocks} block${blocks === 1 ? '' : 's'}${terminals.length > 1 || terminals[0] !== 'A' ? `, terminal ${terminals.join('+')}` : ''}`
      lines.push(skip ? `  ${pc.yellow('skip')}  ${step.title} ${pc.dim(`— ${skip.text}`)}` : `  run   ${step.title} ${pc.dim(`(${detail})`)}`)
    }
    const cleanup = plan.cleanup.filter((c) => !c.skip).length
    if (plan.cleanup.length > 0) lines.push(`  ${pc.dim(`clean-up: ${cleanup} of ${plural(plan.cleanup.length, 'block')} will run, always`)}`)
  }
  if (withoutLab.length > 0) lines.push('', pc.dim(`no runnable steps marked: ${withoutLab.join(', ')}`))
  if (preflightChecks > 0) lines.push('', pc.dim(`then the learners' preflight script of these exercises (${plural(preflightChecks, 'check')}), compared with this host`))
  return lines
}

/**
 * The preflight script's verdicts against kit labs' own: one line when they
 * agree, a red line per disagreement (the run then fails).
 */
export function preflightLines(outcome: PreflightOutcome, file: string): string[] {
  const lines = ['', pc.bold(`preflight  ${file}, run here and compared with what kit labs found`)]
  if (outcome.error) return [...lines, `  ${pc.red('✗')} ${outcome.error}`]
  const compared = outcome.lines.filter((l) => l.expected !== undefined)
  const other = outcome.lines.filter((l) => l.expected === undefined)
  const wrong = outcome.lines.filter((l) => !l.agrees)
  for (const line of wrong) {
    const said = line.script ? `the script says ${line.script}` : 'the script printed no verdict'
    lines.push(`  ${pc.red('✗')} ${line.id}: ${said}${line.expected ? `; kit labs expects ${line.expected} (${line.found})` : ''}`)
  }
  if (outcome.badExit) lines.push(`  ${pc.red('✗')} ${outcome.badExit}`)
  const agreed = compared.filter((l) => l.agrees).length
  const unchecked = other.filter((l) => l.agrees).map((l) => `${l.id} ${l.script}`)
  const mark = wrong.length === 0 && !outcome.badExit ? pc.green('✓') : ' '
  const notCompared = unchecked.length > 0 ? pc.dim(`; not compared: ${unchecked.join(', ')}`) : ''
  lines.push(`  ${mark} verdicts that agree with kit labs: ${agreed} of ${compared.length}${notCompared}`)
  return lines
}

/** Whether the preflight script disagreed with kit labs (or could not run). */
export function preflightFailed(outcome: PreflightOutcome): boolean {
  return outcome.error !== undefined || outcome.badExit !== undefined || outcome.lines.some((l) => !l.agrees)
}

/** Lines for one event of a run. */
export function eventLines(event: LabEvent): string[] {
  switch (event.type) {
    case 'exercise':
      return ['', pc.bold(`${event.plan.exercise.id}  ${event.plan.exercise.title}`)]
    case 'step': {
      const { outcome } = event
      const time = outcome.seconds !== undefined ? pc.dim(`  ${outcome.seconds.toFixed(1)} s`) : ''
      if (outcome.status === 'pass') return [`  ${pc.green('✓')} ${outcome.title}${time}`]
      if (outcome.status === 'skipped') return [`  ${pc.yellow('–')} ${outcome.title} ${pc.dim(`skipped: ${outcome.reason}`)}`]
      if (outcome.status === 'unchecked') return [`  ${pc.yellow('~')} ${outcome.title}${time}`, `      ${pc.yellow(outcome.reason ?? 'ran, output not checked')}`]
      const lines = [`  ${pc.red('✗')} ${outcome.title}${time}`, `      ${pc.red(outcome.reason ?? 'failed')}`]
      if (outcome.failure) lines.push(...failureLines(event.plan.exercise.file, outcome.failure))
      return lines
    }
    case 'cleanup':
      if (event.ran === 0) return []
      if (event.failures.length === 0) return [`  ${pc.dim(`clean-up: ${plural(event.ran, 'block')} ran`)}`]
      return [
        `  ${pc.red('✗')} clean-up: ${event.failures.length} of ${plural(event.ran, 'block')} failed`,
        ...event.failures.flatMap((f) => [`      ${pc.red(f.message)}`, ...failureLines(event.plan.exercise.file, f)]),
      ]
    case 'done':
      return []
  }
}

/** Where it failed, then expected vs actual with the differing lines marked. */
export function failureLines(file: string, failure: BlockFailure): string[] {
  const lines = [`      ${pc.dim(`at ${file}:${failure.line}`)}`]
  if (failure.diff) {
    lines.push(`      ${pc.red('- expected')}  ${pc.green('+ actual')}`)
    for (const line of failure.diff) {
      if (line.kind === 'same') lines.push(`        ${line.text}`)
      else if (line.kind === 'expected') lines.push(pc.red(`      - ${line.text}`))
      else lines.push(pc.green(`      + ${line.text}`))
    }
  } else if (failure.output?.trim()) {
    const output = failure.output.trimEnd().split('\n')
    const shown = output.slice(-15)
    lines.push(`      ${pc.dim(`output${shown.length < output.length ? ` (last ${shown.length} lines)` : ''}:`)}`)
    for (const line of shown) lines.push(`        ${line}`)
  }
  return lines
}

export function summaryLine(results: ExerciseResult[], seconds: number, file: string): string {
  const counts = { pass: 0, unchecked: 0, fail: 0, skipped: 0 }
  const reasons = new Map<string, number>()
  let cleanupFailed = 0
  for (const result of results) {
    const t = tally(result)
    counts.pass += t.pass
    counts.unchecked += t.unchecked
    counts.fail += t.fail
    counts.skipped += t.skipped
    if (result.cleanup === 'fail') cleanupFailed++
    for (const step of result.steps) {
      if (step.status === 'skipped' && step.reason) reasons.set(step.reason, (reasons.get(step.reason) ?? 0) + 1)
    }
  }
  const why = [...reasons].map(([reason, n]) => `${n} ${reason}`).join('; ')
  const colour = counts.fail + cleanupFailed > 0 ? pc.red : pc.green
  return colour(
    `${plural(counts.pass, 'step')} passed, ${counts.unchecked} ran without an output check, ${counts.fail} failed, ${counts.skipped} skipped${why ? ` (${why})` : ''}` +
      `${cleanupFailed > 0 ? `, ${plural(cleanupFailed, 'clean-up')} failed` : ''} in ${seconds.toFixed(1)} s; results in ${file}`,
  )
}
