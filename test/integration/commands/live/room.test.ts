import type { Browser } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLive, type LiveRoom } from '../../../../src/commands/live/live.ts'
import { copyFixture } from '../../../helpers/project.ts'
import { join, liveBrowser, person, screenshot, textIn, textOf, type Person } from './harness.ts'

/**
 * A whole session in the real browser, on the fixture workshop: a presenter
 * page and three learners (one on a phone-sized screen) join, follow the
 * deck, copy a command, answer a question, work through the exercise,
 * get stuck and helped, receive the solution, reload, and live through a
 * server restart without losing anything they were told was saved.
 */
describe('kit live in the browser', async () => {
  const browser: Browser | undefined = await liveBrowser()
  let root: string
  let live: LiveRoom
  let presenter: Person
  let ada: Person
  let bo: Person
  let cy: Person
  const slide = (title: string) => live.room.model.slides.findIndex((s) => s.title.includes(title))

  /** Moves the deck with the presenter's button until it shows slide `n`. */
  async function presenterTo(n: number): Promise<void> {
    while (live.room.state.current !== n) {
      const target = live.room.state.current + (live.room.state.current < n ? 1 : -1)
      await presenter.page.click(target > live.room.state.current ? '#next' : '#prev')
      await presenter.page.waitForFunction((t) => document.querySelector('#position')?.textContent?.startsWith(`${t + 1} /`), {}, target)
    }
  }

  beforeAll(async () => {
    if (!browser) return
    root = await copyFixture('live')
    live = await startLive({ root, port: 0 })
    presenter = await person(browser, live.presenterUrl)
    await presenter.page.waitForSelector('#slide svg')
    ada = await join(browser, live.joinLink, 'Ada')
    bo = await join(browser, live.joinLink, 'Bo <b>bold</b>')
    cy = await join(browser, live.joinLink, 'Cy', { width: 390, height: 844 })
  })
  afterAll(async () => {
    await browser?.close()
    await live?.close()
  })

  it.runIf(browser)('learners join with a name and see the join slide; the presenter sees who is here', async () => {
    await textIn(presenter.page, '#here', '3 learners online')
    const names = await presenter.page.$$eval('#room .names li', (items) => items.map((i) => i.textContent))
    expect(names).toEqual(['Ada', 'Bo <b>bold</b>', 'Cy'])
    // A name is text: the markup a learner typed is shown, never parsed.
    expect(await presenter.page.$('#room .names b')).toBeNull()
    expect(await textOf(ada.page, '#slide')).toContain(live.code)
    await screenshot(cy.page, 'learner-join-phone')
  })

  it.runIf(browser)('learners follow the presenter and cannot go past the furthest slide shown', async () => {
    await presenterTo(slide('BASICS-ONE'))
    for (const learner of [ada, bo, cy]) await textIn(learner.page, '#slide', 'BASICS-ONE')
    expect(await ada.page.$eval('#next', (b) => (b as HTMLButtonElement).disabled)).toBe(true)
    await ada.page.click('#prev')
    await ada.page.waitForSelector('#back-to-live', { visible: true })
    expect(await textOf(ada.page, '#slide')).not.toContain('BASICS-ONE')
    await ada.page.click('#back-to-live')
    await textIn(ada.page, '#slide', 'BASICS-ONE')
    // The slide after the furthest shown is refused by the server too, not only hidden by the page.
    const ahead = await ada.page.evaluate(
      async (n) => (await fetch(`/api/slides/${n}`, { headers: { authorization: `Bearer ${localStorage.getItem('kit-live-learner')}` } })).status,
      slide('BASICS-ONE') + 1,
    )
    expect(ahead).toBe(403)
  })

  it.runIf(browser)('a learner copies the command of a code block', async () => {
    await presenterTo(slide('BASICS-TWO'))
    await textIn(ada.page, '#code-blocks', 'COPY-ME')
    await ada.page.click('#code-blocks button.copy')
    await textIn(ada.page, '#code-blocks button.copy', 'Copied')
    expect(await ada.page.evaluate(() => navigator.clipboard.readText())).toBe('echo "COPY-ME-$((40 + 2))"\n')
    await screenshot(ada.page, 'learner-laptop')
  })

  it.runIf(browser)('learners answer the question and the presenter sees the counts, then reveals the answer', async () => {
    await presenterTo(live.room.model.questions.get('q-basics')!.slide)
    await ada.page.waitForSelector('#question .choice')
    await ada.page.click('#question .choice:nth-of-type(1)')
    await ada.page.waitForSelector('#question .choice.chosen')
    // Changeable until closed: Ada changes her mind.
    await ada.page.click('#question .choice:nth-of-type(2)')
    await ada.page.waitForFunction(() => document.querySelector('#question .choice:nth-of-type(2)')?.classList.contains('chosen'))
    await bo.page.waitForSelector('#question .choice')
    await bo.page.click('#question .choice:nth-of-type(2)')
    await cy.page.waitForSelector('#question .choice')
    await cy.page.click('#question .choice:nth-of-type(3)')
    await textIn(presenter.page, '#answered', '3 answers')
    expect(await presenter.page.$$eval('#answers .count', (c) => c.map((n) => n.textContent))).toEqual(['0', '2', '1'])
    await presenter.page.click('#close-question')
    await ada.page.waitForSelector('#question .choice[disabled]')
    await presenter.page.waitForSelector('#close-question', { hidden: true })
    await presenter.page.click('#reveal')
    await ada.page.waitForSelector('#question .choice.right')
    expect(await ada.page.$eval('#question .choice.right', (c) => c.textContent)).toContain('COPY-ME-$((40 + 2))')
    await screenshot(presenter.page, 'presenter-answers')
  })

  it.runIf(browser)('during the exercise learners tick steps, one is stuck, a helper claims it, the trainer releases the solution', async () => {
    await presenterTo(live.room.model.exercises.get('first-steps')!.slide)
    for (const learner of [ada, bo, cy]) await learner.page.waitForSelector('#exercise-view .step-box')
    expect(await textOf(ada.page, '#exercise-view')).not.toContain('STEP-TWO-SOLUTION')
    await ada.page.click('#step-0')
    await presenter.page.waitForFunction(() => document.querySelector('#grid tbody tr td.ticked') !== null)
    await bo.page.type('#stuck-message', 'seq: <i>command not found</i>')
    await bo.page.click('#stuck')
    await textIn(presenter.page, '#stuck', 'command not found')
    expect(await presenter.page.$('#stuck i')).toBeNull()
    const helper = live.room.admit('helper', 'Hal').token
    const hal = await person(browser!, `${live.joinUrl}present#t=${helper}`)
    await textIn(hal.page, '#stuck', 'Bo <b>bold</b>')
    await hal.page.click('#stuck button.claim')
    await textIn(bo.page, '#stuck-status', 'Hal is on the way')
    await textIn(presenter.page, '#stuck', 'Hal is on the way')
    await screenshot(presenter.page, 'presenter-exercise')
    await presenter.page.click('#release')
    await textIn(ada.page, '#exercise-view', 'STEP-TWO-SOLUTION')
    await textIn(ada.page, '#exercise-view', 'SECTION-SOLUTION-TEXT')
    expect(await textOf(ada.page, '#exercise-view')).not.toContain('INSTRUCTOR-ONLY-NOTE')
    await screenshot(cy.page, 'learner-exercise-phone')
    await hal.context.close()
  })

  it.runIf(browser)('a reloaded learner page keeps its state', async () => {
    await ada.page.reload({ waitUntil: 'domcontentloaded' })
    await ada.page.waitForSelector('#exercise-view #step-0')
    await ada.page.waitForFunction(() => (document.querySelector('#step-0') as HTMLInputElement | null)?.checked === true)
    expect(await textOf(ada.page, '#who')).toBe('Ada')
  })

  it.runIf(browser)('a server restart mid-session loses nothing a learner was told was saved; pages reconnect by themselves', async () => {
    await cy.page.click('#step-1')
    await cy.page.waitForFunction(() => document.querySelector('#step-1')?.closest('li')?.classList.contains('step-done'))
    const seq = live.room.state.seq
    const { port } = live
    await live.close()
    live = await startLive({ root, port })
    expect(live.resumed).toBe(true)
    expect(live.room.state.seq).toBe(seq)
    // Cy's page reconnects and shows the state from the file.
    await textIn(cy.page, '#status', 'Live')
    await cy.page.waitForFunction(() => (document.querySelector('#step-1') as HTMLInputElement | null)?.checked === true)
    await textIn(presenter.page, '#here', '3 learners online').catch(async (e) => {
      throw new Error(`${e}: presenter shows "${await textOf(presenter.page, '#here')}"; online: ${[...live.server.hub.online()].length}`)
    })
    await presenterTo(slide('WRAP-ONE'))
    await textIn(bo.page, '#slide', 'WRAP-ONE')
  })
})
