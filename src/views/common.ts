import { formatDuration, type Agenda } from '../agenda.ts'
import { authorNames } from '../assemble/deck.ts'
import type { Content } from '../load/content.ts'
import type { Exercise } from '../load/exercise.ts'
import { INSTRUCTOR_ONLY } from '../load/exercise.ts'
import type { Edition } from '../load/schemas.ts'
import { renderMarkdown, type Audience } from '../render/markdown.ts'
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
    when: workshop.event?.date ? String(workshop.event.date instanceof Date ? workshop.event.date.toISOString() : workshop.event.date).slice(0, 10) : undefined,
    venue: workshop.event?.venue,
    timezone: workshop.event?.timezone,
  }
}

export function pageBase(content: Content, styles: PageStyles, title: string, edition?: Edition, extraCss = ''): PageBase {
  const { workshop } = content
  return {
    lang: workshop.language,
    title,
    authors: authorNames(content).join(', '),
    csp: STATIC_CSP,
    css: `${styles.fonts}\n${styles.print}\n${extraCss}`,
    pageSize: workshop.paper === 'letter' ? 'letter' : 'A4',
    footer: cssString(styles.brand?.footer ?? `${workshop.title}${edition ? ` — ${edition.title}` : ''}`),
    brand: { logo: styles.brand?.logo, organisation: styles.brand?.organisation },
    workshop: workshopView(content),
    edition: edition ? { id: edition.id, title: edition.title } : undefined,
  }
}

/** Text safe inside a CSS string in a <style> element. */
function cssString(text: string): string {
  return text.replace(/["\\<>&\n]/g, '')
}

export function agendaView(agenda: Agenda) {
  const percent = Math.round(agenda.deviation * 100)
  return {
    entries: agenda.entries,
    totalText: formatDuration(agenda.total),
    targetText: formatDuration(agenda.target),
    startText: agenda.entries[0]?.start ?? '',
    warning: agenda.offTarget
      ? `The planned total (${formatDuration(agenda.total)}) is ${Math.abs(percent)} % ${percent > 0 ? 'over' : 'under'} the target length (${formatDuration(agenda.target)}).`
      : undefined,
  }
}

/** An exercise prepared for one audience: learners never see solutions. */
export function exerciseView(exercise: Exercise, audience: Audience, content: Content) {
  const titles = new Map(content.modules.map((m) => [m.id, m.title]))
  return {
    id: exercise.id,
    title: exercise.title,
    duration: exercise.duration,
    level: exercise.level,
    requires: exercise.requires,
    modules: exercise.modules.map((id) => titles.get(id) ?? id),
    objectives: exercise.objectives,
    introHtml: renderMarkdown(exercise.intro, audience),
    lab: audience === 'instructor' ? labStatusView(exercise, content.labResults) : undefined,
    sections: exercise.sections
      .filter((s) => audience === 'instructor' || !INSTRUCTOR_ONLY.has(s.name))
      .map((s) => ({ name: s.name, html: renderMarkdown(s.markdown, audience, 1), instructorOnly: INSTRUCTOR_ONLY.has(s.name) })),
  }
}
