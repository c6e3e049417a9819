import type { RoomView } from '../views.ts'
import { byId, connect, el, showSlide, staffToken, t } from './common.ts'

/**
 * The projector's view: the current slide, full window, following the
 * driver; on a knowledge-check slide whose answer is revealed, the counts
 * per choice over the slide with the right answer marked. Opened from the
 * presenter page (it needs the trainer's or a helper's token).
 */
const token = staffToken()

async function onMessage(message: { type: string }): Promise<void> {
  if (message.type !== 'room') return
  const room = message as RoomView
  const frame = byId('slide')
  const info = frame.dataset.slide === String(room.current) ? { question: frame.dataset.question } : await showSlide(frame, room.current, token ?? '')
  frame.dataset.question = info.question ?? ''
  const question = room.questions.find((q) => q.id === info.question)
  const overlay = byId('reveal')
  overlay.hidden = question?.state !== 'revealed'
  if (!question || overlay.hidden) return
  const total = (question.counts ?? []).reduce((a, b) => a + b, 0)
  const rows = question.choices.map((choice, i) => {
    const label = el('span', { class: 'choice-text' })
    label.innerHTML = choice
    const count = question.counts?.[i] ?? 0
    return el('li', { class: question.answer === i ? 'right' : '' }, label, el('span', { class: 'bar', style: `--share:${total ? count / total : 0}` }), el('span', { class: 'count' }, String(count)))
  })
  overlay.replaceChildren(el('p', {}, t('live.question.count', { count: total })), el('ol', { class: 'answer-bars' }, ...rows))
}

if (token)
  connect(
    token,
    'screen',
    (m) => void onMessage(m),
    () => {},
    () => {},
  )
document.addEventListener('dblclick', () => void document.documentElement.requestFullscreen?.().catch(() => undefined))
