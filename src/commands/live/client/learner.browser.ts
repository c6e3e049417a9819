import type { MeView, PublicQuestion, RoomView } from '../views.ts'
import type { LiveSheet, LiveSolution } from '../../../render/views/live-sheet.ts'
import { addCopyButtons, api, ApiError, byId, codeBlocks, connect, el, showSlide, t } from './common.ts'
import { sheetView, type SheetActions } from './sheet.ts'

/**
 * The learner's page: join with a name and the room code, then follow the
 * presenter's slide (page back, never past the furthest slide shown; "Back
 * to live" returns), copy the code of a slide, answer the question on a
 * knowledge-check slide, and during a hands-on block work through the
 * exercise sheet: tick steps, say "Done", or "I'm stuck" with a line of
 * text. The token is kept in this browser, so a reload or a restarted
 * server gives the learner their state back.
 */
const TOKEN_KEY = 'kit-live-learner'

interface State {
  token: string
  room?: RoomView
  me?: MeView
  /** The slide on screen; equal to room.current while following. */
  viewing: number
  following: boolean
  tab: 'slides' | 'exercise'
  sheets: Map<string, { sheet: LiveSheet; solution?: LiveSolution }>
}

let state: State | undefined
let link: { send(message: unknown): boolean } | undefined
/** Actions sent on the socket, waiting for their `ack` (in a `me` message) or `refused`. */
const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>()
let nextId = 1

function start(token: string): void {
  state = { token, viewing: 0, following: true, tab: 'slides', sheets: new Map() }
  byId('join').hidden = true
  byId('app').hidden = false
  connect(
    token,
    'learner',
    onMessage,
    (s) => status(s === 'connected' ? 'live' : 'connecting'),
    () => {
      localStorage.removeItem(TOKEN_KEY)
      location.reload()
    },
  )
}

function status(kind: 'live' | 'connecting' | 'ended'): void {
  const node = byId('status')
  node.textContent = t(kind === 'live' ? 'live.status.connected' : kind === 'ended' ? 'live.presenter.ended' : 'live.status.connecting')
  node.className = `status status-${kind}`
}

function onMessage(message: { type: string }): void {
  if (!state) return
  if (message.type === 'room') {
    const room = message as RoomView
    if (state.room && room.seq < state.room.seq) return
    const moved = state.room?.current !== room.current
    state.room = room
    if (room.ended) status('ended')
    if (state.following) state.viewing = room.current
    if (moved && state.following) state.tab = room.kind === 'exercise' ? 'exercise' : 'slides'
    void render()
  } else if (message.type === 'refused') {
    const refused = message as unknown as { id: number; code: string; message: string }
    pending.get(refused.id)?.reject(new ApiError(409, refused.code, refused.message))
    pending.delete(refused.id)
  } else if (message.type === 'me') {
    const ack = (message as { ack?: number }).ack
    if (ack !== undefined) pending.get(ack)?.resolve()
    if (ack !== undefined) pending.delete(ack)
    state.me = message as MeView
    byId('who').textContent = state.me.name
    void renderExercise()
    renderQuestion()
  }
}

async function render(): Promise<void> {
  if (!state?.room) return
  const { room } = state
  byId('tab-exercise').hidden = room.exercises.length === 0
  byId('tab-slides').setAttribute('aria-pressed', String(state.tab === 'slides'))
  byId('tab-exercise').setAttribute('aria-pressed', String(state.tab === 'exercise'))
  byId('slides-view').hidden = state.tab !== 'slides'
  byId('exercise-view').hidden = state.tab !== 'exercise'
  byId<HTMLButtonElement>('prev').disabled = state.viewing <= 0
  byId<HTMLButtonElement>('next').disabled = state.viewing >= room.furthest
  byId('back-to-live').hidden = state.following
  byId('position').textContent = t('live.slides.position', { current: state.viewing + 1, total: room.total })
  const frame = byId('slide')
  if (frame.dataset.slide !== String(state.viewing)) {
    const info = await showSlide(frame, state.viewing, state.token)
    frame.dataset.question = info.question ?? ''
    codeBlocks(frame, byId('code-blocks'))
  }
  renderQuestion()
  await renderExercise()
}

/** The question of the slide on screen: choices to pick while open, the counts and the right answer once revealed. */
function renderQuestion(): void {
  const box = byId('question')
  const id = byId('slide').dataset.question
  const question = state?.room?.questions.find((q) => q.id === id)
  box.hidden = !question || question.choices.length === 0
  if (!question || box.hidden) return
  const mine = state?.me?.answers[question.id]
  const total = (question.counts ?? []).reduce((a, b) => a + b, 0)
  const choices = question.choices.map((html, i) => choiceButton(question, html, i, mine, total))
  const note = question.state === 'open' ? t('live.question.change') : question.state === 'closed' ? t('live.question.closed') : t('live.question.count', { count: total })
  box.replaceChildren(el('h2', {}, t('live.question.heading')), htmlBlock('p', question.html), el('div', { class: 'choices', role: 'group' }, ...choices), el('p', { class: 'note' }, note))
}

