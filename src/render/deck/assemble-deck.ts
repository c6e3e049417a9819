import { escapeMarkdown, neutraliseHtml } from '../../core/escape-html.ts'
import type { Marp } from '@marp-team/marp-core'
import type { AgendaEntry } from '../../plan/agenda.ts'
import type { Messages } from '../../core/messages.ts'
import { letterOf } from '../../core/choice-letters.ts'
import type { Content } from '../../load/content.ts'
import type { Exercise } from '../../load/exercise.ts'
import type { Module } from '../../load/module.ts'
import type { Question } from '../../load/schemas.ts'
import type { EditionPlan } from '../../plan/edition-plan.ts'
import type { Problems } from '../../core/problems.ts'
import { editionAssetPath, moduleImages, rewriteImages, type ImageRef } from '../../load/module-images.ts'
import { encodeUrlPath } from '../../load/references.ts'
import { isolateModule, LOCAL_DIRECTIVES } from './isolate-module.ts'
import type { Audience } from '../../core/audience.ts'
import { withoutNotes } from './without-notes.ts'

/**
 * Assembles an edition's deck: a title slide, an agenda slide, then in
 * running order per module a divider, the module's own slides and its
 * knowledge checks, a slide per break and per hands-on item, and a closing
 * slide. The edition's `slides:` leaves out the generated ones it turns off.
 */

/** A run of consecutive slides in the assembled deck. */
export interface DeckPart {
  kind: 'title' | 'agenda' | 'divider' | 'module' | 'quiz' | 'break' | 'exercise' | 'closing'
  moduleId?: string
  /** The exercise a hands-on slide announces. */
  exerciseId?: string
  /** Index of the first slide (0-based) and number of slides. */
  first: number
  count: number
}

export interface AssembledDeck {
  markdown: string
  parts: DeckPart[]
  slideCount: number
  images: ImageRef[]
}

/**
 * The instructor's deck has everything: speaker notes, and each module's
 * knowledge checks with the answers in their notes and on a slide of
 * answers. The learner's deck is the same deck without speaker notes and
 * without the answers, so a published deck never hands out the quiz key.
 */
export function assembleDeck(content: Content, plan: EditionPlan, marp: Marp, problems: Problems, audience: Audience = 'instructor'): AssembledDeck {
  const { workshop } = content
  const slides: { markdown: string; kind: DeckPart['kind']; moduleId?: string; exerciseId?: string; count: number }[] = []
  const generate = plan.edition.slides
  const images = new Map<string, ImageRef>()

  const logo = brandLogo(content)
  if (logo) images.set(logo.projectPath, logo)
  slides.push({ kind: 'title', count: 1, markdown: titleSlide(content, plan, logo) })
  slides.push({ kind: 'agenda', count: 1, markdown: agendaSlide(plan, content.messages) })
  plan.items.forEach((item, i) => {
    const entry = plan.agenda.entries[i]
    if (item.kind === 'break') {
      if (generate.breaks && entry) slides.push({ kind: 'break', count: 1, markdown: breakSlide(entry, content.messages) })
      return
    }
    if (item.kind === 'exercise') {
      if (generate.exercises && entry) slides.push({ kind: 'exercise', exerciseId: item.id, count: 1, markdown: exerciseSlide(item, plan, entry, content.messages) })
      return
    }
    const module = item
    const own = moduleSlides(module, content, marp, problems)
    for (const image of own.images) if (!images.has(image.projectPath)) images.set(image.projectPath, image)
    slides.push({ kind: 'divider', moduleId: module.id, count: 1, markdown: `${own.opening}\n\n${dividerSlide(module, content.messages)}` })
    slides.push({ kind: 'module', moduleId: module.id, count: module.slideCount, markdown: own.body })
    const questions = plan.edition.quiz ? plan.quiz.filter((q) => q.module === module.id) : []
    if (questions.length > 0) {
      slides.push({ kind: 'quiz', moduleId: module.id, count: questions.length + 1, markdown: quizSlides(questions, content.messages, audience === 'instructor') })
    }
  })
  if (generate.closing) slides.push({ kind: 'closing', count: 1, markdown: closingSlide(content, plan) })

  const frontMatter = deckFrontMatter(content, {
    title: `${workshop.title}${content.messages.t('common.dash')}${plan.edition.title}`,
    author: authorNames(content).join(', '),
  })
  const parts: DeckPart[] = []
  let first = 0
  for (const s of slides) {
    parts.push({ kind: s.kind, moduleId: s.moduleId, exerciseId: s.exerciseId, first, count: s.count })
    first += s.count
  }
  const markdown = `${frontMatter}\n\n${slides.map((s) => s.markdown).join('\n\n---\n\n')}\n`
  return {
    markdown: audience === 'learner' ? withoutNotes(marp, markdown) : markdown,
    parts,
    slideCount: first,
    images: [...images.values()],
  }
}

