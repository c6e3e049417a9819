import { mkdir, symlink, writeFile } from 'node:fs/promises'
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

  it('never serves a file outside the folders it serves, however the path is written', async () => {
    const SECRET = 'SECRET-OUTSIDE-THE-SERVED-ROOT'
    // Beside kit dev's own build (.kit-cache/dev) and beside dist/ (PDFs, PPTX and zips of the last build).
    await mkdir(path.join(root, 'dist/long'), { recursive: true })
    await writeFile(path.join(root, 'dist/long/slides.pdf'), '%PDF-1.7 served')
    for (const file of ['.kit-cache/secret.txt', '.kit-cache/dev-secret.txt', '.kit-cache/secret.pdf', 'secret.pdf', 'secret.txt', 'dist-secret.pdf']) {
      await writeFile(path.join(root, file), SECRET)
    }
    await symlink(path.join(root, '.kit-cache/secret.txt'), path.join(root, '.kit-cache/dev/long/linked.txt'))
    // The helper does reach files inside: the refusals below are the server's.
    expect(await rawGet(port, '/long/index.html')).toMatchObject({ status: 200 })
    expect(await rawGet(port, '/long/slides.pdf')).toMatchObject({ status: 200, body: '%PDF-1.7 served' })
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/..%2fdev-secret.txt',
      '/long/..%2f..%2fsecret.txt',
      '/..%2f..%2fsecret.txt',
      '/..%2fsecret.pdf',
      '/%2e%2e%2fsecret.pdf',
      '/..%2fdist-secret.pdf',
      '/long/..%2f..%2f..%2fsecret.pdf',
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
      '/long/linked.txt',
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
