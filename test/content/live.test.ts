import { readFileSync } from 'node:fs'
import { cp, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser } from 'puppeteer-core'
import { afterAll, describe, expect, it } from 'vitest'
import { startLive, type LiveRoom } from '../../src/commands/live/live.ts'
import { liveReport } from '../../src/commands/live/report.ts'
import { KIT } from '../helpers/project.ts'
import { join, liveBrowser, person, screenshot, textIn } from '../integration/commands/live/harness.ts'

/**
 * The bundled half-day edition run in `kit live` from the first slide to the
 * last, in the real browser: a presenter walks the whole deck, two learners
 * follow, answer every knowledge check and tick every step of every
 * exercise; the session's report counts all of it.
 */
describe('the bundled half-day in kit live', async () => {
  const browser: Browser | undefined = await liveBrowser()
  let live: LiveRoom | undefined
  afterAll(async () => {
    await browser?.close()
    await live?.close()
  })

  it.runIf(browser)('runs end to end', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'kit-live-bundled-'))
    for (const dir of ['content', 'exercises']) await cp(path.join(KIT, dir), path.join(root, dir), { recursive: true })
    live = await startLive({ root, edition: 'half-day', port: 0 })
    const { model } = live.room
    const presenter = await person(browser!, live.presenterUrl)
    await presenter.page.waitForSelector('#slide svg')
    const learners = [await join(browser!, live.joinLink, 'Ana'), await join(browser!, live.joinLink, 'Ben', { width: 390, height: 844 })]
    for (let n = 1; n < model.slides.length; n++) {
      await presenter.page.click('#next')
      await presenter.page.waitForFunction((t) => document.querySelector('#position')?.textContent?.startsWith(`${t} /`), {}, n + 1)
      const slide = model.slides[n]!
      for (const learner of learners) await learner.page.waitForFunction((t) => document.querySelector('#position')?.textContent?.startsWith(`${t} /`), {}, n + 1)
      if (slide.question && model.questions.get(slide.question)!.choices.length > 0) {
        for (const learner of learners) {
          await learner.page.waitForSelector('#question .choice:not([disabled])')
          await learner.page.click('#question .choice')
          await learner.page.waitForSelector('#question .choice.chosen')
        }
        await textIn(presenter.page, '#answered', '2 answers')
      }
      if (slide.exercise) {
        const steps = model.exercises.get(slide.exercise)!.sheet.steps.length
        for (const learner of learners) {
          await learner.page.waitForSelector('#exercise-view .step-box')
          for (let s = 0; s < steps; s++) {
            await learner.page.click(`#step-${s}`)
            await learner.page.waitForFunction((i) => document.querySelector(`#step-${i}`)?.closest('li')?.classList.contains('step-done'), {}, s)
          }
        }
        if (slide.exercise === [...model.exercises.keys()][0]) await screenshot(presenter.page, 'presenter-bundled')
      }
    }
    expect(live.room.state.current).toBe(model.slides.length - 1)
    await live.close()
    live = undefined
    const report = await liveReport(root)
    const steps = readFileSync(report.files.find((f) => f.endsWith('steps.csv'))!, 'utf8')
    const rows = steps.trim().split('\r\n').slice(1)
    expect(rows.length).toBe([...model.exercises.values()].reduce((n, x) => n + x.sheet.steps.length, 0))
    // Every step ticked by both learners: the third field from the column "ticked" on.
    for (const row of rows) expect(/,(\d+),(\d+),([\d.]*),(\d+),(\d+)$/.exec(row)?.[1], row).toBe('2')
  })
})
