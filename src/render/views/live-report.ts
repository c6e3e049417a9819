import { choiceLetter } from '../../core/choice-letters.ts'
import type { Content } from '../../load/content.ts'
import type { Edition } from '../../load/schemas.ts'
import { pageBase, type PageStyles } from './common.ts'

/**
 * The report of a `kit live` session (templates/live/report.hbs): who
 * came, per exercise how many ticked each step, how many were stuck there
 * and the median time, where people got stuck with their messages, and
 * each question's answers with the share that was right. Figures come in
 * computed; this only words them in the workshop's language.
 */
export interface ReportFigures {
  session: string
  started?: number
  learners: number
  attendance: { name: string; joinedAt: number; lastSeen: number }[]
  exercises: { title: string; participants: number; finished: number; steps: { title: string; done: number; stuck: number; median: number | null }[] }[]
  stuck: { name: string; exercise: string; step: string; message: string; at: number; claimedAfter: number | null; helper?: string; resolvedAfter: number | null }[]
  questions: { text: string; choices: string[]; answer?: number; counts: number[]; answered: number; correct: number | null }[]
}

export function liveReportView(content: Content, edition: Edition, figures: ReportFigures, styles: PageStyles, timeZone?: string) {
  const { messages } = content
  const { t } = messages
  const clock = (at: number) => new Intl.DateTimeFormat(messages.lang, { hour: '2-digit', minute: '2-digit', timeZone }).format(at)
  const minutes = (m: number | null) => (m === null ? '—' : t('live.report.minutes', { minutes: Math.round(m) }))
  const date = figures.started ? messages.date(new Date(figures.started)) : ''
  return {
    ...pageBase(content, styles, t('live.report.title', { workshop: content.workshop.title }), edition),
    kind: t('live.report.heading'),
    summary: t('live.report.session', { session: figures.session, edition: edition.title, date }),
    learners: t('live.report.learners', { count: figures.learners }),
    attendance: figures.attendance.map((a) => ({ name: a.name, joined: clock(a.joinedAt), lastSeen: clock(a.lastSeen) })),
    exercises: figures.exercises.map((x) => ({
      title: x.title,
      finished: t('live.report.finished', { finished: x.finished, participants: x.participants }),
      steps: x.steps.map((s) => ({ title: s.title, done: s.done, stuck: s.stuck, median: minutes(s.median), flagged: s.stuck > 0 && s.stuck * 4 >= Math.max(1, x.participants) })),
    })),
    stuck: figures.stuck.map((s) => ({ ...s, at: clock(s.at), claimed: minutes(s.claimedAfter), resolved: minutes(s.resolvedAfter), helper: s.helper ?? '' })),
    questions: figures.questions.map((q, i) => ({
      number: i + 1,
      text: q.text,
      correct: q.correct === null ? '—' : `${Math.round(q.correct * 100)} %`,
      answered: t('live.report.answered', { count: q.answered }),
      choices: q.choices.map((c, k) => ({ letter: choiceLetter(k), text: c, count: q.counts[k] ?? 0, right: q.answer === k })),
    })),
  }
}
