import type { Content } from '../../load/content.ts'
import { renderInline } from '../../render/markdown-html.ts'
import { liveSheet, liveSolution, type LiveSheet, type LiveSolution } from '../../render/views/live-sheet.ts'
import type { ClockSpan } from '../../plan/live-clock.ts'
import type { LiveDeck } from './deck.ts'
import type { SessionOutline } from './figures.ts'
import { stripTags } from '../../load/module.ts'

/**
 * What does not change during a session: each slide's kind and what it
 * carries (a question, an exercise), the questions with their choices and
 * right answer, the exercises with their steps, and the agenda laid over
 * the slides for the clock. Built once from the live deck; pure.
 */
export type SlideKind = 'join' | 'title' | 'agenda' | 'divider' | 'module' | 'quiz' | 'answers' | 'break' | 'exercise' | 'closing'

export interface ModelSlide {
  kind: SlideKind
  title: string
  /** The question this slide asks (knowledge check). */
  question?: string
  /** The exercise this slide starts (hands-on). */
  exercise?: string
}

export interface ModelQuestion {
  id: string
  slide: number
  /** Inline HTML of the question and its choices (author markdown, raw HTML escaped). */
  html: string
  choices: string[]
  /** Index of the right choice; undefined for a free-answer question (discussed, not answered live). */
  answer?: number
}

export interface ModelExercise {
  id: string
  slide: number
  sheet: LiveSheet
  solution: LiveSolution
}

export interface RoomModel {
  slides: ModelSlide[]
  questions: Map<string, ModelQuestion>
  exercises: Map<string, ModelExercise>
  clock: ClockSpan[]
  /** Minute of the day the agenda starts (09:00 → 540). */
  agendaStart: number
}

export function roomModel(deck: LiveDeck, content: Content): RoomModel {
  const slides: ModelSlide[] = deck.slides.map((_, i) => ({ kind: i === 0 ? 'join' : 'module', title: deck.titles[i] ?? '' }))
  const questions = new Map<string, ModelQuestion>()
  const exercises = new Map<string, ModelExercise>()
  for (const part of deck.parts) {
    for (const slide of slides.slice(part.first, part.first + part.count)) slide.kind = part.kind
    if (part.kind === 'exercise' && part.exerciseId) {
      const exercise = deck.plan.exercises.find((e) => e.id === part.exerciseId)
      if (exercise) exercises.set(exercise.id, { id: exercise.id, slide: part.first, sheet: liveSheet(exercise, content), solution: liveSolution(exercise, content) })
      const first = slides[part.first]
      if (first) first.exercise = part.exerciseId
    }
    if (part.kind === 'quiz') {
      const asked = deck.plan.quiz.filter((q) => q.module === part.moduleId)
      asked.forEach((q, k) => {
        const slide = part.first + k
        const choice = q.choices ? q.choices.indexOf(q.answer) : -1
        questions.set(q.id, { id: q.id, slide, html: renderInline(q.question), choices: (q.choices ?? []).map(renderInline), answer: choice >= 0 ? choice : undefined })
        const shown = slides[slide]
        if (shown) shown.question = q.id
      })
      const answers = slides[part.first + asked.length]
      if (answers) answers.kind = 'answers'
    }
  }
  return { slides, questions, exercises, clock: clockItems(deck), agendaStart: deck.plan.agenda.entries[0]?.startMinute ?? 0 }
}

/** Each agenda entry with the slides that show it: a module's divider, slides and checks; a break's or exercise's slide. */
function clockItems(deck: LiveDeck): ClockSpan[] {
  const { entries } = deck.plan.agenda
  const items: ClockSpan[] = []
  deck.plan.items.forEach((item, i) => {
    const entry = entries[i]
    if (!entry) return
    const parts =
      item.kind === 'module'
        ? deck.parts.filter((p) => p.moduleId === item.id)
        : item.kind === 'exercise'
          ? deck.parts.filter((p) => p.kind === 'exercise' && p.exerciseId === item.id)
          : deck.parts.filter((p) => p.kind === 'break' && !items.some((c) => c.firstSlide === p.first)).slice(0, 1)
    const first = Math.min(...parts.map((p) => p.first))
    const last = Math.max(...parts.map((p) => p.first + p.count))
    if (parts.length > 0) items.push({ startMinute: entry.startMinute, minutes: entry.minutes, firstSlide: first, slideCount: last - first })
  })
  return items
}

/** The exercises' steps and the questions as plain text: stored with the session, so its report needs neither the project nor this version of it. */
export function outlineOfModel(model: RoomModel): SessionOutline {
  const text = (html: string) =>
    stripTags(html)
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .trim()
  return {
    exercises: [...model.exercises.values()].map((x) => ({ id: x.id, title: x.sheet.title, steps: x.sheet.steps.map((s) => s.title) })),
    questions: [...model.questions.values()].map((q) => ({ id: q.id, text: text(q.html), choices: q.choices.map(text), answer: q.answer })),
  }
}
