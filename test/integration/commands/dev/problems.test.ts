import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Browser } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildOptions } from '../../../../src/commands/build.ts'
import { startDevServer, type DevServer } from '../../../../src/commands/dev/server.ts'
import { launchBrowser } from '../../../../src/export/browser/launch.ts'
import { browserForTests } from '../../../helpers/browser.ts'
import { copyFixture } from '../../../helpers/project.ts'

const choice = await browserForTests()

/** The first server-sent event named `name` that the server sends a page connecting now. */
async function firstEvent(url: string, name: string): Promise<string> {
  const abort = new AbortController()
  const res = await fetch(`${url}__kit/events`, { signal: abort.signal })
  const reader = (res.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let text = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) throw new Error(`the event stream ended without a ${name} event: ${text}`)
    text += decoder.decode(value, { stream: true })
    const match = new RegExp(`^event: ${name}\\ndata: (.*)$`, 'm').exec(text)
    if (match) {
      abort.abort()
      return JSON.parse(match[1] ?? '""') as string
    }
  }
}

describe('kit dev reports every problem and keeps serving', () => {
  let root: string
  let server: DevServer
  let browser: Browser | undefined
  const log: string[] = []
  let failNext = false
  /** `kit build`, or a fault that is not a KitError when the test asks for one. */
  const faultyBuild = (options: BuildOptions) => {
    if (failNext) {
      failNext = false
      throw new TypeError('injected fault in the build')
    }
    return build(options)
  }

  beforeAll(async () => {
    root = await copyFixture('mini')
    server = await startDevServer({ root, log: (line) => log.push(line), build: faultyBuild })
    browser = choice && (await launchBrowser(choice))
  })
  afterAll(async () => {
    await browser?.close()
    await server.close()
  })

  it('a rebuild that throws something else than a KitError is a problem in the terminal and the overlay; the last good build stays served and the next save rebuilds', async () => {
    const file = path.join(root, 'content/modules/01-alpha.md')
    const original = readFileSync(file, 'utf8')
    failNext = true
    const failing = server.nextBuild()
    log.length = 0
    await writeFile(file, original.replace('ALPHA-FIRST slide', 'NEVER-BUILT slide'))
    const failed = await failing
    expect(failed.ok).toBe(false)
    expect(failed.error).toMatch(/^error KIT_DEV_REBUILD\n {2}The rebuild after the last save stopped: injected fault in the build/)
    expect(log.join('\n')).toContain('KIT_DEV_REBUILD')
    expect(await firstEvent(server.url, 'problem')).toContain('injected fault in the build')
    const page = await fetch(`${server.url}instructor/long/slides.html`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('ALPHA-FIRST slide')

    const next = server.nextBuild()
    await writeFile(file, original.replace('ALPHA-FIRST slide', 'REBUILT slide'))
    expect((await next).ok).toBe(true)
    expect(await (await fetch(`${server.url}instructor/long/slides.html`)).text()).toContain('REBUILT slide')
  })

  it('shows warnings in the terminal and in the open pages: a code fence left open is seen there', async () => {
    const file = path.join(root, 'content/modules/01-alpha.md')
    const next = server.nextBuild()
    log.length = 0
    await writeFile(file, readFileSync(file, 'utf8').replace('- two\n', '- two\n\n```sh\necho the fence is left open\n'))
    const outcome = await next
    expect(outcome.ok).toBe(true)
    expect(outcome.warnings).toContain('warning KIT_FENCE_RUNS_ON content/modules/01-alpha.md:19:1')
    // With its code frame, read from the file.
    expect(outcome.warnings).toContain('> 19 | ```sh')
    const terminal = log.join('\n')
    expect(terminal).toMatch(/rebuilt in [\d.]+ s, with \d+ warnings?:/)
    expect(terminal).toContain('warning KIT_FENCE_RUNS_ON content/modules/01-alpha.md:19:1')
    expect(await firstEvent(server.url, 'warnings')).toContain('KIT_FENCE_RUNS_ON')
  })

  it.runIf(choice)('draws the warnings panel and the errors overlay in the page, as text', async () => {
    const page = await browser!.newPage()
    try {
      await page.goto(`${server.url}learner/long/handout.html`)
      const panel = await page.waitForSelector('[data-kit-overlay="warnings"]:not([hidden])')
      const text = await panel!.evaluate((element) => element.textContent ?? '')
      expect(text).toContain('kit: warnings in the sources')
      expect(text).toContain('KIT_FENCE_RUNS_ON content/modules/01-alpha.md:19:1')
      expect(await panel!.evaluate((element) => element.querySelector('*:not(button):not(div)'))).toBeNull()

      const file = path.join(root, 'content/modules/01-alpha.md')
      const next = server.nextBuild()
      await writeFile(file, readFileSync(file, 'utf8').replace('duration: 10', 'duration: [oops'))
      expect((await next).ok).toBe(false)
      const overlay = await page.waitForSelector('[data-kit-overlay="problem"]:not([hidden])')
      expect(await overlay!.evaluate((element) => element.textContent ?? '')).toMatch(/KIT_YAML_SYNTAX content\/modules\/01-alpha\.md:\d+:\d+/)
      expect(await page.$eval('[data-kit-overlay="warnings"]', (element) => (element as HTMLElement).hidden)).toBe(true)
    } finally {
      await page.close()
    }
  })
})
