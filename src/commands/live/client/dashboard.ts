import type { StaffView } from '../views.ts'
import { el, t } from './common.ts'

/**
 * The dashboard's panels, redrawn from each staff view: the question's
 * answers, the exercise grid (learners × steps), the stuck queue, who is
 * here, the clock against the agenda, the driving, and the trainer's
 * controls. Every name and message is set as text.
 */
export interface DashboardActions {
  act(path: string, body: unknown): Promise<unknown>
  token: string
}

export function dashboard(root: HTMLElement, v: StaffView, actions: DashboardActions): void {
  const skew = v.now - Date.now()
  root.replaceChildren(
    ...[clockPanel(v), questionPanel(v, actions), stuckPanel(v, actions, skew), exercisePanel(v, actions), roomPanel(v), drivingPanel(v, actions)].filter((p): p is HTMLElement => p !== undefined),
  )
}

function panel(id: string, heading: string, ...children: (Node | string | false | undefined)[]): HTMLElement {
  return el('section', { class: 'panel', id }, el('h2', {}, heading), ...children)
}

function button(label: string, onClick: () => void, attrs: Record<string, string | boolean> = {}): HTMLButtonElement {
  const node = el('button', { type: 'button', ...attrs }, label)
  node.addEventListener('click', onClick)
  return node
}

function clockPanel(v: StaffView): HTMLElement {
  if (!v.clock) return panel('clock', t('live.presenter.clock'), el('p', { class: 'meta' }, t('live.presenter.notStarted')))
  const { ahead } = v.clock
  const words = ahead === 0 ? t('live.presenter.onTime') : ahead > 0 ? t('live.presenter.ahead', { minutes: ahead }) : t('live.presenter.behind', { minutes: -ahead })
  return panel(
    'clock',
    t('live.presenter.clock'),
    el('p', { class: `clock ${ahead < -4 ? 'late' : ahead > 4 ? 'early' : 'on-time'}` }, words),
    el('p', { class: 'meta' }, `${t('live.presenter.plannedAt', { time: v.clock.plannedText })} · ${t('live.presenter.realAt', { time: v.clock.nowText })}`),
  )
}

function questionPanel(v: StaffView, actions: DashboardActions): HTMLElement | undefined {
  const q = v.question
  if (!q || q.choices.length === 0) return undefined
  const max = Math.max(1, ...q.counts)
  const rows = q.choices.map((choice, i) => {
    const label = el('span', { class: 'choice-text' })
    label.innerHTML = choice
    return el(
      'li',
      { class: q.answer === i ? 'right' : '' },
      label,
      el('span', { class: 'bar', style: `--share:${(q.counts[i] ?? 0) / max}` }),
      el('span', { class: 'count', 'data-choice': String(i) }, String(q.counts[i] ?? 0)),
    )
  })
  return panel(
    'answers',
    t('live.presenter.question'),
    el('p', { id: 'answered' }, t('live.presenter.answered', { count: q.answered })),
    el('ol', { class: 'answer-bars' }, ...rows),
    q.state === 'open' && button(t('live.presenter.close'), () => void actions.act('question', { question: q.id, state: 'closed' }), { id: 'close-question' }),
    q.state !== 'revealed' && button(t('live.presenter.reveal'), () => void actions.act('question', { question: q.id, state: 'revealed' }), { id: 'reveal' }),
  )
}

function stuckPanel(v: StaffView, actions: DashboardActions, skew: number): HTMLElement {
  const rows = v.stuck.map((s) => {
    const minutes = Math.max(0, Math.floor((Date.now() + skew - s.since) / 60_000))
    return el(
      'li',
      { class: s.helper ? 'claimed' : '', 'data-learner': s.learner },
      el('strong', {}, s.name),
      s.stepTitle ? el('span', { class: 'meta' }, ` · ${s.stepTitle}`) : '',
      el('span', { class: 'waited' }, ` · ${t('live.presenter.waited', { minutes })}`),
      s.message ? el('p', { class: 'message' }, s.message) : '',
      s.helper
        ? el('p', { class: 'meta' }, t('live.presenter.claimedBy', { name: s.helper }))
        : button(t('live.presenter.claim'), () => void actions.act('claim', { learner: s.learner }), { class: 'claim' }),
      button(t('live.presenter.resolve'), () => void actions.act('resolve', { learner: s.learner }), { class: 'resolve' }),
    )
  })
  return panel('stuck', t('live.presenter.stuckQueue'), rows.length ? el('ol', { class: 'stuck-queue' }, ...rows) : el('p', { class: 'meta' }, t('live.presenter.noneStuck')))
}

