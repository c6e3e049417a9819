import type { Audience } from '../core/audience.ts'
import type { Content } from '../load/content.ts'
import type { SessionRecords } from '../load/session-records.ts'
import type { EditionPlan } from '../plan/edition-plan.ts'
import { testQuestions } from '../plan/scores.ts'
import { giftQuiz } from './quiz-export/gift.ts'
import { moodleXmlQuiz } from './quiz-export/moodle-xml.ts'
import { attendanceView } from './views/attendance.ts'
import { certificatesView } from './views/certificates.ts'
import type { PageStyles } from './views/common.ts'
import { sessionReportView } from './views/session-report.ts'
import { surveyView } from './views/survey.ts'
import { testFormView, testKeyView } from './views/tests.ts'

/**
 * The paperwork of a professional training, for one edition
 * (docs/paperwork.md): the attendance sheet, the positioning test and the
 * evaluation with their keys, the satisfaction survey, the certificates of
 * completion, the session report when results are given, and the quiz
 * exported for an LMS. Everything is in the instructor set except the
 * survey form. Pages that print names from the roster are marked
 * personal: they are never cached.
 */
export interface PaperworkPage {
  audience: Audience
  path: string
  label: string
  template: string
  view: object
  subject: string
  /** Holds learners' names: printed anew every time, never cached. */
  personal?: boolean
  /** The PDF is split into one file per page, at these paths (certificates). */
  split?: { path: string; label: string }[]
}

export function paperworkPages(content: Content, plan: EditionPlan, styles: PageStyles, records?: SessionRecords): PaperworkPage[] {
  const { t } = content.messages
  const learners = records?.learners ?? []
  const personal = learners.length > 0
  const pages: PaperworkPage[] = [
    {
      audience: 'instructor',
      path: 'attendance.html',
      label: t('landing.label.attendance'),
      template: 'attendance',
      view: attendanceView(content, plan, styles, learners),
      subject: t('doc.attendance'),
      personal,
    },
  ]
  for (const kind of ['before', 'after'] as const) {
    if (testQuestions(plan.quiz, kind).length === 0) continue
    const [name, key] = kind === 'before' ? ['positioningTest', 'positioningKey'] : ['evaluation', 'evaluationKey']
    const file = kind === 'before' ? 'positioning-test' : 'evaluation'
    pages.push(
      { audience: 'instructor', path: `${file}.html`, label: t(`landing.label.${name}`), template: 'test-form', view: testFormView(content, plan, kind, styles), subject: t(`doc.${name}`) },
      { audience: 'instructor', path: `${file}-key.html`, label: t(`landing.label.${key}`), template: 'test-key', view: testKeyView(content, plan, kind, styles), subject: t(`doc.${key}`) },
    )
  }
  pages.push({ audience: 'learner', path: 'satisfaction.html', label: t('landing.label.survey'), template: 'survey', view: surveyView(content, plan, styles), subject: t('doc.survey') })
  const certificates = certificatesView(content, plan, styles, records)
  pages.push({
    audience: 'instructor',
    path: 'certificates.html',
    label: t('landing.label.certificates'),
    template: 'certificates',
    view: certificates,
    subject: t('doc.certificate'),
    personal,
    split: certificates.numbers.length > 0 ? certificates.numbers.map((number) => ({ path: `certificates/${number}.pdf`, label: t('landing.label.certificate', { number }) })) : undefined,
  })
  if (records && (records.before || records.after || records.satisfaction || records.attendance)) {
    pages.push({
      audience: 'instructor',
      path: 'session-report.html',
      label: t('landing.label.sessionReport'),
      template: 'session-report',
      view: sessionReportView(content, plan, styles, records),
      subject: t('doc.sessionReport'),
      personal: true,
    })
  }
  return pages
}

/** quiz.gift.txt and quiz.moodle.xml (instructor set): the edition's questions, by module, for an LMS's question bank. */
export function quizExports(content: Content, plan: EditionPlan): { path: string; label: string; text: string }[] {
  if (plan.quiz.length === 0) return []
  const modules = plan.modules.map((m) => ({ id: m.id, title: m.title, questions: plan.quiz.filter((q) => q.module === m.id) }))
  const { t } = content.messages
  return [
    { path: 'quiz.gift.txt', label: t('landing.label.gift'), text: giftQuiz(content.workshop.title, modules) },
    { path: 'quiz.moodle.xml', label: t('landing.label.moodleXml'), text: moodleXmlQuiz(content.workshop.title, modules) },
  ]
}