function choiceButton(question: PublicQuestion, html: string, i: number, mine: number | undefined, total: number): HTMLElement {
  const revealed = question.state === 'revealed'
  const button = el('button', {
    type: 'button',
    class: `choice${mine === i ? ' chosen' : ''}${revealed && question.answer === i ? ' right' : ''}`,
    'aria-pressed': String(mine === i),
    disabled: question.state !== 'open',
  })
  button.append(htmlBlock('span', html))
  if (revealed) {
    const count = question.counts?.[i] ?? 0
    button.append(el('span', { class: 'bar', style: `--share:${total ? count / total : 0}` }), el('span', { class: 'count' }, String(count)))
  }
  button.addEventListener('click', () => void send('/api/answer', { question: question.id, choice: i }))
  return button
}

/** Author markdown rendered by kit (raw HTML escaped), as an element. */
function htmlBlock(tag: 'p' | 'span' | 'div', html: string): HTMLElement {
  const node = el(tag)
  node.innerHTML = html
  return node
}

async function renderExercise(): Promise<void> {
  if (!state?.room) return
  const id = state.room.exercise ?? state.room.exercises.at(-1)
  if (!id) return
  const released = state.room.released.includes(id)
  let entry = state.sheets.get(id)
  if (!entry || (released && !entry.solution)) {
    entry = await api<{ sheet: LiveSheet; solution?: LiveSolution }>(`/api/exercises/${id}`, state.token)
    state.sheets.set(id, entry)
  }
  const view = byId('exercise-view')
  view.replaceChildren(sheetView(entry.sheet, entry.solution, state.me, actions))
  addCopyButtons(view)
}

const actions: SheetActions = {
  step: (exercise, step, done) => void send('/api/step', { exercise, step, done }),
  finished: (exercise, done) => void send('/api/finished', { exercise, done }),
  stuck: (exercise, step, message) => void send('/api/stuck', { exercise, step, message }),
  unstuck: () => void send('/api/unstuck', {}),
}

/**
 * Sends an action; when the network is down it is sent again (every action
 * sets a state, so sending it twice is harmless). A refusal is shown, and
 * the next state from the server puts the page right.
 */
async function send(path: string, body: unknown, attempt = 0): Promise<void> {
  try {
    if (!(await onSocket(path.replace('/api/', ''), body))) await api(path, state?.token, body)
  } catch (error) {
    if (error instanceof ApiError) {
      byId('notice').textContent = error.message
      if (state?.me) onMessage(state.me)
      return
    }
    status('connecting')
    window.setTimeout(() => void send(path, body, attempt + 1), Math.min(5000, 250 * 2 ** attempt))
  }
}

/**
 * Sends an action on the open socket and waits for its answer (cheaper
 * than a request when a whole room answers at once); false when the socket
 * is not open or no answer came within 4 s, and the caller uses HTTP.
 */
function onSocket(action: string, body: unknown): Promise<boolean> {
  const id = nextId++
  if (!link?.send({ type: 'act', id, action, body })) return Promise.resolve(false)
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(() => {
      pending.delete(id)
      resolve(false)
    }, 4000)
    pending.set(id, {
      resolve: () => {
        window.clearTimeout(timer)
        resolve(true)
      },
      reject: (error) => {
        window.clearTimeout(timer)
        reject(error)
      },
    })
  })
}

function go(to: number): void {
  if (!state?.room) return
  state.viewing = Math.max(0, Math.min(to, state.room.furthest))
  state.following = state.viewing === state.room.current
  void render()
}

function setUp(): void {
  byId('prev').addEventListener('click', () => go((state?.viewing ?? 0) - 1))
  byId('next').addEventListener('click', () => go((state?.viewing ?? 0) + 1))
  byId('back-to-live').addEventListener('click', () => go(state?.room?.current ?? 0))
  for (const tab of ['slides', 'exercise'] as const) {
    byId(`tab-${tab}`).addEventListener('click', () => {
      if (!state) return
      state.tab = tab
      void render()
    })
  }
  document.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return
    if (event.key === 'ArrowLeft') go((state?.viewing ?? 0) - 1)
    if (event.key === 'ArrowRight') go((state?.viewing ?? 0) + 1)
  })
  const form = byId<HTMLFormElement>('join-form')
  const code = new URLSearchParams(location.search).get('code')
  if (code) (form.elements.namedItem('code') as HTMLInputElement).value = code
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    void join(form)
  })
  const token = localStorage.getItem(TOKEN_KEY)
  if (token) start(token)
  else byId('join').hidden = false
}

async function join(form: HTMLFormElement): Promise<void> {
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value
  try {
    const joined = await api<{ token: string }>('/api/join', undefined, { name: value('name'), code: value('code') })
    localStorage.setItem(TOKEN_KEY, joined.token)
    history.replaceState(null, '', location.pathname)
    start(joined.token)
  } catch (error) {
    const code = error instanceof ApiError ? error.code : ''
    byId('join-error').textContent = code === 'bad_code' ? t('live.join.badCode') : code === 'ended' ? t('live.presenter.ended') : error instanceof ApiError ? error.message : t('live.error.generic')
  }
}

setUp()
