import { type Problems, usageError } from '../core/problems.ts'
import type { Project } from '../load/project.ts'
import { type Learner, readRoster } from '../load/roster.ts'
import { readResults } from '../load/session-results.ts'
import type { SessionRecords } from '../load/session-records.ts'
import type { Edition } from '../load/schemas.ts'
import { surveyQuestions } from '../load/survey.ts'
import { planEdition, selectEditions } from '../plan/edition-plan.ts'
import { testQuestions } from '../plan/scores.ts'
import { halfDays } from '../plan/sessions.ts'

/**
 * `--roster FILE` and `--results DIR`, for `kit build` and `kit check`:
 * the roster names every edition's attendance sheet and certificates; the
 * results (test answers, survey forms, attendance) belong to one session,
 * so they go with exactly one `--edition`. Both are personal data: read
 * here, outside the log of the build's inputs, and handed to rendering as
 * values (docs/paperwork.md).
 */
export interface SessionInput {
  /** Path of the roster CSV, relative to the current folder. */
  roster?: string
  /** Folder of before.csv, after.csv, satisfaction.csv, attendance.csv. */
  results?: string
}

/** The records each edition renders with, or undefined when neither flag is given. Problems in the files are added to `problems`. */
export async function readSessionInput(
  project: Project,
  input: SessionInput,
  editions: readonly string[],
  problems: Problems,
): Promise<((edition: Edition) => SessionRecords | undefined) | undefined> {
  if (!input.roster && !input.results) return undefined
  const learners: Learner[] = input.roster ? ((await readRoster(input.roster, project.root, problems)) ?? []) : []
  if (!input.results) return () => (learners.length > 0 ? { learners } : undefined)
  const selected = selectEditions(project.content, editions)
  const edition = selected[0]
  if (selected.length !== 1 || !edition) {
    throw usageError(
      'KIT_NO_SUCH_FILE',
      `--results ${input.results} holds one session's results, and this build has ${selected.length} editions.`,
      `Add --edition with the session's edition: one of ${project.content.workshop.editions.map((e) => e.id).join(', ')}.`,
    )
  }
  const plan = planEdition(project.content, edition)
  const schema = {
    before: testQuestions(plan.quiz, 'before'),
    after: testQuestions(plan.quiz, 'after'),
    survey: surveyQuestions(project.content.workshop),
    sessions: halfDays(plan.agenda).map((s) => s.id),
  }
  const records = await readResults(input.results, project.root, learners, schema, problems)
  return (e) => (e.id === edition.id ? records : learners.length > 0 ? { learners } : undefined)
}