function exercisePanel(v: StaffView, actions: DashboardActions): HTMLElement | undefined {
  const x = v.exercise
  if (!x) return undefined
  const head = el('tr', {}, el('th', {}, ''), ...x.steps.map((s, i) => el('th', { title: s }, String(i + 1))), el('th', {}, t('live.presenter.finished')))
  const rows = v.learners.map((l) =>
    el(
      'tr',
      { 'data-learner': l.id },
      el('th', { scope: 'row' }, l.name),
      ...x.steps.map((_, i) => el('td', { class: l.steps.includes(i) ? 'ticked' : l.stuckAt === i ? 'stuck' : '' }, l.steps.includes(i) ? '✓' : l.stuckAt === i ? '!' : '')),
      el('td', { class: l.finished ? 'ticked' : '' }, l.finished ? '✓' : ''),
    ),
  )
  const totals = el('tr', { class: 'totals' }, el('th', {}, ''), ...x.done.map((n) => el('td', {}, String(n))), el('td', {}, String(v.learners.filter((l) => l.finished).length)))
  return panel(
    'grid',
    `${t('live.presenter.grid')}: ${x.title}`,
    el('div', { class: 'grid-scroll' }, el('table', { class: 'steps-grid' }, el('thead', {}, head), el('tbody', {}, ...rows), el('tfoot', {}, totals))),
    x.released ? el('p', { class: 'meta' }, t('live.presenter.releasedNote')) : button(t('live.presenter.release'), () => void actions.act('release', { exercise: x.id }), { id: 'release' }),
  )
}

function roomPanel(v: StaffView): HTMLElement {
  const online = v.learners.filter((l) => l.online).length
  const names = v.learners.map((l) => el('li', { class: l.online ? 'online' : 'away' }, l.name))
  return panel('room', t('live.presenter.room'), el('p', { id: 'here' }, t('live.presenter.learners', { count: online })), el('ul', { class: 'names' }, ...names))
}

function drivingPanel(v: StaffView, actions: DashboardActions): HTMLElement | undefined {
  const others = v.presenters.filter((p) => p.id !== v.you && p.id !== v.driver)
  const you = v.presenters.find((p) => p.id === v.you)
  if (v.driver !== v.you && you?.role !== 'trainer') return undefined
  if (v.driver !== v.you)
    return panel(
      'driving',
      t('live.presenter.driving'),
      button(t('live.presenter.takeBack'), () => void actions.act('handover', { to: v.you }), { id: 'take-back' }),
    )
  if (others.length === 0) return undefined
  return panel('driving', t('live.presenter.handOver'), ...others.map((p) => button(p.name, () => void actions.act('handover', { to: p.id }), { class: 'hand-over', 'data-to': p.id })))
}

/** The trainer's controls, drawn once (not with every view, so typing a helper's name is never interrupted). */
export function trainerPanel(v: StaffView, actions: DashboardActions): HTMLElement | undefined {
  if (v.presenters.find((p) => p.id === v.you)?.role !== 'trainer') return undefined
  const name = el('input', { type: 'text', id: 'helper-name', maxlength: '40', placeholder: t('live.presenter.helperName'), 'aria-label': t('live.presenter.helperName') }) as HTMLInputElement
  const out = el('p', { id: 'helper-link', class: 'meta' })
  const invite = button(t('live.presenter.invite'), () => {
    if (!name.value.trim()) return
    void actions.act('invite', { name: name.value }).then((r) => {
      const made = r as { link: string; name: string } | undefined
      if (made) out.replaceChildren(t('live.presenter.helperLink', { name: made.name }), el('br'), el('code', {}, made.link))
    })
  })
  const end = button(t('live.presenter.end'), () => {
    if (window.confirm(t('live.presenter.endConfirm'))) void actions.act('end', {})
  })
  return panel('trainer', t('live.presenter.invite'), el('div', { class: 'row' }, name, invite), out, end)
}
