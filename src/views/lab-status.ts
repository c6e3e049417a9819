import type { Exercise } from '../load/exercise.ts'
import { tally, type LabResults } from '../load/lab-results.ts'

/**
 * What instructors are told about an exercise's last `kit labs` run: verified
 * (when, where, how many steps), failed (which steps), changed since, or
 * never verified. Shown on instructor sheets and in the guide.
 */

export type LabState = 'verified' | 'failed' | 'changed' | 'never' | 'unmarked'

export interface LabStatusView {
  state: LabState
  /** A short label for tables: "Verified 26 Nov 2026". */
  label: string
  /** One or two sentences for the sheet. */
  summary: string
  /** Where it ran (kernel, distribution, cgroup, user, Docker). */
  host?: string
  runtime?: string
  /** Steps that did not pass, with why. */
  notPassed: { title: string; status: string; reason: string }[]
}

export function labStatusView(exercise: Exercise, results: LabResults | undefined): LabStatusView {
  const lab = exercise.lab
  if (!lab) {
    return { state: 'unmarked', label: 'Not runnable', summary: 'No steps are marked runnable, so kit labs cannot check this sheet.', notPassed: [] }
  }
  const runnable = lab.steps.length
  const result = results?.exercises[exercise.id]
  if (!result) {
    return {
      state: 'never',
      label: 'Never verified',
      summary: `Never verified: kit labs has not run its ${runnable} runnable step${runnable === 1 ? '' : 's'} yet.`,
      notPassed: [],
    }
  }
  const date = formatDate(result.verifiedAt)
  const counts = tally(result)
  const notPassed = result.steps.filter((s) => s.status !== 'pass').map((s) => ({ title: s.title, status: s.status, reason: s.reason ?? '' }))
  const where = { host: result.host, runtime: result.runtime, notPassed }
  if (result.hash !== lab.hash) {
    return {
      ...where,
      state: 'changed',
      label: `Changed since ${date}`,
      summary: 'Commands or expected output changed after that run: run kit labs again before trusting this sheet.',
    }
  }
  const steps = `${counts.pass} of ${result.steps.length} step${result.steps.length === 1 ? '' : 's'} passed`
  const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : ''
  if (counts.fail > 0 || result.cleanup === 'fail') {
    const failed = counts.fail > 0 ? `${counts.fail} failed` : 'the clean-up failed'
    return { ...where, state: 'failed', label: `Failed ${date}`, summary: `kit labs: ${failed} (${steps}${skipped}). Fix the sheet or the machine before the session.` }
  }
  return { ...where, state: 'verified', label: `Verified ${date}`, summary: `kit labs: ${steps}${skipped}.` }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "26 Nov 2026" (UTC), the same in every locale. */
function formatDate(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`
}
