import { buildAgenda, type Agenda, type AgendaInput } from './agenda.ts'
import type { Content } from '../load/content.ts'
import type { Exercise } from '../load/exercise.ts'
import type { Module } from '../load/module.ts'
import type { BreakItem, Edition, Question } from '../load/schemas.ts'
import { usageError } from '../core/problems.ts'

/** What an edition contains, resolved from ids to parsed sources. */
export interface EditionPlan {
  edition: Edition
  items: (Module | Exercise | (BreakItem & { kind: 'break' }))[]
  modules: Module[]
  exercises: Exercise[]
  /** Quiz questions of the edition's modules, in module order. */
  quiz: Question[]
  agenda: Agenda
}

/** Output formats a build can produce. */
export const FORMATS = ['html', 'pdf', 'pptx'] as const
export type Format = (typeof FORMATS)[number]

/** Picks the editions to build; unknown ids are a usage error (exit 2). */
export function selectEditions(content: Content, wanted: readonly string[]): Edition[] {
  const all = content.workshop.editions
  if (wanted.length === 0) return all
  const unknown = wanted.filter((id) => !all.some((e) => e.id === id))
  if (unknown.length > 0) {
    throw usageError('KIT_UNKNOWN_EDITION', `Unknown edition: ${unknown.join(', ')}.`, `Editions in workshop.yaml: ${all.map((e) => e.id).join(', ')}.`)
  }
  return all.filter((e) => wanted.includes(e.id))
}

export function planEdition(content: Content, edition: Edition): EditionPlan {
  const byId = new Map<string, Module | Exercise>()
  for (const item of [...content.modules, ...content.exercises]) byId.set(item.id, item)
  const items: EditionPlan['items'] = []
  for (const item of edition.items) {
    if (typeof item === 'string') {
      const found = byId.get(item)
      if (found) items.push(found)
    } else items.push({ ...item, kind: 'break' })
  }
  const modules = items.filter((i): i is Module => i.kind === 'module')
  const exercises = items.filter((i): i is Exercise => i.kind === 'exercise')
  const quiz = modules.flatMap((m) => content.quiz.filter((q) => q.module === m.id))
  const agendaItems: AgendaInput[] = items.map((item) =>
    item.kind === 'break'
      ? { kind: 'break', title: item.title ?? content.messages.t('agenda.break'), minutes: item.break }
      : { kind: item.kind, id: item.id, title: item.title, minutes: item.duration },
  )
  const agenda = buildAgenda(agendaItems, content.workshop.event?.start ?? '09:00', edition.length)
  return { edition, items, modules, exercises, quiz, agenda }
}
