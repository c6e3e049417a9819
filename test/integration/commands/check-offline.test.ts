import { appendFile, cp, readFile, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runChecks, type CheckResult } from '../../../src/commands/check/check.ts'
import { browserForTests } from '../../helpers/browser.ts'
import { copyFixture, KIT } from '../../helpers/project.ts'

const browser = await browserForTests()

/**
 * kit check opens pages in the same guarded tabs as the build: a module
 * that reaches for the network is an error at its line, and the request
 * never leaves the browser.
 */
describe.skipIf(!browser)('kit check is offline', () => {
  const requests: string[] = []
  const server = createServer((req, res) => {
    requests.push(req.url ?? '')
    res.writeHead(200, { 'content-type': 'text/css' }).end('section { color: red; }')
  })
  let result: CheckResult
  let root: string
  let url: string
  let image: string
  let line: number

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/probe.css`
    image = url.replace('probe.css', 'probe.png')
    root = await copyFixture('mini')
    const module = path.join(root, 'content/modules/02-beta.md')
    await appendFile(module, `\n---\n\n## Styled\n\n<style>@import url('${url}');</style>\n\nText.\n`)
    // A page that only the accessibility check loads (the handout) asks for an image.
    await cp(path.join(KIT, 'templates'), path.join(root, 'templates'), { recursive: true })
    const handout = path.join(root, 'templates/handout.hbs')
    await writeFile(handout, (await readFile(handout, 'utf8')).replace('<h2>{{t "agenda.heading"}}</h2>', `<h2>{{t "agenda.heading"}}</h2><img alt="" src="${image}">`))
    line = (await readFile(module, 'utf8')).split('\n').findIndex((l) => l.includes(url)) + 1
    result = await runChecks(root, { browser: true })
  }, 300_000)

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('reports the request once, as an error at the module line that names the URL, and sends nothing', () => {
    // Pages are checked in parallel tabs: the requests come in any order.
    const found = result.problems.list.filter((p) => p.code === 'KIT_NETWORK_REQUEST').sort((a, b) => (a.location?.file ?? '').localeCompare(b.location?.file ?? ''))
    expect(found).toHaveLength(2)
    expect(found[0]).toMatchObject({ severity: 'error', location: { file: 'content/modules/02-beta.md', line, column: 21 } })
    expect(found[0]?.message).toContain(url)
    expect(found[1]).toMatchObject({ severity: 'error', location: { file: 'templates/handout.hbs' } })
    expect(found[1]?.message).toContain(image)
    expect(requests).toEqual([])
  })

  it('reports it again in the next check: a page that reached for the network is never taken from the cache', async () => {
    const again = await runChecks(root, { browser: true })
    const found = again.problems.list.filter((p) => p.code === 'KIT_NETWORK_REQUEST')
    expect(found.map((p) => p.location?.file).sort()).toEqual(['content/modules/02-beta.md', 'templates/handout.hbs'])
    expect(again.axe.pages.checked).toBeGreaterThan(0)
    expect(requests).toEqual([])
  }, 300_000)
})
