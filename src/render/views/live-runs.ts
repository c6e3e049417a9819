import type { Messages } from '../../core/messages.ts'
import type { LiveSummary } from '../../load/live-runs.ts'

/**
 * What the guide says about an exercise from the last `kit live` session
 * that ran it: how many finished, and per step how many were stuck there
 * and the median time ("2. Count: 9 of 22 stuck, median 6 min"), so the
 * next session can plan for the step that held people up.
 */
export interface LiveRunView {
  summary: string
  steps: string[]
}

export function liveRunView(exercise: string, runs: readonly LiveSummary[] | undefined, messages: Messages): LiveRunView | undefined {
  const run = [...(runs ?? [])].reverse().find((r) => r.exercises[exercise])
  const figures = run?.exercises[exercise]
  if (!run || !figures) return undefined
  const { t } = messages
  const count = figures.participants
  return {
    summary: t('guide.liveRun', { date: messages.date(run.date), finished: figures.finished, count }),
    steps: figures.steps.map((s) =>
      s.median === null ? t('guide.liveStepNoMedian', { step: s.title, stuck: s.stuck, count }) : t('guide.liveStep', { step: s.title, stuck: s.stuck, count, minutes: Math.round(s.median) }),
    ),
  }
}
