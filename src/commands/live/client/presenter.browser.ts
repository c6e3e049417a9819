import type { StaffView } from '../views.ts'
import { api, ApiError, byId, connect, showSlide, staffToken, t } from './common.ts'
import { dashboard, trainerPanel } from './dashboard.ts'

/**
 * The presenter's page and dashboard, for the trainer and helpers (a
 * phone works as a remote: the same page, laid out narrow). The driver
 * moves the deck with the buttons or the keyboard (arrows, Page Up/Down,
 * space); the others see who drives and may be handed the driving. The
 * dashboard shows the room: who is here, the steps grid, the stuck queue,
 * the answers to the current question, the clock against the agenda.
 */
const token = staffToken()
let view: StaffView | undefined

function onMessage(message: { type: string }): void {
  if (message.type !== 'staff') return
  const next = message as StaffView
  if (view && next.seq < view.seq) return
  view = next
  void render(next)
}

async function render(v: StaffView): Promise<void> {
  const driving = v.driver === v.you
  const driver = v.presenters.find((p) => p.id === v.driver)
  byId('driver').textContent = driving ? t('live.presenter.driving') : t('live.presenter.drivenBy', { name: driver?.name ?? '' })
  byId<HTMLButtonElement>('prev').disabled = !driving || v.current <= 0
  byId<HTMLButtonElement>('next').disabled = !driving || v.current >= v.total - 1
  byId('position').textContent = t('live.slides.position', { current: v.current + 1, total: v.total })
  byId('notes').innerHTML = v.notes
  byId('next-title').textContent = v.titles.next ? t('live.presenter.next', { title: v.titles.next }) : ''
  byId('status').textContent = v.ended ? t('live.presenter.ended') : t('live.status.connected')
  dashboard(byId('dashboard'), v, { act, token: token ?? '' })
  const controls = byId('controls')
  if (controls.childElementCount === 0) {
    const panel = trainerPanel(v, { act, token: token ?? '' })
    if (panel) controls.append(panel)
  }
  const frame = byId('slide')
  if (frame.dataset.slide !== String(v.current)) await showSlide(frame, v.current, token ?? '')
  const preview = byId('next-slide')
  if (v.current + 1 < v.total && preview.dataset.slide !== String(v.current + 1)) await showSlide(preview, v.current + 1, token ?? '')
  preview.hidden = v.current + 1 >= v.total
}

/** Sends a control; a refusal (another presenter moved first, the question closed already) is shown, and the next view puts things right. */
async function act(path: string, body: unknown): Promise<unknown> {
  try {
    const result = await api(`/api/staff/${path}`, token, body)
    byId('notice').textContent = ''
    return result
  } catch (error) {
    byId('notice').textContent = error instanceof ApiError ? error.message : t('live.error.generic')
    return undefined
  }
}

function move(by: number): void {
  if (!view || view.driver !== view.you) return
  const to = view.current + by
  if (to < 0 || to >= view.total) return
  void act('goto', { to, from: view.current })
}

function setUp(): void {
  if (!token) {
    byId('status').textContent = t('live.error.noToken')
    return
  }
  byId('prev').addEventListener('click', () => move(-1))
  byId('next').addEventListener('click', () => move(1))
  document.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return
    if (['ArrowRight', 'PageDown', ' '].includes(event.key)) {
      event.preventDefault()
      move(1)
    }
    if (['ArrowLeft', 'PageUp'].includes(event.key)) {
      event.preventDefault()
      move(-1)
    }
  })
  byId('open-screen').addEventListener('click', () => {
    const screen = window.open(`/screen#t=${token}`, 'kit-live-screen', 'noopener=no')
    screen?.focus()
  })
  connect(
    token,
    'staff',
    onMessage,
    (s) => byId('status').classList.toggle('status-connecting', s !== 'connected'),
    () => {
      byId('status').textContent = t('live.error.noToken')
    },
  )
}

setUp()
