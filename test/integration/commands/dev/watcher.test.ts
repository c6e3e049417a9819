import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevServer, type DevServer } from '../../../../src/commands/dev/server.ts'
import { copyFixture } from '../../../helpers/project.ts'

describe('kit dev: the watcher', () => {
  let root: string
  let server: DevServer

  beforeAll(async () => {
    root = await copyFixture('mini')
    server = await startDevServer({ root, log: () => {} })
  })
  afterAll(async () => {
    await server.close()
  })

  it('sees every save made by replacing the file (sed -i: write a temporary file, rename it over)', async () => {
    const file = path.join(root, 'content/modules/01-alpha.md')
    const original = readFileSync(file, 'utf8')
    for (let save = 1; save <= 5; save++) {
      const next = server.nextBuild()
      const temporary = path.join(root, `content/modules/sed${save}XyZ`)
      // In one go, as sed does: the temporary file lives for microseconds.
      writeFileSync(temporary, original.replace('ALPHA-FIRST slide', `SAVE-${save} slide`))
      renameSync(temporary, file)
      expect((await next).ok).toBe(true)
      expect(await (await fetch(`${server.url}instructor/long/slides.html`)).text()).toContain(`SAVE-${save} slide`)
    }
  })
})
