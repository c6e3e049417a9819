import { mkdir, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { LIVE_RUNS_DIR, SUMMARY_SUFFIX, type LiveSummary } from '../../load/live-runs.ts'
import type { Figures, SessionOutline } from './figures.ts'
import { sessionFigures } from './figures.ts'
import type { SessionStore } from './store.ts'

/**
 * The anonymous figures of a session for the next build's guide: per
 * exercise and step, how many ticked it, how many were stuck there and the
 * median time; no names, no messages. Written atomically to
 * `.kit-live/summaries/<session>.json`.
 */
export function summaryOf(session: string, meta: Record<string, string>, figures: Figures): LiveSummary {
  return {
    version: 1,
    session,
    edition: meta.edition ?? '',
    lang: meta.lang ?? '',
    date: new Date(figures.started ?? Number(meta.created ?? 0)).toISOString().slice(0, 10),
    learners: figures.learners,
    exercises: Object.fromEntries(
      figures.exercises
        .filter((x) => x.participants > 0)
        .map((x) => [x.id, { title: x.title, participants: x.participants, finished: x.finished, steps: x.steps.map(({ title, done, stuck, median }) => ({ title, done, stuck, median })) }]),
    ),
  }
}

/** A session's outline as stored in its meta at start. */
export function outlineOf(meta: Record<string, string>): SessionOutline {
  try {
    return JSON.parse(meta.outline ?? '') as SessionOutline
  } catch {
    return { exercises: [], questions: [] }
  }
}

/** The figures of a stored session. */
export function storedFigures(store: SessionStore): Figures {
  return sessionFigures(store.events(), store.people(), outlineOf(store.meta()))
}

export async function writeSummary(root: string, session: string, store: SessionStore): Promise<string> {
  const summary = summaryOf(session, store.meta(), storedFigures(store))
  const dir = path.join(root, LIVE_RUNS_DIR)
  await mkdir(dir, { recursive: true })
  const file = path.join(dir, `${session}${SUMMARY_SUFFIX}`)
  await writeFile(`${file}.tmp`, `${JSON.stringify(summary, null, 2)}\n`)
  await rename(`${file}.tmp`, file)
  return file
}
