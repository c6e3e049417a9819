import path from 'node:path'
import { z } from 'zod'
import type { InputLog } from './input-log.ts'

/**
 * What `kit live` learned about the exercises: one summary file per session
 * (`.kit-live/summaries/<session>.json`), written when a session stops and by
 * `kit live report`, with counts and medians per step and no names. The
 * build reads them (every file logged as an input, so a new session makes
 * the next build run) and the guide shows the last session's figures
 * beside each exercise's verification.
 */
/** Beside the session files, in a folder of its own: only a new summary changes its listing, not a session opening or closing. */
export const LIVE_RUNS_DIR = '.kit-live/summaries'
export const SUMMARY_SUFFIX = '.json'

const stepSummary = z.object({
  title: z.string(),
  done: z.number().int().min(0),
  stuck: z.number().int().min(0),
  /** Median minutes to tick it, from the step before. */
  median: z.number().nullable(),
})

export const liveSummarySchema = z.object({
  version: z.literal(1),
  session: z.string(),
  edition: z.string(),
  lang: z.string(),
  /** The day it ran (YYYY-MM-DD). */
  date: z.string(),
  learners: z.number().int().min(0),
  exercises: z.record(z.string(), z.object({ title: z.string(), participants: z.number().int().min(0), finished: z.number().int().min(0), steps: z.array(stepSummary) })),
})

export type LiveSummary = z.infer<typeof liveSummarySchema>

/** Every readable session summary of the project, newest last (by date, then session id). A file that is not one is skipped. */
export async function readLiveRuns(root: string, inputs: InputLog): Promise<LiveSummary[]> {
  const dir = path.join(root, LIVE_RUNS_DIR)
  const runs: LiveSummary[] = []
  for (const entry of await inputs.list(dir)) {
    if (!entry.isFile() || !entry.name.endsWith(SUMMARY_SUFFIX)) continue
    const bytes = await inputs.read(path.join(dir, entry.name))
    const parsed = bytes ? liveSummarySchema.safeParse(safeJson(bytes.toString('utf8'))) : undefined
    if (parsed?.success) runs.push(parsed.data)
  }
  return runs.sort((a, b) => a.date.localeCompare(b.date) || a.session.localeCompare(b.session))
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
