/**
 * `npm run bench`'s live scenario: `kit live` on loopback with simulated
 * learners (WebSocket clients that join over HTTP, as the learner page
 * does). For each room size: every learner connected; the time from the
 * presenter's slide change to each learner's socket (p50, p99, over
 * several changes); every learner answering at once (on their sockets, as
 * the page does) until the presenter's counts show them all; the server's
 * memory. Bounded in count and time;
 * traffic stays on 127.0.0.1.
 */
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import WebSocket from 'ws'

interface Started {
  joinUrl: string
  presenterUrl: string
  code: string
  slides: number
  question: { id: string; slide: number }
}

export interface LiveFigures {
  learners: number
  connectSeconds: number
  slideP50: number
  slideP99: number
  answersMs: number
  memoryMiB: number
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN
}

function startServer(kitRoot: string, project: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(kitRoot, 'scripts/bench-live-server.ts'), project], { cwd: kitRoot, stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise<{ child: typeof child; started: Started }>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d) => {
      out += String(d)
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line) resolve({ child, started: JSON.parse(line) as Started })
    })
    child.on('exit', (code) => reject(new Error(`the live server exited (${code}) before it served`)))
  })
}

interface Client {
  token: string
  socket: WebSocket
  /** Resolves when a message passes `test`. */
  next(test: (message: Record<string, unknown>) => boolean): Promise<number>
}

async function connect(base: string, token: string, view: 'learner' | 'staff'): Promise<Client> {
  const socket = new WebSocket(`${base.replace('http', 'ws')}ws`)
  const waiting: { test: (m: Record<string, unknown>) => boolean; resolve: (at: number) => void }[] = []
  socket.on('message', (data) => {
    const at = performance.now()
    const message = JSON.parse(String(data)) as Record<string, unknown>
    for (const w of waiting.filter((x) => x.test(message))) {
      waiting.splice(waiting.indexOf(w), 1)
      w.resolve(at)
    }
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  const client: Client = { token, socket, next: (test) => new Promise((resolve) => waiting.push({ test, resolve })) }
  const greeted = client.next((m) => m.type === (view === 'staff' ? 'staff' : 'room'))
  socket.send(JSON.stringify({ type: 'hello', token, view }))
  await greeted
  return client
}

async function post(base: string, p: string, token: string | undefined, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${p.slice(1)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`)
  return (await res.json()) as Record<string, unknown>
}

/** In batches, so the bench itself does not open hundreds of sockets in one tick. */
async function inBatches<T>(count: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < count; i += size) out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, k) => make(i + k)))))
  return out
}

async function memoryMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '')
  return Number(/^Pss:\s+(\d+)/m.exec(status)?.[1] ?? 0) / 1024
}

export async function liveRun(kitRoot: string, project: string, learners: number, changes = 5): Promise<LiveFigures> {
  const { child, started } = await startServer(kitRoot, project)
  try {
    const base = started.joinUrl
    const trainer = new URL(started.presenterUrl).hash.slice(3)
    const staff = await connect(base, trainer, 'staff')
    const t0 = performance.now()
    const clients = await inBatches(learners, 25, async (i) => {
      const joined = await post(base, '/api/join', undefined, { name: `Learner ${i + 1}`, code: started.code })
      return connect(base, String(joined.token), 'learner')
    })
    const connectSeconds = (performance.now() - t0) / 1000
    const delays: number[] = []
    let current = 0
    for (let c = 0; c < changes; c++) {
      const to = current + 1
      const arrivals = clients.map((client) => client.next((m) => m.type === 'room' && m.current === to))
      const sent = performance.now()
      await post(base, '/api/staff/goto', trainer, { to, from: current })
      for (const at of await Promise.all(arrivals)) delays.push(at - sent)
      current = to
    }
    const onQuestion = clients.map((client) => client.next((m) => m.type === 'room' && m.current === started.question.slide))
    await post(base, '/api/staff/goto', trainer, { to: started.question.slide, from: current })
    await Promise.all(onQuestion)
    const counted = staff.next((m) => m.type === 'staff' && (m.question as { answered?: number } | undefined)?.answered === learners)
    const asked = performance.now()
    // As the learner page does: the answer goes on the learner's open socket, acknowledged there.
    const acks = clients.map((client, i) => {
      const acked = client.next((m) => m.type === 'me' && m.ack === i)
      client.socket.send(JSON.stringify({ type: 'act', id: i, action: 'answer', body: { question: started.question.id, choice: i % 2 } }))
      return acked
    })
    await Promise.all(acks)
    const answersMs = (await counted) - asked
    const memory = await memoryMiB(child.pid ?? 0)
    for (const client of [...clients, staff]) client.socket.terminate()
    return { learners, connectSeconds, slideP50: quantile(delays, 0.5), slideP99: quantile(delays, 0.99), answersMs, memoryMiB: memory }
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
  }
}
