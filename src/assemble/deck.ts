import type { Marp } from '@marp-team/marp-core'
import { formatDuration, type AgendaEntry } from '../agenda.ts'
import { CHOICE_LETTERS, type Content } from '../load/content.ts'
import type { Exercise } from '../load/exercise.ts'
import type { Module } from '../load/module.ts'
import type { Question } from '../load/schemas.ts'
import type { EditionPlan } from '../plan.ts'
import type { Problems } from '../problems.ts'
import { editionAssetPath, moduleImages, rewriteImages, type ImageRef } from './images.ts'
import { encodeUrlPath } from '../load/references.ts'
import { isolateModule, moduleClass } from './isolate-module.ts'

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

export function assembleDeck(content: Content, plan: EditionPlan, marp: Marp, problems: Problems): AssembledDeck {
  const { workshop } = content
  const slides: { markdown: string; kind: DeckPart['kind']; moduleId?: string; exerciseId?: string; count: number }[] = []
  const generate = plan.edition.slides
  const images = new Map<string, ImageRef>()

  const logo = brandLogo(content)
  if (logo) images.set(logo.projectPath, logo)
  slides.push({ kind: 'title', count: 1, markdown: titleSlide(content, plan, logo) })
  slides.push({ kind: 'agenda', count: 1, markdown: agendaSlide(plan) })
  plan.items.forEach((item, i) => {
    const entry = plan.agenda.entries[i]
    if (item.kind === 'break') {
      if (generate.breaks && entry) slides.push({ kind: 'break', count: 1, markdown: breakSlide(entry) })
      return
    }
    if (item.kind === 'exercise') {
      if (generate.exercises && entry) slides.push({ kind: 'exercise', exerciseId: item.id, count: 1, markdown: exerciseSlide(item, plan, entry) })
      return
    }
    const module = item
    const isolated = isolateModule(module, marp, workshop.brand?.footer)
    for (const image of moduleImages(module, problems)) if (!images.has(image.projectPath)) images.set(image.projectPath, image)
    slides.push({ kind: 'divider', moduleId: module.id, count: 1, markdown: `${isolated.opening}\n\n${dividerSlide(module)}` })
    slides.push({ kind: 'module', moduleId: module.id, count: module.slideCount, markdown: rewriteImages(isolated.body, module.file).trim() })
    const questions = plan.edition.quiz ? plan.quiz.filter((q) => q.module === module.id) : []
    if (questions.length > 0) {
      slides.push({ kind: 'quiz', moduleId: module.id, count: questions.length + 1, markdown: quizSlides(module, questions) })
    }
  })
  if (generate.closing) slides.push({ kind: 'closing', count: 1, markdown: closingSlide(content, plan) })

  const frontMatter = [
    '---',
    'marp: true',
    `theme: ${workshop.theme}`,
    `size: ${JSON.stringify(workshop.size)}`,
    `lang: ${workshop.language}`,
    `title: ${JSON.stringify(`${workshop.title} — ${plan.edition.title}`)}`,
    `author: ${JSON.stringify(authorNames(content).join(', '))}`,
    '---',
  ].join('\n')
  const parts: DeckPart[] = []
  let first = 0
  for (const s of slides) {
    parts.push({ kind: s.kind, moduleId: s.moduleId, exerciseId: s.exerciseId, first, count: s.count })
    first += s.count
  }
  return {
    markdown: `${frontMatter}\n\n${slides.map((s) => s.markdown).join('\n\n---\n\n')}\n`,
    parts,
    slideCount: first,
    images: [...images.values()],
  }
}

export function authorNames(content: Content): string[] {
  return content.workshop.authors.map((a) => (typeof a === 'string' ? a : a.name))
}

/** Escapes text from YAML so it is shown literally in markdown. */
export function md(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~$])/g, '\\$1')
    .replace(/^(\s*)(\d+)\./, '$1$2\\.')
    .replace(/^-/, '\\-')
}

/** Quiz text is author markdown (code spans, emphasis); only raw HTML is neutralised. */
function mdText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n+/g, ' ')
}

function generatedSlide(classes: string, body: string[], notes: string[] = []): string {
  const directive = `<!-- _class: ${JSON.stringify(classes)} -->\n<!-- _paginate: false -->\n<!-- _header: "" -->\n<!-- _footer: "" -->`
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
  const { workshop } = content
  const organisation = workshop.brand?.organisation
  const event = workshop.event
  const when = [event?.date ? String(event.date).slice(0, 10) : undefined, event?.venue].filter(Boolean).join(' · ')
  const who = authorNames(content).join(', ')
  return generatedSlide(
    'title kit-title',
    [
      logo ? `![${md(organisation ?? 'Logo')} h:80](${encodeUrlPath(logo.editionPath)})\n` : '',
      `# ${md(workshop.title)}`,
      '',
      workshop.subtitle ? `## ${md(workshop.subtitle)}` : '',
      '',
      `${md(plan.edition.title)} · ${formatDuration(plan.edition.length)}`,
      '',
      [who, organisation, when]
        .filter(Boolean)
        .map((t) => md(t ?? ''))
        .join('  \n'),
    ],
    [`Welcome. This is the ${plan.edition.title} edition: ${formatDuration(plan.agenda.total)} in total.`],
  )
}

