import type { Browser } from 'puppeteer-core'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startLive, type LiveRoom } from '../../../../src/commands/live/live.ts'
import { copyFixture } from '../../../helpers/project.ts'
import { liveBrowser, person, screenshot, textIn } from './harness.ts'

/**
 * The dashboard of a room of 30: simulated learners (HTTP and a socket
 * each, as their pages would) at different steps, some stuck, most having
 * answered; the presenter's page shows the grid, the queue and the counts
 * at laptop size and as a phone remote.
 */
describe('the dashboard with 30 learners', async () => {
  const browser: Browser | undefined = await liveBrowser()
  let live: LiveRoom
  const sockets: WebSocket[] = []
  afterAll(async () => {
    for (const s of sockets) s.terminate()
    await browser?.close()
    await live?.close()
  })

  it.runIf(browser)('shows who is here, the steps grid, the stuck queue and the answers', async () => {
    const root = await copyFixture('live')
    const open = { burst: 1000, perSecond: 1000 }
    live = await startLive({ root, port: 0, limits: { join: open, sockets: open } })
    const trainer = new URL(live.presenterUrl).hash.slice(3)
    const post = async (p: string, token: string, body: unknown) => {
      const res = await fetch(new URL(p, live.joinUrl), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) })
      expect(res.status, p).toBeLessThan(300)
      return (await res.json()) as { token: string; id: string }
    }
    const names = ['Ada', 'Bo', 'Cy', 'Dana', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kai', 'Lena', 'Mo', 'Nia', 'Omar', 'Pia', 'Quinn', 'Rui', 'Sam', 'Tao']
    const learners = []
    for (let i = 0; i < 30; i++) {
      const joined = await post('/api/join', '', { name: i < names.length ? names[i] : `Learner ${i + 1}`, code: live.code })
      learners.push(joined)
      if (i % 7 === 6) continue
      const socket = new WebSocket(`${live.joinUrl.replace('http', 'ws')}ws`, { origin: live.joinUrl.slice(0, -1) })
      await new Promise((resolve) => socket.once('open', resolve))
      socket.send(JSON.stringify({ type: 'hello', token: joined.token, view: 'learner' }))
      sockets.push(socket)
    }
    const question = live.room.model.questions.get('q-basics')!
    await post('/api/staff/goto', trainer, { to: question.slide, from: 0 })
    for (const [i, l] of learners.entries()) if (i % 5 !== 4) await post('/api/answer', l.token, { question: question.id, choice: i % 3 === 0 ? 0 : 1 })
    await post('/api/staff/goto', trainer, { to: live.room.model.exercises.get('first-steps')!.slide, from: question.slide })
    for (const [i, l] of learners.entries()) for (let s = 0; s < i % 4; s++) await post('/api/step', l.token, { exercise: 'first-steps', step: s, done: true })
    await post('/api/stuck', learners[3]!.token, { exercise: 'first-steps', step: 0, message: 'echo prints nothing in my terminal' })
    await post('/api/stuck', learners[9]!.token, { exercise: 'first-steps', step: 1, message: '' })
    await post('/api/stuck', learners[14]!.token, { exercise: 'first-steps', step: 2, message: 'ls: cannot access /: Permission denied' })
    await post('/api/staff/claim', trainer, { learner: learners[3]!.id })

    const laptop = await person(browser!, live.presenterUrl, { width: 1440, height: 900 })
    await textIn(laptop.page, '#here', '26 learners online')
    await textIn(laptop.page, '#stuck', 'Permission denied')
    expect(await laptop.page.$$eval('#grid tbody tr', (rows) => rows.length)).toBe(30)
    expect(await laptop.page.$$eval('#grid tfoot td', (cells) => cells.map((c) => c.textContent))).toEqual(['22', '14', '7', '0'])
    await screenshot(laptop.page, 'dashboard-30')
    const phone = await person(browser!, live.presenterUrl, { width: 390, height: 844 })
    await textIn(phone.page, '#here', '26 learners online')
    await screenshot(phone.page, 'presenter-phone')
  })
})
