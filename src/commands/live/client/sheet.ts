import type { LiveSheet, LiveSolution } from '../../../render/views/live-sheet.ts'
import type { MeView } from '../views.ts'
import { el, t } from './common.ts'

/**
 * A learner's exercise sheet during a hands-on block: the sections of the
 * learner sheet, a checkbox per step, "Done", "I'm stuck" with a line of
 * text, and the solution once the trainer releases it. Sheet HTML comes
 * from kit (the author's markdown, raw HTML escaped); the learner's own
 * message is set as text.
 */
export interface SheetActions {
  step(exercise: string, step: number, done: boolean): void
  finished(exercise: string, done: boolean): void
  stuck(exercise: string, step: number | null, message: string): void
  unstuck(): void
}

export function sheetView(sheet: LiveSheet, solution: LiveSolution | undefined, me: MeView | undefined, actions: SheetActions): HTMLElement {
  const ticked = new Set(me?.steps[sheet.id] ?? [])
  const steps = sheet.steps.map((step, i) => {
    const box = el('input', { type: 'checkbox', id: `step-${i}`, class: 'step-box' }) as HTMLInputElement
    box.checked = ticked.has(i)
    box.addEventListener('change', () => actions.step(sheet.id, i, box.checked))
    const solved = solution?.steps[i] ? html('div', solution.steps[i] ?? '', 'step-solution') : undefined
    return el(
      'li',
      { class: `step${box.checked ? ' step-done' : ''}`, 'data-step': String(i) },
      el('label', { for: `step-${i}`, class: 'step-title' }, box, el('span', {}, step.title)),
      solved ?? html('div', step.html, 'step-body'),
    )
  })
  const finished = me?.finished.includes(sheet.id) ?? false
  return el(
    'article',
    { class: 'live-sheet', 'data-exercise': sheet.id },
    el('h1', {}, sheet.title),
    el('p', { class: 'meta' }, sheet.durationText),
    html('div', sheet.introHtml),
    ...sheet.before.map((s) => section(s.name, s.html)),
    el('h2', {}, t('live.exercise.steps')),
    el('ol', { class: 'steps' }, ...steps),
    doneBar(sheet, finished, actions),
    stuckBox(sheet, me, ticked, actions),
    ...sheet.after.map((s) => section(s.name, s.html)),
    ...(solution?.html ? [el('section', { class: 'released' }, el('h2', {}, t('live.exercise.solution')), el('p', { class: 'note' }, t('live.exercise.released')), html('div', solution.html))] : []),
  )
}

function doneBar(sheet: LiveSheet, finished: boolean, actions: SheetActions): HTMLElement {
  const button = el('button', { type: 'button', id: 'done', class: finished ? 'done on' : 'done', 'aria-pressed': String(finished) }, finished ? t('live.exercise.notDone') : t('live.exercise.done'))
  button.addEventListener('click', () => actions.finished(sheet.id, !finished))
  return el('div', { class: 'done-bar' }, button, finished ? el('p', { class: 'note' }, t('live.exercise.finished')) : '')
}

function stuckBox(sheet: LiveSheet, me: MeView | undefined, ticked: Set<number>, actions: SheetActions): HTMLElement {
  const stuck = me?.stuck && me.stuck.exercise === sheet.id ? me.stuck : undefined
  if (stuck) {
    const cancel = el('button', { type: 'button', id: 'unstuck' }, t('live.exercise.stuckCancel'))
    cancel.addEventListener('click', () => actions.unstuck())
    const said = stuck.helper ? t('live.exercise.stuckClaimed', { name: stuck.helper }) : t('live.exercise.stuckWaiting')
    return el('div', { class: 'stuck-box is-stuck', role: 'status' }, el('p', { id: 'stuck-status' }, said), stuck.message ? el('p', { class: 'message' }, stuck.message) : '', cancel)
  }
  const message = el('input', { type: 'text', id: 'stuck-message', maxlength: '140', placeholder: t('live.exercise.stuckMessage'), 'aria-label': t('live.exercise.stuckMessage') }) as HTMLInputElement
  const next = sheet.steps.findIndex((_, i) => !ticked.has(i))
  const button = el('button', { type: 'button', id: 'stuck' }, t('live.exercise.stuck'))
  button.addEventListener('click', () => actions.stuck(sheet.id, next >= 0 ? next : null, message.value.slice(0, 140)))
  return el('div', { class: 'stuck-box' }, message, button)
}

function section(name: string, body: string): HTMLElement {
  return el('section', {}, el('h2', {}, name), html('div', body))
}

function html(tag: 'div', markup: string, cls = ''): HTMLElement {
  const node = el(tag, cls ? { class: cls } : {})
  node.innerHTML = markup
  return node
}
