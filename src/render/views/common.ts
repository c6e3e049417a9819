import type { Agenda, AgendaEntry } from '../../plan/agenda.ts'
import type { Messages } from '../../core/messages.ts'
import { authorNames } from '../deck/assemble-deck.ts'
import type { Content } from '../../load/content.ts'
import type { Exercise } from '../../load/exercise.ts'
import { INSTRUCTOR_ONLY, SECTION_KEYS } from '../../load/exercise.ts'
import type { Edition } from '../../load/schemas.ts'
import { renderMarkdown, type Audience } from '../markdown-html.ts'
import { labStatusView } from './lab-status.ts'

/**
 * Pieces shared by every page view: the <head> fields, the workshop block and
 * the agenda. Views are plain data; templates only lay them out.
 */

/** Only what the deck itself needs: no remote loads, no scripts. */
export const STATIC_CSP = "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

export interface PageStyles {
  /** @font-face rules (data URLs). */
  fonts: string
  /** templates/print.css, with the brand's colours. */
  print: string
  /** Logo, organisation and footer from workshop.yaml's brand. */
  brand?: { logo?: string; organisation?: string; footer?: string }
}

export interface PageBase {
  lang: string
  /** "rtl" for languages written right to left: set on <html>, print.css mirrors the layout. */
  dir: 'ltr' | 'rtl'
  title: string
  authors: string
  csp: string
  css: string
  pageSize: string
  footer: string
  brand: { logo?: string; organisation?: string }
  workshop: WorkshopView
  edition?: { id: string; title: string }
}

export interface WorkshopView {
  title: string
  subtitle?: string
  authors: string
  audience?: string
  prerequisites: string[]
  when?: string
  venue?: string
  timezone?: string
}

export function workshopView(content: Content): WorkshopView {
  const { workshop } = content
  return {
    title: workshop.title,
    subtitle: workshop.subtitle,
    authors: authorNames(content).join(', '),
    audience: workshop.audience,
    prerequisites: workshop.prerequisites,
    when: workshop.event?.date ? content.messages.date(workshop.event.date) : undefined,
    venue: workshop.event?.venue,
    timezone: workshop.event?.timezone,
  }
}

export function pageBase(content: Content, styles: PageStyles, title: string, edition?: Edition, extraCss = ''): PageBase {
  const { workshop } = content
  return {
    lang: workshop.language,
    dir: content.messages.dir,
    title,
    authors: authorNames(content).join(', '),
    csp: STATIC_CSP,
    css: `${styles.fonts}\n${styles.print}\n${extraCss}`,
    pageSize: (workshop.paper ?? content.messages.paper) === 'letter' ? 'letter' : 'A4',
    footer: cssString(styles.brand?.footer ?? `${workshop.title}${edition ? `${content.messages.t('common.dash')}${edition.title}` : ''}`),
    brand: { logo: styles.brand?.logo, organisation: styles.brand?.organisation },
    workshop: workshopView(content),
    edition: edition ? { id: edition.id, title: edition.title } : undefined,
  }
}

/** Text safe inside a CSS string in a <style> element. */
function cssString(text: string): string {
  return text.replace(/["\\<>&\n]/g, '')
}

/** An agenda entry with its clock times written the language's way ("9:00 AM", "09:00"). */
export function localEntry(entry: AgendaEntry, messages: Messages) {
  return { ...entry, start: messages.time(entry.startMinute), end: messages.time(entry.startMinute + entry.minutes) }
}

export function agendaView(agenda: Agenda, messages: Messages) {
  const percent = Math.abs(Math.round(agenda.deviation * 100))
  const total = messages.duration(agenda.total)
  const target = messages.duration(agenda.target)
  const entries = agenda.entries.map((e) => localEntry(e, messages))
  return {
    entries,
    totalText: total,
    targetText: target,
    startText: entries[0]?.start ?? '',
    warning: agenda.offTarget ? messages.t(agenda.deviation > 0 ? 'agenda.over' : 'agenda.under', { total, target, percent }) : undefined,
  }
}

/** A known section's heading is kit's word for it in the workshop's language; any other is printed as written. */
function sectionHeading(name: string, t: (key: string) => string): string {
  const key = SECTION_KEYS[name]
  return key ? t(key) : name
}

/** An exercise prepared for one audience: learners never see solutions. */
export function exerciseView(exercise: Exercise, audience: Audience, content: Content) {
  const titles = new Map(content.modules.map((m) => [m.id, m.title]))
  const { t } = content.messages
  const boxes = { solution: t('sheet.box.solution'), tip: t('sheet.box.tip'), warning: t('sheet.box.warning') }
  return {
    id: exercise.id,
    title: exercise.title,
    duration: exercise.duration,
    durationText: content.messages.duration(exercise.duration),
    level: exercise.level && t(`level.${exercise.level}`),
    requires: exercise.requires,
    modules: exercise.modules.map((id) => titles.get(id) ?? id),
    objectives: exercise.objectives,
    introHtml: renderMarkdown(exercise.intro, audience, 0, boxes),
    lab: audience === 'instructor' ? labStatusView(exercise, content.labResults, content.messages) : undefined,
    sections: exercise.sections
      .filter((s) => audience === 'instructor' || !INSTRUCTOR_ONLY.has(s.name))
      .map((s) => ({ name: sectionHeading(s.name, t), html: renderMarkdown(s.markdown, audience, 1, boxes), instructorOnly: INSTRUCTOR_ONLY.has(s.name) })),
  }
}
