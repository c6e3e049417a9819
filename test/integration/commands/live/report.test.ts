import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../../../src/commands/build.ts'
import { startLive } from '../../../../src/commands/live/live.ts'
import { liveReport } from '../../../../src/commands/live/report.ts'
import { browserForTests } from '../../../helpers/browser.ts'
import { copyFixture, KIT } from '../../../helpers/project.ts'

/**
 * After a session: `kit live report` writes the report (HTML, PDF, CSV)
 * from the session file alone, and the next build's guide shows the
 * session's figures beside each exercise.
 */
describe('kit live report', () => {
  it('reports attendance, steps, stuck points and answers, and the next build shows the figures in the guide', async () => {
    const root = await copyFixture('live')
    const live = await startLive({ root, port: 0 })
    const trainer = new URL(live.presenterUrl).hash.slice(3)
    const call = async (p: string, token: string, body: unknown) => {
      const res = await fetch(new URL(p, live.joinUrl), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
      expect(res.status, `${p} ${JSON.stringify(body)}`).toBeLessThan(300)
      return (await res.json()) as { token: string; id: string }
    }
    const goto = (to: number) => call('/api/staff/goto', trainer, { to, from: live.room.state.current })
    const [ada, bo, cy] = await Promise.all(['Ada', 'Bo', '=cmd|calc'].map((name) => call('/api/join', '', { name, code: live.code })))
    await goto(live.room.model.questions.get('q-basics')!.slide)
    await call('/api/answer', ada!.token, { question: 'q-basics', choice: 1 })
    await call('/api/answer', bo!.token, { question: 'q-basics', choice: 1 })
    await call('/api/answer', cy!.token, { question: 'q-basics', choice: 0 })
    await call('/api/staff/question', trainer, { question: 'q-basics', state: 'revealed' })
    await goto(live.room.model.exercises.get('first-steps')!.slide)
    for (const learner of [ada, bo, cy]) await call('/api/step', learner!.token, { exercise: 'first-steps', step: 0, done: true })
    await call('/api/stuck', bo!.token, { exercise: 'first-steps', step: 1, message: '=HYPERLINK("http://x") seq missing' })
    await call('/api/staff/claim', trainer, { learner: bo!.id })
    await call('/api/staff/resolve', trainer, { learner: bo!.id })
    await call('/api/step', ada!.token, { exercise: 'first-steps', step: 1, done: true })
    await call('/api/finished', ada!.token, { exercise: 'first-steps', done: true })
    await live.close()

    const report = await liveReport(root)
    expect(report.session).toBe(live.session)
    const dir = path.join(root, '.kit-live/reports', live.session)
    const csv = (name: string) => readFileSync(path.join(dir, name), 'utf8')
    expect(csv('attendance.csv').split('\r\n').slice(0, 2)).toEqual(['name,joined,last_seen', expect.stringMatching(/^Ada,\d{4}-/)])
    // What a learner typed never becomes a spreadsheet formula.
    expect(csv('attendance.csv')).toContain("'=cmd|calc")
    expect(csv('stuck.csv')).toContain(`"'=HYPERLINK(""http://x"") seq missing"`)
    expect(csv('steps.csv')).toContain('First steps,1. Say hello,3,0,')
    expect(csv('steps.csv')).toContain('First steps,2. Count,1,1,')
    expect(csv('answers.csv')).toContain('Which command prints COPY-ME-42?,"echo ""COPY-ME-$((40 + 2))""",2,yes,0.67\r\n')
    const html = readFileSync(path.join(dir, 'report.html'), 'utf8')
    expect(html).toContain('Session report')
    expect(html).toContain('1 of 3 said Done.')
    expect(html).toMatch(/HYPERLINK\(&quot;http:\/\/x&quot;\) seq missing/)
    expect(html).not.toContain('<i>')
    expect(html).toContain('67 %')
    if (await browserForTests()) {
      const text = execFileSync('pdftotext', [path.join(dir, 'report.pdf'), '-'], { encoding: 'utf8' })
      expect(text).toContain('Where people got stuck')
      expect(text).toContain('seq missing')
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', path.join(dir, 'report.pdf'), path.join(KIT, 'docs/images/live-report')])
    }
    const summary = JSON.parse(readFileSync(path.join(root, '.kit-live/summaries', `${live.session}.json`), 'utf8'))
    expect(JSON.stringify(summary)).not.toMatch(/Ada|HYPERLINK/)
    expect(summary.exercises['first-steps'].steps[1]).toMatchObject({ title: '2. Count', done: 1, stuck: 1 })

    const out = await mkdtemp(path.join(tmpdir(), 'kit-live-guide-'))
    await build({ root, out, editions: ['room'], formats: ['html'], zip: false })
    const guide = readFileSync(path.join(out, 'instructor/room/guide.html'), 'utf8')
    expect(guide).toContain('Last live session')
    expect(guide).toContain('1 of 3 finished.')
    expect(guide).toMatch(/2\. Count: 1 of 3 stuck, median \d+ min/)
    expect(guide).not.toMatch(/cmd\|calc|seq missing/)
  })
})
