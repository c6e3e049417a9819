import type { Exercise } from '../../load/exercise.ts'
import { tally, type LabResults } from '../../load/lab-results.ts'
import type { Messages } from '../../core/messages.ts'
import { machineWords, reasonWords } from '../../load/lab-words.ts'

/**
 * What instructors are told about an exercise's last `kit labs` run: verified
 * (when, where, how many steps), failed (which steps), changed since, or
 * never verified. Shown on instructor sheets and in the guide.
 */

export type LabState = 'verified' | 'unchecked' | 'failed' | 'changed' | 'never' | 'unmarked'

export interface LabStatusView {
  state: LabState
  /** A short label for tables: "Verified Nov 26, 2026", the date in the workshop's language. */
  label: string
  /** One or two sentences for the sheet. */
  summary: string
  /** Where it ran (kernel, distribution, cgroup, user, Docker). */
  host?: string
  runtime?: string
  /** Steps that did not pass, with why. */
  notPassed: { title: string; status: string; reason: string }[]
}

export function labStatusView(exercise: Exercise, results: LabResults | undefined, messages: Messages): LabStatusView {
  const { t } = messages
  const lab = exercise.lab
  if (!lab) return { state: 'unmarked', label: t('lab.unmarkedLabel'), summary: t('lab.unmarkedSummary'), notPassed: [] }
  const result = results?.exercises[exercise.id]
  if (!result) return { state: 'never', label: t('lab.neverLabel'), summary: t('lab.neverSummary', { count: lab.steps.length }), notPassed: [] }
  const date = messages.shortDate(result.verifiedAt)
  const counts = tally(result)
  // Facts and codes in the workshop's language; a file written before them (or by a newer kit) keeps its English words.
  const reason = (s: (typeof result.steps)[number]) => (s.why && reasonWords(s.why, messages)) ?? s.reason ?? ''
  const notPassed = result.steps.filter((s) => s.status !== 'pass').map((s) => ({ title: s.title, status: t(`lab.status.${s.status}`), reason: reason(s) }))
  const where = { ...((result.machine && machineWords(result.machine, messages)) ?? { host: result.host, runtime: result.runtime }), notPassed }
  if (result.hash !== lab.hash) return { ...where, state: 'changed', label: t('lab.changedLabel', { date }), summary: t('lab.changedSummary') }
  const tallied = { pass: counts.pass, count: result.steps.length, skipped: counts.skipped, unchecked: counts.unchecked }
  const steps = [counts.skipped > 0 ? t('lab.stepsSkipped', tallied) : t('lab.steps', tallied), ...(counts.unchecked > 0 ? [t('lab.stepsUnchecked', tallied)] : [])].join(t('lab.listSeparator'))
  if (counts.fail > 0 || result.cleanup === 'fail') {
    const failed = counts.fail > 0 ? t('lab.failedSteps', { count: counts.fail }) : t('lab.cleanupFailed')
    return { ...where, state: 'failed', label: t('lab.failedLabel', { date }), summary: t('lab.failedSummary', { failed, steps }) }
  }
  // Steps that only ran (no output compared) keep the sheet from counting as verified.
  if (counts.unchecked > 0) return { ...where, state: 'unchecked', label: t('lab.uncheckedLabel', { date }), summary: t('lab.uncheckedSummary', { steps }) }
  return { ...where, state: 'verified', label: t('lab.verifiedLabel', { date }), summary: t('lab.verifiedSummary', { steps }) }
}
