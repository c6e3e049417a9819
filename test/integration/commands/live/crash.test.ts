import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { copyFixture, KIT } from '../../../helpers/project.ts'

/**
 * `kill -9` of the real `kit live` process mid-session: every action a
 * learner was answered 200 for is there when the room is started again,
 * and the same tokens still work.
 */
interface Served {
  child: ChildProcess
  joinUrl: string
  presenterUrl: string
  code: string
  output: string
}

/** Starts `kit live` and resolves once it has printed its addresses. */
function serve(root: string, args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [path.join(KIT, 'bin/kit.js'), 'live', '--root', root, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
  let output = ''
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += String(chunk)
      const join = /Join:\s+(\S+)/.exec(output)?.[1]
      const code = /Room code:\s+(\S+)/.exec(output)?.[1]
      const presenter = /Presenter[^:]*: (\S+#t=\S+)/.exec(output)?.[1]
      if (join && code && presenter) resolve({ child, joinUrl: join, presenterUrl: presenter, code, output })
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    child.on('exit', (exit) => reject(new Error(`kit live exited (${exit}) before serving:\n${output}`)))
  })
}

describe('kit live after kill -9', () => {
  let running: ChildProcess | undefined
  afterEach(() => {
    running?.kill('SIGKILL')
  })

  it('loses nothing a client was told was stored, and learners keep their tokens', async () => {
    const root = await copyFixture('live')
    const first = await serve(root, ['--port', '0'])
    running = first.child
    const trainer = new URL(first.presenterUrl).hash.slice(3)
    const call = async (served: Served, p: string, token: string, body?: unknown) => {
      const res = await fetch(new URL(p, served.joinUrl), {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      return { status: res.status, body: (await res.json()) as Record<string, unknown> }
    }
    const joined = await fetch(new URL('/api/join', first.joinUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Kim', code: first.code }) })
    const learner = ((await joined.json()) as { token: string }).token
    // The trainer walks the deck to the exercise; every move is acknowledged.
    const slides = (await call(first, '/api/slides/0', trainer)).body
    expect(slides.kind).toBe('join')
    let current = 0
    for (;;) {
      const next = await call(first, `/api/slides/${current + 1}`, trainer)
      expect((await call(first, '/api/staff/goto', trainer, { to: current + 1, from: current })).status).toBe(200)
      current++
      if (next.body.kind === 'exercise') break
    }
    expect((await call(first, '/api/step', learner, { exercise: 'first-steps', step: 0, done: true })).status).toBe(200)
    expect((await call(first, '/api/step', learner, { exercise: 'first-steps', step: 2, done: true })).status).toBe(200)
    expect((await call(first, '/api/stuck', learner, { exercise: 'first-steps', step: 1, message: 'seq prints nothing' })).status).toBe(200)
    first.child.kill('SIGKILL')
    await new Promise((resolve) => first.child.once('exit', resolve))

    const port = new URL(first.joinUrl).port
    const second = await serve(root, ['--port', port])
    running = second.child
    expect(second.output).toContain('resumed session')
    expect(second.code).toBe(first.code)
    const me = await call(second, '/api/me', learner)
    expect(me.status).toBe(200)
    expect(me.body.steps).toEqual({ 'first-steps': [0, 2] })
    expect(me.body.stuck).toMatchObject({ exercise: 'first-steps', step: 1, message: 'seq prints nothing' })
    // The deck is where it was: the next move must start from the exercise slide.
    expect((await call(second, '/api/staff/goto', trainer, { to: current + 1, from: current - 1 })).status).toBe(409)
    expect((await call(second, '/api/staff/goto', trainer, { to: current + 1, from: current })).status).toBe(200)
  })
})
