import type { Messages } from '../../core/messages.ts'
import type { Content } from '../../load/content.ts'
import type { SessionRecords, SurveyResponse } from '../../load/session-records.ts'
import type { EditionPlan } from '../../plan/edition-plan.ts'
import { gainReport, type LearnerGain, type Score } from '../../plan/scores.ts'
import { pageBase, type PageStyles } from './common.ts'
import { trainingFacts } from './paperwork.ts'
import { surveyItems } from './survey.ts'

/**
 * The session report (instructor set): who attended each half-day, the
 * gain per objective between the positioning test and the evaluation
 * (src/plan/scores.ts says how it is computed) for the group and for each
 * learner, and the satisfaction survey summarised. Built only from the
 * session's records; it holds names, so it is never cached.
 */
export function sessionReportView(content: Content, plan: EditionPlan, styles: PageStyles, records: SessionRecords) {
  const { t } = content.messages
  const facts = trainingFacts(content, plan)
  return {
    ...pageBase(content, styles, t('title.sessionReport', { workshop: content.workshop.title }), plan.edition),
    facts,
    attendance: records.attendance && attendanceRows(records, facts.sessions, content.messages),
    sessions: facts.sessions,
    gains: records.before || records.after ? gainsView(content, plan, records) : undefined,
    survey: records.satisfaction ? surveySummary(content, records.satisfaction) : undefined,
  }
}

function attendanceRows(records: SessionRecords, sessions: { id: string; label: string }[], messages: Messages) {
  const present = new Map((records.attendance ?? []).map((a) => [a.learner, new Set(a.sessions)]))
  const names = records.learners.length > 0 ? records.learners.map((l) => l.name) : [...present.keys()]
  return {
    rows: names.map((name) => ({ name, marks: sessions.map((s) => (present.get(name)?.has(s.id) ? '✓' : '—')) })),
    totals: sessions.map((s) => messages.t('report.signed', { count: names.filter((n) => present.get(n)?.has(s.id)).length, total: names.length })),
  }
}

/** A share as a percentage ("75 %"), a gain with its sign ("+25"), or a dash when there is none. */
function percent(score: Score, messages: Messages): string {
  return score === undefined ? '—' : messages.t('report.percent', { value: Math.round(score * 100) })
}

function points(score: Score, messages: Messages): string {
  if (score === undefined) return '—'
  const value = Math.round(score * 100)
  return messages.t('report.points', { value: value > 0 ? `+${value}` : String(value) })
}

function gainsView(content: Content, plan: EditionPlan, records: SessionRecords) {
  const { messages } = content
  const report = gainReport(plan.modules, plan.quiz, records.before ?? [], records.after ?? [])
  const cells = (g: { before: Score; after: Score; gain: Score }) => ({ before: percent(g.before, messages), after: percent(g.after, messages), gain: points(g.gain, messages) })
  // Each learner's overall scores, then their gain per module (and so per objective of the module).
  const learnerRow = (l: LearnerGain) => ({
    learner: l.learner,
    ...cells(l),
    modules: report.modules.map((m) => points(m.learners.find((x) => x.learner === l.learner)?.gain, messages)),
  })
  return {
    group: messages.t('report.groupBoth', { count: report.overall.learners }),
    overall: cells(report.overall),
    modules: report.modules.map((m) => ({
      title: m.module.title,
      objectives: m.module.objectives.length > 0 ? m.module.objectives : [m.module.title],
      asked: messages.t('report.asked', { before: m.asked.before, after: m.asked.after }),
      ...cells(m.group),
    })),
    learners: report.perLearner.map(learnerRow),
    moduleTitles: report.modules.map((m) => m.module.title),
  }
}

function surveySummary(content: Content, responses: readonly SurveyResponse[]) {
  const { messages } = content
  const items = surveyItems(content)
  return {
    forms: messages.t('report.forms', { count: responses.length }),
    items: items.map((item) => {
      const answers = responses.map((r) => r[item.id]).filter((v) => v !== undefined)
      const count = (value: number | boolean) => answers.filter((a) => a === value).length
      const mean = item.kind === 'scale' && answers.length > 0 ? answers.reduce<number>((s, a) => s + Number(a), 0) / answers.length : undefined
      return {
        question: item.question,
        answered: messages.t('report.answered', { count: answers.length }),
        mean: mean === undefined ? undefined : messages.t('report.mean', { value: Math.round(mean * 10) / 10, max: item.options.length }),
        counts: item.kind === 'text' ? [] : item.options.map((label, i) => ({ label, count: count(item.kind === 'yes-no' ? i === 0 : item.kind === 'scale' ? i + 1 : i) })),
        comments: item.kind === 'text' ? answers.map(String) : [],
      }
    }),
  }
}
