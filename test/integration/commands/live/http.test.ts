import { existsSync, readFileSync } from 'node:fs'
import { request } from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startLive, type LiveRoom } from '../../../../src/commands/live/live.ts'
import { copyFixture } from '../../../helpers/project.ts'

/**
 * The room's door, over plain HTTP: what learners may fetch, what every
 * bad request gets (a clear 4xx, and nothing changes), tokens, hosts,
 * origins and rate limits.
 */
describe('kit live over HTTP', () => {
  let root: string
  let live: LiveRoom
  let trainer: string
  let learner: string
  const url = (p: string) => `${live.joinUrl}${p.replace(/^\//, '')}`
  const post = (p: string, body: unknown, token?: string, type = 'application/json') =>
    fetch(url(p), { method: 'POST', headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: typeof body === 'string' ? body : JSON.stringify(body) })

  beforeAll(async () => {
    root = await copyFixture('live')
    live = await startLive({ root, port: 0, limits: { join: { burst: 30, perSecond: 0.001 } } })
    trainer = new URL(live.presenterUrl).hash.replace('#t=', '')
    const joined = await post('/api/join', { name: 'Lea', code: live.code.toLowerCase() })
    expect(joined.status).toBe(201)
    learner = ((await joined.json()) as { token: string }).token
  })
  afterAll(async () => {
    await live?.close()
  })

  it('refuses a second kit live on the session it serves, even from the same process', async () => {
    const second = startLive({ root, port: 0 })
    await expect(second).rejects.toMatchObject({ problems: [expect.objectContaining({ code: 'KIT_LIVE_BUSY' })] })
    // The first room still serves.
    expect((await fetch(url('/files/exercises/first-steps.html'))).status).toBe(200)
  })

  it('serves learners their sheets from an allowlist and never an instructor file', async () => {
    const site = path.join(root, '.kit-live/site/instructor/room')
    // The instructor set is built next to the learner set, so refusing it is the server's doing.
    expect(existsSync(path.join(site, 'guide.html'))).toBe(true)
    expect(existsSync(path.join(site, 'exercises/first-steps.instructor.html'))).toBe(true)
    const sheet = await fetch(url('/files/exercises/first-steps.html'))
    expect(sheet.status).toBe(200)
    const text = await sheet.text()
    expect(text).toContain('Say hello')
    expect(text).not.toContain('SECTION-SOLUTION-TEXT')
    for (const p of [
      '/files/guide.html',
      '/files/exercises/first-steps.instructor.html',
      '/files/exercises%2Ffirst-steps.instructor.html',
      '/files/exercises/../guide.html',
      '/files/exercises/%2e%2e/guide.html',
      '/files/quiz.html',
      '/files/manifest.json',
      '/files/index.html',
      '/guide.html',
      '/exercises/first-steps.instructor.html',
      '/.kit-live/site/instructor/room/guide.html',
      '/files/../instructor/room/guide.html',
      '/files/%2e%2e/instructor/room/guide.html',
    ]) {
      const res = await fetch(url(p), { headers: { authorization: `Bearer ${learner}` } })
      expect(res.status, p).toBe(404)
      expect(await res.text(), p).not.toContain('INSTRUCTOR-ONLY-NOTE')
    }
    // Nor does the learner's sheet in the API carry the solution before it is released.
    await post('/api/staff/goto', { to: live.room.model.exercises.get('first-steps')!.slide, from: 0 }, trainer)
    const api = await (await fetch(url('/api/exercises/first-steps'), { headers: { authorization: `Bearer ${learner}` } })).text()
    expect(api).toContain('Say hello')
    expect(api).not.toMatch(/SOLUTION-TEXT|STEP-TWO-SOLUTION|INSTRUCTOR-ONLY-NOTE/)
  })

  it('answers bad input with a clear 4xx, and changes nothing', async () => {
    const seq = live.room.state.seq
    const events = live.room.store.events().length
    const cases: [string, Promise<Response>, number, string][] = [
      ['oversized body', post('/api/stuck', { exercise: 'first-steps', step: 0, message: 'x'.repeat(5000) }, learner), 413, 'too_large'],
      ['malformed JSON', post('/api/step', '{"exercise": "first-steps", "step": 0,', learner), 400, 'malformed_json'],
      ['not JSON', post('/api/step', 'exercise=first-steps', learner, 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type'],
      ['unknown key', post('/api/step', { exercise: 'first-steps', step: 0, done: true, admin: true }, learner), 400, 'invalid_body'],
      ['wrong type', post('/api/step', { exercise: 'first-steps', step: '0', done: true }, learner), 400, 'invalid_body'],
      ['unknown question', post('/api/answer', { question: 'q-nope', choice: 0 }, learner), 404, 'not_found'],
      ['question not asked yet', post('/api/answer', { question: 'q-wrap', choice: 0 }, learner), 403, 'not_shown'],
      ['unknown exercise', post('/api/step', { exercise: 'nope', step: 0, done: true }, learner), 404, 'not_found'],
      ['step out of range', post('/api/step', { exercise: 'first-steps', step: 7, done: true }, learner), 404, 'not_found'],
      ['stale slide index', post('/api/staff/goto', { to: 2, from: 1 }, trainer), 409, 'stale_slide'],
      ['slide out of range', post('/api/staff/goto', { to: 999, from: live.room.state.current }, trainer), 404, 'not_found'],
      ['name too long', post('/api/join', { name: 'n'.repeat(41), code: live.code }, undefined), 400, 'invalid_body'],
      ['name with a control character', post('/api/join', { name: 'Eve\u202Egnp.exe', code: live.code }, undefined), 400, 'invalid_body'],
      ['wrong room code', post('/api/join', { name: 'Eve', code: 'AAAAAA' }, undefined), 403, 'bad_code'],
      ['no token', post('/api/step', { exercise: 'first-steps', step: 0, done: true }), 401, 'unauthorized'],
      ['a guessed token', post('/api/step', { exercise: 'first-steps', step: 0, done: true }, 'x'.repeat(43)), 401, 'unauthorized'],
      ["a learner's token on a control", post('/api/staff/release', { exercise: 'first-steps' }, learner), 403, 'forbidden'],
      ["a learner's token as the trainer", post('/api/staff/goto', { to: 1, from: live.room.state.current }, learner), 403, 'forbidden'],
      ['a slide not shown yet', fetch(url(`/api/slides/${live.room.state.furthest + 1}`), { headers: { authorization: `Bearer ${learner}` } }), 403, 'not_shown'],
    ]
    for (const [what, pending, status, code] of cases) {
      const res = await pending
      expect(res.status, what).toBe(status)
      expect(((await res.json()) as { error: { code: string } }).error.code, what).toBe(code)
    }
    expect(live.room.state.seq).toBe(seq)
    expect(live.room.store.events().length).toBe(events)
    expect([...live.room.state.learners.values()].map((l) => l.name)).toEqual(['Lea'])
  })

  it('answers only to its own host names, and opens sockets only for its own pages and tokens', async () => {
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: live.port, path: '/', headers: { host } }, (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        })
        req.on('error', reject)
        req.end()
      })
    expect(await status(`127.0.0.1:${live.port}`)).toBe(200)
    expect(await status(`localhost:${live.port}`)).toBe(200)
    expect(await status(`attacker.example:${live.port}`)).toBe(403)
    expect(await status(`127.0.0.1:${live.port + 1}`)).toBe(403)
    const ws = (origin: string, token: string) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(`ws://127.0.0.1:${live.port}/ws`, { origin })
        socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', token, view: 'learner' })))
        socket.on('message', (data) => {
          resolve(`message ${JSON.parse(String(data)).type}`)
          socket.close()
        })
        socket.on('close', (code) => resolve(`closed ${code}`))
        socket.on('error', () => resolve('refused'))
      })
    expect(await ws(`http://127.0.0.1:${live.port}`, learner)).toBe('message room')
    expect(await ws('http://attacker.example', learner)).toBe('refused')
    expect(await ws(`http://127.0.0.1:${live.port}`, 'y'.repeat(43))).toBe('closed 4401')
    // A learner's token cannot open the staff view.
    const staff = await new Promise<string>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${live.port}/ws`)
      socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', token: learner, view: 'staff' })))
      socket.on('message', () => resolve('message'))
      socket.on('close', (code) => resolve(`closed ${code}`))
    })
    expect(staff).toBe('closed 4401')
  })

  it('checks actions sent on a learner socket like requests: schema, decision, nothing changed when refused', async () => {
    const seq = live.room.state.seq
    const replies = await new Promise<Record<string, unknown>[]>((resolve) => {
      const got: Record<string, unknown>[] = []
      const socket = new WebSocket(`ws://127.0.0.1:${live.port}/ws`)
      socket.on('open', () => {
        socket.send(JSON.stringify({ type: 'hello', token: learner, view: 'learner' }))
        socket.send(JSON.stringify({ type: 'act', id: 1, action: 'answer', body: { question: 'q-nope', choice: 0 } }))
        socket.send(JSON.stringify({ type: 'act', id: 2, action: 'step', body: { exercise: 'first-steps', step: 0, done: 'yes' } }))
        socket.send(JSON.stringify({ type: 'act', id: 3, action: 'step', body: { exercise: 'first-steps', step: 0, done: true } }))
        socket.send('{"type":"act","id":4,"action":"become-trainer","body":{}}')
      })
      socket.on('message', (data) => got.push(JSON.parse(String(data))))
      socket.on('close', (code) => resolve([...got, { closed: code }]))
    })
    expect(replies.filter((r) => r.type === 'refused')).toEqual([
      { type: 'refused', id: 1, code: 'not_found', message: expect.any(String) },
      { type: 'refused', id: 2, code: 'invalid_body', message: expect.any(String) },
    ])
    expect(replies.find((r) => r.ack === 3)).toMatchObject({ type: 'me', steps: { 'first-steps': [0] } })
    expect(replies.at(-1)).toEqual({ closed: 4400 })
    expect(live.room.state.seq).toBe(seq + 1)
  })

  it('serves pages under a strict policy with no inline script', async () => {
    for (const p of ['/', '/present', '/screen']) {
      const res = await fetch(url(p))
      const policy = res.headers.get('content-security-policy') ?? ''
      expect(policy).toContain("script-src 'self'")
      expect(policy).not.toMatch(/script-src[^;]*unsafe/)
      expect(policy).toContain("frame-ancestors 'none'")
      const html = await res.text()
      // The only inline script element is the JSON data block of the page's words, which browsers never run.
      const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)].map((m) => m[1])
      expect(inline).toEqual([' type="application/json" id="kit-words"'])
      expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/)
    }
  })

  it('keeps learner tokens only as hashes in the session file', () => {
    const bytes = readFileSync(live.file).toString('latin1') + (existsSync(`${live.file}-wal`) ? readFileSync(`${live.file}-wal`).toString('latin1') : '')
    expect(bytes).toContain('Lea')
    expect(bytes).not.toContain(learner)
  })

  it('limits joins per address', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 35; i++) statuses.push((await post('/api/join', { name: `Flood ${i}`, code: 'WRONG1' })).status)
    expect(statuses).toContain(429)
    const limited = await post('/api/join', { name: 'Late', code: live.code })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
  })
})