/**
 * A module's own slides as every deck shows them, an edition's or its
 * preview: `opening` resets the local directives at its start (the brand's
 * footer where the module sets none), `body` has its images at their
 * edition paths.
 */
export function moduleSlides(module: Module, content: Content, marp: Marp, problems: Problems): { opening: string; body: string; images: ImageRef[] } {
  const isolated = isolateModule(module, marp, content.workshop.brand?.footer)
  return { opening: isolated.opening, body: rewriteImages(isolated.body, module.file, marp).trim(), images: moduleImages(module, problems) }
}

/** A deck's front matter: the workshop's theme, size, language and direction; a title and author where given. */
export function deckFrontMatter(content: Content, meta: { title: string; author?: string }): string {
  const { workshop } = content
  return [
    '---',
    'marp: true',
    `theme: ${workshop.theme}`,
    `size: ${JSON.stringify(workshop.size)}`,
    `lang: ${workshop.language}`,
    `title: ${JSON.stringify(meta.title)}`,
    ...(meta.author === undefined ? [] : [`author: ${JSON.stringify(meta.author)}`]),
    ...(content.messages.dir === 'rtl' ? [`style: ${JSON.stringify(RTL_SLIDES)}`] : []),
    '---',
  ].join('\n')
}

/** Slides of a right-to-left language: text runs and aligns from the right; code stays left to right. */
export const RTL_SLIDES = 'section { direction: rtl; } section pre, section code { direction: ltr; unicode-bidi: isolate; }'

export function authorNames(content: Content): string[] {
  return content.workshop.authors.map((a) => (typeof a === 'string' ? a : a.name))
}

/**
 * A slide kit writes keeps kit's own look whatever the module before it set:
 * every local directive is reset for this slide alone (a module's
 * `backgroundColor` or `color` would otherwise carry over to its knowledge
 * checks, the break after it, or the next divider).
 */
function generatedSlide(classes: string, body: string[], notes: string[] = []): string {
  const resets = Object.entries(LOCAL_DIRECTIVES).map(([key, unset]) => `_${key}: ${JSON.stringify(key === 'class' ? classes : unset)}`)
  const directive = `<!--\n${resets.join('\n')}\n-->`
  const note = notes.length > 0 ? `\n\n<!--\n${notes.join('\n').replace(/--/g, '—')}\n-->` : ''
  return `${directive}\n\n${body.join('\n')}${note}`
}