function agendaSlide(plan: EditionPlan): string {
  const lines = plan.agenda.entries.map((e, i) => `${i + 1}. **${e.start}** ${md(e.title)}${e.kind === 'exercise' ? ' *(hands-on)*' : ''}`)
  return generatedSlide('agenda kit-agenda', ['## Agenda', '', ...lines], [`Total ${formatDuration(plan.agenda.total)} against a target of ${formatDuration(plan.agenda.target)}.`])
}

function dividerSlide(module: Module): string {
  const objectives = module.objectives.map((o) => `- ${md(o)}`)
  return generatedSlide(
    `divider kit-divider ${moduleClass(module.id)}`,
    [`# ${md(module.title)}`, '', ...(objectives.length ? ['You will be able to:', '', ...objectives] : [])],
    [`Module "${module.title}": ${formatDuration(module.duration)}.`],
  )
}

/** "Coffee break — back at 10:45": the title, and the clock time it ends, large. */
function breakSlide(entry: AgendaEntry): string {
  return generatedSlide(
    'break kit-break',
    [`# ${md(entry.title)}`, '', `Back at **${entry.end}**`, '', `${formatDuration(entry.minutes)}, ${entry.start}–${entry.end}`],
    [`Break: ${formatDuration(entry.minutes)}. Say when to be back (${entry.end}) and put this slide up until then.`],
  )
}

/** A hands-on item: the exercise, where its sheet is, how long it runs and when it ends. */
function exerciseSlide(exercise: Exercise, plan: EditionPlan, entry: AgendaEntry): string {
  const number = plan.exercises.indexOf(exercise) + 1
  return generatedSlide(
    'exercise kit-exercise',
    [
      `## Hands-on: ${md(exercise.title)}`,
      '',
      `- Sheet: **exercises/${md(exercise.id)}.pdf** (exercise ${number} in the booklet, exercises.pdf)`,
      `- ${formatDuration(exercise.duration)}: until **${entry.end}**`,
      ...(exercise.requires.length > 0 ? [`- You need: ${exercise.requires.map(md).join(', ')}`] : []),
    ],
    [`Hands-on, ${formatDuration(exercise.duration)} (${entry.start}–${entry.end}). Solutions are on the instructor sheet and in the guide.`],
  )
}

/** The last slide: what to remember, where to read on, where to give feedback. */
function closingSlide(content: Content, plan: EditionPlan): string {
  const { workshop } = content
  const remember = workshop.takeaways.length > 0 ? workshop.takeaways : plan.modules.map((m) => m.title)
  const links = workshop.event?.links ?? []
  const feedback = workshop.event?.feedback
  return generatedSlide(
    'closing kit-closing small',
    [
      '## Thank you',
      '',
      workshop.takeaways.length > 0 ? '**Takeaways**' : '**What we covered** (takeaways of each module in your handout)',
      '',
      ...remember.map((t) => `- ${md(t)}`),
      ...(links.length > 0 ? ['', `**Links:** ${links.map((l) => `${md(l.title)}: [${md(l.url)}](${l.url})`).join(' · ')}`] : []),
      ...(feedback ? ['', `**Feedback:** ${feedbackText(feedback)}`] : []),
    ],
    ['Close: the takeaways in one sentence each, then ask for feedback.'],
  )
}

/** A feedback URL becomes a link; a sentence stays text. */
function feedbackText(feedback: string): string {
  return /^https?:\/\/\S+$/.test(feedback) ? `[${md(feedback)}](${feedback})` : md(feedback)
}

const LETTERS = CHOICE_LETTERS

function quizSlides(module: Module, questions: Question[]): string {
  const cls = `quiz kit-quiz ${moduleClass(module.id)}`
  const slides = questions.map((q, i) => {
    const choices = q.choices?.map((c, k) => `${k + 1}. ${mdText(c)}`) ?? ['*Discuss in pairs, then share.*']
    const answerLetter = q.choices ? `${LETTERS[q.choices.indexOf(q.answer)] ?? '?'}: ` : ''
    return generatedSlide(
      cls,
      [`## Knowledge check ${i + 1}/${questions.length}`, '', `**${mdText(q.question)}**`, '', ...choices],
      [`Answer: ${answerLetter}${q.answer}`, q.explanation ? `Why: ${q.explanation}` : ''],
    )
  })
  const answers = questions.map((q, i) => {
    const letter = q.choices ? `${LETTERS[q.choices.indexOf(q.answer)] ?? '?'} — ` : ''
    return `- **${i + 1}.** ${letter}${mdText(q.answer)}`
  })
  slides.push(
    generatedSlide(
      `${cls} small`,
      ['## Knowledge check: answers', '', ...answers],
      questions.map((q) => `${q.id}: ${q.explanation ?? ''}`),
    ),
  )
  return slides.join('\n\n---\n\n')
}
