import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { connect } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevServer, type DevServer } from '../../../../src/commands/dev/server.ts'
import { copyFixture } from '../../../helpers/project.ts'

/**
 * Requests as an attacker writes them, not as fetch() would clean them up:
 * fetch resolves `../` and `%2e%2e` before sending, so a test through it
 * proves nothing about the server.
 */

interface Answer {
  status: number
  body: string
}

/** Sends `target` exactly as written, byte for byte, over a plain socket. */
function rawGet(port: number, target: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1')
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), body: text.slice(text.indexOf('\r\n\r\n') + 4) })
    })
    // HTTP/1.0: the body comes as it is, not in chunks.
    socket.write(`GET ${target} HTTP/1.0\r\nHost: 127.0.0.1:${port}\r\n\r\n`, 'latin1')
  })
}

/** A GET with the Host header given (or none), through node:http. */
function getWithHost(port: number, urlPath: string, host: string | undefined): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = host === undefined ? {} : { host }
    const req = request({ host: '127.0.0.1', port, path: urlPath, headers, setHost: false, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
      // The event stream never ends by itself: its status is enough.
      if (res.headers['content-type']?.startsWith('text/event-stream')) {
        resolve({ status: res.statusCode ?? 0, body: '' })
        req.destroy()
      }
    })
    req.on('error', reject)
    req.end()
  })
}

describe('kit dev answers only what it should', () => {
  let root: string
  let server: DevServer
  let port: number

  beforeAll(async () => {
    root = await copyFixture('mini')
    server = await startDevServer({ root, log: () => {} })
    port = Number(new URL(server.url).port)
  })
  afterAll(async () => {
    await server.close()
  })

  it('answers requests addressed to 127.0.0.1, localhost or [::1] with its port', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LocalHost:${port}`, `[::1]:${port}`]) {
      expect((await getWithHost(port, '/learner/long/index.html', host)).status, host).toBe(200)
    }
  })

  it('refuses any other Host (DNS rebinding), on every route, with a short reason', async () => {
    const hosts = [
      `evil.example:${port}`,
      'evil.example',
      `127.0.0.1.evil.example:${port}`,
      `localhost.evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      'localhost',
      '127.0.0.1',
      `0.0.0.0:${port}`,
      '',
      undefined,
    ]
    for (const host of hosts) {
      for (const route of ['/', '/learner/long/index.html', '/__kit/events', '/__kit/live.js', '/__kit/modules/', '/__kit/modules/alpha.html']) {
        const answer = await getWithHost(port, route, host)
        // Without a Host header at all, Node's HTTP parser answers 400 before kit dev sees the request.
        expect(answer.status, `${String(host)} ${route}`).toBe(host === undefined ? 400 : 403)
        expect(answer.body, `${String(host)} ${route}`).not.toContain('<html')
      }
    }
    expect((await getWithHost(port, '/', `evil.example:${port}`)).body).toContain(`only http://127.0.0.1:${port}/`)
  })

  it('never serves a file outside the folders it serves, however the path is written', async () => {
    const SECRET = 'SECRET-OUTSIDE-THE-SERVED-ROOT'
    // Beside kit dev's own build (.kit-cache/dev) and beside dist/ (PDFs, PPTX and zips of the last build).
    await mkdir(path.join(root, 'dist/learner/long'), { recursive: true })
    await writeFile(path.join(root, 'dist/learner/long/slides.pdf'), '%PDF-1.7 served')
    for (const file of ['.kit-cache/secret.txt', '.kit-cache/dev-secret.txt', '.kit-cache/secret.pdf', 'secret.pdf', 'secret.txt', 'dist-secret.pdf']) {
      await writeFile(path.join(root, file), SECRET)
    }
    await symlink(path.join(root, '.kit-cache/secret.txt'), path.join(root, '.kit-cache/dev/learner/long/linked.txt'))
    // The helper does reach files inside: the refusals below are the server's.
    expect(await rawGet(port, '/learner/long/index.html')).toMatchObject({ status: 200 })
    expect(await rawGet(port, '/learner/long/slides.pdf')).toMatchObject({ status: 200, body: '%PDF-1.7 served' })
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/..%2fdev-secret.txt',
      '/learner/long/..%2f..%2f..%2fsecret.txt',
      '/..%2f..%2fsecret.txt',
      '/..%2fsecret.pdf',
      '/%2e%2e%2fsecret.pdf',
      '/..%2fdist-secret.pdf',
      '/learner/long/..%2f..%2f..%2f..%2fsecret.pdf',
      '/..\\secret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%5csecret.txt',
      '/..%5c..%5csecret.txt',
      '/..%00/secret.txt',
      '/%00..%2fsecret.txt',
      '/..%2fsecret.txt%00.html',
      '/..\0/secret.txt',
      '/%252e%252e%252fsecret.txt',
      '//..%2fsecret.txt',
      '/learner/long/linked.txt',
      `/${'..%2f'.repeat(20)}${root.slice(1).split('/').join('%2f')}%2f.kit-cache%2fsecret.txt`,
      `/%2f${root.slice(1).split('/').join('%2f')}%2f.kit-cache%2fsecret.txt`,
    ]
    for (const target of attempts) {
      const answer = await rawGet(port, target)
      expect(answer.body, target).not.toContain(SECRET)
      expect(answer.status, target).not.toBe(200)
    }
  })

  it('lists no folder', async () => {
    expect((await rawGet(port, '/long/assets/')).status).toBe(404)
  })
})