/** The brand's logo as an image of the deck (copied and inlined like every image). */
function brandLogo(content: Content): ImageRef | undefined {
  const logo = content.workshop.brand?.logo
  if (!logo) return undefined
  const projectPath = logo.replace(/^\.\//, '')
  return { projectPath, editionPath: editionAssetPath(projectPath), location: { file: 'content/workshop.yaml' } }
}

function titleSlide(content: Content, plan: EditionPlan, logo?: ImageRef): string {
  const { workshop, messages } = content
  const organisation = workshop.brand?.organisation
  const event = workshop.event
  const when = [event?.date ? messages.date(event.date) : undefined, event?.venue].filter(Boolean).join(' · ')
  const who = authorNames(content).join(', ')
  return generatedSlide(
    'title kit-title',
    [
      logo ? `![${escapeMarkdown(organisation ?? messages.t('common.logo'))} h:80](${encodeUrlPath(logo.editionPath)})\n` : '',
      `# ${escapeMarkdown(workshop.title)}`,
      '',
      workshop.subtitle ? `## ${escapeMarkdown(workshop.subtitle)}` : '',
      '',
      `${escapeMarkdown(plan.edition.title)} · ${escapeMarkdown(messages.duration(plan.edition.length))}`,
      '',
      [who, organisation, when]
        .filter(Boolean)
        .map((t) => escapeMarkdown(t ?? ''))
        .join('  \n'),
    ],
    [messages.t('deck.welcome', { edition: plan.edition.title, total: messages.duration(plan.agenda.total) })],
  )
}

function agendaSlide(plan: EditionPlan, messages: Messages): string {
  const { t } = messages
  const handsOn = ` *${escapeMarkdown(t('deck.handsOnTag'))}*`
  const lines = plan.agenda.entries.map((e, i) => `${i + 1}. **${escapeMarkdown(messages.time(e.startMinute))}** ${escapeMarkdown(e.title)}${e.kind === 'exercise' ? handsOn : ''}`)
  return generatedSlide(
    'agenda kit-agenda',
    [`## ${escapeMarkdown(t('agenda.heading'))}`, '', ...lines],
    [t('deck.agendaNotes', { total: messages.duration(plan.agenda.total), target: messages.duration(plan.agenda.target) })],
  )
}

function dividerSlide(module: Module, messages: Messages): string {
  const objectives = module.objectives.map((o) => `- ${escapeMarkdown(o)}`)
  return generatedSlide(
    'divider kit-divider',
    [`# ${escapeMarkdown(module.title)}`, '', ...(objectives.length ? [escapeMarkdown(messages.t('deck.youWillBeAbleTo')), '', ...objectives] : [])],
    [messages.t('deck.moduleNotes', { title: module.title, duration: messages.duration(module.duration) })],
  )
}

/** "Coffee break — back at 10:45": the title, and the clock time it ends, large. */
function breakSlide(entry: AgendaEntry, messages: Messages): string {
  const { t } = messages
  const start = messages.time(entry.startMinute)
  const end = messages.time(entry.startMinute + entry.minutes)
  const duration = messages.duration(entry.minutes)
  return generatedSlide(
    'break kit-break',
    [`# ${escapeMarkdown(entry.title)}`, '', t('deck.backAt', { time: `**${escapeMarkdown(end)}**` }), '', escapeMarkdown(t('deck.breakTime', { duration, range: t('common.range', { start, end }) }))],
    [t('deck.breakNotes', { duration, end })],
  )
}

/** A hands-on item: the exercise, where its sheet is, how long it runs and when it ends. */
function exerciseSlide(exercise: Exercise, plan: EditionPlan, entry: AgendaEntry, messages: Messages): string {
  const { t } = messages
  const number = plan.exercises.indexOf(exercise) + 1
  const start = messages.time(entry.startMinute)
  const end = messages.time(entry.startMinute + entry.minutes)
  const duration = messages.duration(exercise.duration)
  return generatedSlide(
    'exercise kit-exercise',
    [
      `## ${t('deck.handsOn', { title: escapeMarkdown(exercise.title) })}`,
      '',
      `- ${t('deck.sheet', { file: `**exercises/${escapeMarkdown(exercise.id)}.pdf**`, number, booklet: 'exercises.pdf' })}`,
      `- ${t('deck.until', { duration: escapeMarkdown(duration), time: `**${escapeMarkdown(end)}**` })}`,
      ...(exercise.requires.length > 0 ? [`- ${t('deck.youNeed', { list: exercise.requires.map(escapeMarkdown).join(', ') })}`] : []),
    ],
    [t('deck.handsOnNotes', { duration, start, end })],
  )
}

/** The last slide: what to remember, where to read on, where to give feedback. */
function closingSlide(content: Content, plan: EditionPlan): string {
  const { workshop, messages } = content
  const { t } = messages
  const remember = workshop.takeaways.length > 0 ? workshop.takeaways : plan.modules.map((m) => m.title)
  const links = workshop.event?.links ?? []
  const feedback = workshop.event?.feedback
  return generatedSlide(
    'closing kit-closing small',
    [
      `## ${escapeMarkdown(t('deck.thanks'))}`,
      '',
      workshop.takeaways.length > 0 ? `**${escapeMarkdown(t('deck.takeaways'))}**` : `**${escapeMarkdown(t('deck.covered'))}** ${escapeMarkdown(t('deck.coveredNote'))}`,
      '',
      ...remember.map((r) => `- ${escapeMarkdown(r)}`),
      ...(links.length > 0
        ? ['', `**${escapeMarkdown(t('deck.links'))}** ${links.map((l) => `${escapeMarkdown(l.title)}${escapeMarkdown(t('common.colon'))} [${escapeMarkdown(l.url)}](${l.url})`).join(' · ')}`]
        : []),
      ...(feedback ? ['', `**${escapeMarkdown(t('deck.feedback'))}** ${feedbackText(feedback)}`] : []),
    ],
    [t('deck.closingNotes')],
  )
}

/** A feedback URL becomes a link; a sentence stays text. */
function feedbackText(feedback: string): string {
  return /^https?:\/\/\S+$/.test(feedback) ? `[${escapeMarkdown(feedback)}](${feedback})` : escapeMarkdown(feedback)
}

function quizSlides(questions: Question[], messages: Messages, withAnswers: boolean): string {
  const { t } = messages
  // kit's own slides: the module's scoped styles do not reach them.
  const cls = 'quiz kit-quiz'
  const slides = questions.map((q, i) => {
    const choices = q.choices?.map((c, k) => `${k + 1}. ${neutraliseHtml(c)}`) ?? [`*${escapeMarkdown(t('deck.discuss'))}*`]
    const answerLetter = q.choices ? `${letterOf(q.choices, q.answer)}${t('common.colon')} ` : ''
    return generatedSlide(
      cls,
      [`## ${escapeMarkdown(t('deck.check', { number: i + 1, total: questions.length }))}`, '', `**${neutraliseHtml(q.question)}**`, '', ...choices],
      withAnswers ? [t('deck.answer', { answer: `${answerLetter}${q.answer}` }), q.explanation ? t('deck.why', { explanation: q.explanation }) : ''] : [],
    )
  })
  // The learners' deck keeps the slide (both decks number their slides alike, so "slide 42" is the same slide for everyone) without the answers.
  if (!withAnswers) {
    slides.push(generatedSlide(`${cls} small`, [`## ${escapeMarkdown(t('deck.answers'))}`, '', escapeMarkdown(t('deck.answersInSession'))]))
    return slides.join('\n\n---\n\n')
  }
  const answers = questions.map((q, i) => {
    const letter = q.choices ? `${letterOf(q.choices, q.answer)}${escapeMarkdown(t('common.dash'))}` : ''
    return `- **${i + 1}.** ${letter}${neutraliseHtml(q.answer)}`
  })
  slides.push(
    generatedSlide(
      `${cls} small`,
      [`## ${escapeMarkdown(t('deck.answers'))}`, '', ...answers],
      questions.map((q) => `${q.id}${t('common.colon')} ${q.explanation ?? ''}`),
    ),
  )
  return slides.join('\n\n---\n\n')
}
