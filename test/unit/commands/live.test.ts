import { describe, expect, it } from 'vitest'
import { decideAnswer, decideGoto, decideHandover, decideQuestion, decideStep } from '../../../src/commands/live/actions.ts'
import type { EventData, LiveEvent } from '../../../src/commands/live/events.ts'
import { median, sessionFigures, type SessionOutline } from '../../../src/commands/live/figures.ts'
import { joinBody, stuckBody } from '../../../src/commands/live/protocol.ts'
import { RateLimiter } from '../../../src/commands/live/rate-limit.ts'
import { addPerson, applyEvent, emptyRoom } from '../../../src/commands/live/room-state.ts'
import type { RoomModel } from '../../../src/commands/live/room-model.ts'
import { withJoinSlide } from '../../../src/commands/live/deck.ts'
import { canonicalCode, codeMatches, newRoomCode, tokenHash, tokenMatches } from '../../../src/commands/live/tokens.ts'
import { answerCounts, meView, roomView } from '../../../src/commands/live/views.ts'
import { clockReading, plannedMinute } from '../../../src/plan/live-clock.ts'
import { splitSteps } from '../../../src/render/views/live-sheet.ts'
import { resolveBinding, allowedHosts } from '../../../src/commands/live/address.ts'

/** A room model of six slides: join, a module slide, a question, its answers, an exercise of three steps, the close. */
const model: RoomModel = {
  slides: [
    { kind: 'join', title: '' },
    { kind: 'module', title: 'One' },
    { kind: 'quiz', title: 'Check', question: 'q1' },
    { kind: 'answers', title: 'Answers' },
    { kind: 'exercise', title: 'Hands-on', exercise: 'x1' },
    { kind: 'closing', title: 'Thanks' },
  ],
  questions: new Map([['q1', { id: 'q1', slide: 2, html: 'Which?', choices: ['A', 'B'], answer: 1 }]]),
  exercises: new Map([
    [
      'x1',
      {
        id: 'x1',
        slide: 4,
        sheet: { id: 'x1', title: 'X', durationText: '10 min', objectives: [], introHtml: '', before: [], steps: [1, 2, 3].map((n) => ({ title: `${n}. Step`, html: '' })), after: [] },
        solution: { html: '', steps: [] },
      },
    ],
  ]),
  clock: [
    { startMinute: 540, minutes: 20, firstSlide: 1, slideCount: 3 },
    { startMinute: 560, minutes: 10, firstSlide: 4, slideCount: 1 },
  ],
  agendaStart: 540,
}

function log(entries: [number, string, EventData][]): LiveEvent[] {
  return entries.map(([at, actor, data], i) => ({ ...data, seq: i + 1, at: at * 60_000, actor }))
}

function roomWith(events: LiveEvent[]) {
  const room = emptyRoom('t')
  for (const [id, name] of [
    ['a', 'Ada'],
    ['b', 'Bo'],
  ] as const)
    addPerson(room, { id, name, role: 'learner', at: 0 })
  addPerson(room, { id: 'h', name: 'Hal', role: 'helper', at: 0 })
  for (const event of events) applyEvent(room, event, model)
  return room
}

describe('the room folded from its log', () => {
  const events = log([
    [1, 't', { type: 'slide', to: 1 }],
    [2, 't', { type: 'slide', to: 2 }],
    [3, 'a', { type: 'answer', question: 'q1', choice: 0 }],
    [4, 'a', { type: 'answer', question: 'q1', choice: 1 }],
    [4, 'b', { type: 'answer', question: 'q1', choice: 1 }],
    [5, 't', { type: 'slide', to: 4 }],
    [6, 'a', { type: 'step', exercise: 'x1', step: 0, done: true }],
    [9, 'a', { type: 'step', exercise: 'x1', step: 1, done: true }],
    [7, 'b', { type: 'stuck', exercise: 'x1', step: 0, message: 'no shell' }],
    [8, 'h', { type: 'claimed', learner: 'b' }],
    [12, 'b', { type: 'step', exercise: 'x1', step: 0, done: true }],
    [13, 'h', { type: 'unstuck', learner: 'b' }],
    [14, 't', { type: 'slide', to: 3 }],
  ])

  it('is where the log left it: slide, furthest slide, answers, steps, stuck flags', () => {
    const room = roomWith(events)
    expect([room.current, room.furthest, room.seq]).toEqual([3, 4, events.length])
    expect(room.questions.get('q1')).toBe('open')
    expect(answerCounts(room, 'q1', 2)).toEqual([0, 2])
    expect([...(room.learners.get('a')?.steps.get('x1')?.keys() ?? [])]).toEqual([0, 1])
    expect(room.learners.get('b')?.stuck).toBeUndefined()
    expect(room.exercises.get('x1')).toBe(5 * 60_000)
  })

  it('shows learners counts and the right answer only once revealed', () => {
    const room = roomWith(events)
    expect(roomView(room, model).questions[0]).not.toHaveProperty('counts')
    expect(roomView(room, model).questions[0]).not.toHaveProperty('answer')
    applyEvent(room, { seq: 99, at: 0, actor: 't', type: 'question', question: 'q1', state: 'revealed' }, model)
    expect(roomView(room, model).questions[0]).toMatchObject({ counts: [0, 2], answer: 1, state: 'revealed' })
    expect(meView(room.learners.get('a')!, () => undefined).answers).toEqual({ q1: 1 })
  })

  it('refuses what the state does not allow, with the reason', () => {
    const room = roomWith(events)
    expect(decideGoto(room, model, 't', { to: 4, from: 2 })).toMatchObject({ refusal: { code: 'stale_slide' } })
    expect(decideGoto(room, model, 'h', { to: 4, from: 3 })).toMatchObject({ refusal: { code: 'not_driver' } })
    expect(decideGoto(room, model, 't', { to: 6, from: 3 })).toMatchObject({ refusal: { code: 'not_found' } })
    expect(decideGoto(room, model, 't', { to: 4, from: 3 })).toEqual({ event: { type: 'slide', to: 4 } })
    expect(decideStep(room, model, { exercise: 'x1', step: 3, done: true })).toMatchObject({ refusal: { code: 'not_found' } })
    expect(decideAnswer(room, model, { question: 'q1', choice: 2 })).toMatchObject({ refusal: { code: 'not_found' } })
    applyEvent(room, { seq: 100, at: 0, actor: 't', type: 'question', question: 'q1', state: 'closed' }, model)
    expect(decideAnswer(room, model, { question: 'q1', choice: 0 })).toMatchObject({ refusal: { code: 'question_closed' } })
    expect(decideQuestion(room, model, { question: 'q1', state: 'closed' })).toMatchObject({ refusal: { code: 'already_done' } })
  })

  it('hands the driving over explicitly, and lets the trainer take it back', () => {
    const room = roomWith(events)
    expect(decideHandover(room, 'h', 'h')).toMatchObject({ refusal: { code: 'not_driver' } })
    applyEvent(room, { seq: 101, at: 0, actor: 't', type: 'driver', to: 'h' }, model)
    expect(decideGoto(room, model, 't', { to: 4, from: 3 })).toMatchObject({ refusal: { code: 'not_driver' } })
    expect(decideGoto(room, model, 'h', { to: 4, from: 3 })).toEqual({ event: { type: 'slide', to: 4 } })
    expect(decideHandover(room, 't', 't')).toEqual({ event: { type: 'driver', to: 't' } })
  })

  it('gives the figures: steps done and stuck, median minutes, correct share', () => {
    const outline: SessionOutline = { exercises: [{ id: 'x1', title: 'X', steps: ['1', '2', '3'] }], questions: [{ id: 'q1', text: 'Which?', choices: ['A', 'B'], answer: 1 }] }
    const people = [
      { id: 'a', name: 'Ada', role: 'learner' as const, at: 0 },
      { id: 'b', name: 'Bo', role: 'learner' as const, at: 0 },
      { id: 'h', name: 'Hal', role: 'helper' as const, at: 0 },
    ]
    const figures = sessionFigures(events, people, outline)
    // Ada ticks step 1 at 6 (1 min after the exercise slide at 5), Bo at 12 (7 min): median 4.
    expect(figures.exercises[0]?.steps[0]).toEqual({ title: '1', done: 2, stuck: 1, median: 4 })
    expect(figures.exercises[0]?.steps[1]).toEqual({ title: '2', done: 1, stuck: 0, median: 3 })
    expect(figures.questions[0]).toMatchObject({ counts: [0, 2], answered: 2, correct: 1 })
    expect(figures.stuck).toEqual([{ name: 'Bo', exercise: 'X', step: '1', message: 'no shell', at: 7 * 60_000, claimedAfter: 1, helper: 'Hal', resolvedAfter: 6 }])
    expect(figures.attendance.map((a) => a.name)).toEqual(['Ada', 'Bo'])
    expect(median([3, 1, 2, 10])).toBe(2.5)
  })
})

describe('the clock against the agenda', () => {
  it('spreads an item over its slides and says how far ahead or behind the room is', () => {
    expect(plannedMinute(model.clock, 1)).toBe(0)
    expect(plannedMinute(model.clock, 2)).toBeCloseTo(20 / 3)
    expect(plannedMinute(model.clock, 4)).toBe(20)
    expect(plannedMinute(model.clock, 5)).toBe(30)
    expect(clockReading(model.clock, 4, 26).ahead).toBe(-6)
    expect(clockReading(model.clock, 4, 15).ahead).toBe(5)
  })
})

describe('the door', () => {
  it('accepts names and messages as plain text of bounded length', () => {
    expect(joinBody.parse({ code: 'abc', name: '  Zoë \u00e9  ' }).name).toBe('Zoë é')
    expect(joinBody.safeParse({ code: 'abc', name: '' }).success).toBe(false)
    expect(joinBody.safeParse({ code: 'abc', name: 'A\u0007' }).success).toBe(false)
    expect(joinBody.safeParse({ code: 'abc', name: '日本語の名前' }).success).toBe(true)
    expect(joinBody.safeParse({ code: 'abc', name: 'x', role: 'trainer' }).success).toBe(false)
    expect(stuckBody.safeParse({ exercise: 'x1', step: null, message: 'm'.repeat(141) }).success).toBe(false)
    expect(stuckBody.safeParse({ exercise: '../x', step: null, message: '' }).success).toBe(false)
  })

  it('compares tokens and codes by hash, codes as typed', () => {
    expect(tokenMatches('secret', tokenHash('secret'))).toBe(true)
    expect(tokenMatches('secreT', tokenHash('secret'))).toBe(false)
    const code = newRoomCode()
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/)
    expect(codeMatches(` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `, code)).toBe(true)
    expect(canonicalCode('ab-c d')).toBe('ABCD')
  })

  it('limits each client to its burst, then to its rate', () => {
    let now = 0
    const limiter = new RateLimiter({ burst: 3, perSecond: 1 }, () => now)
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([0, 0, 0, 1])
    expect(limiter.take('b')).toBe(0)
    now = 1000
    expect(limiter.take('a')).toBe(0)
  })

  it('binds to loopback unless asked, and answers only its own host names', () => {
    expect(resolveBinding(undefined)).toEqual({ bind: '127.0.0.1', public: '127.0.0.1', lan: false })
    const lan = resolveBinding('lan', { eth0: [{ address: '192.168.4.20', family: 'IPv4', internal: false, netmask: '', mac: '', cidr: null }] })
    expect(lan).toEqual({ bind: '192.168.4.20', public: '192.168.4.20', lan: true })
    expect(resolveBinding('lan', {})).toHaveProperty('error')
    expect(resolveBinding('example.org')).toHaveProperty('error')
    expect([...allowedHosts(lan as never, 7373)]).toEqual(['127.0.0.1:7373', 'localhost:7373', '[::1]:7373', '192.168.4.20:7373'])
  })
})

describe('the live deck and sheets', () => {
  it('puts the join slide first, after the deck front matter', () => {
    const deck = '---\nmarp: true\ntheme: kit\n---\n\n# Title\n\n---\n\n## Next\n'
    const joined = withJoinSlide(deck, { heading: 'Join', lines: [{ label: 'Open', value: 'http://127.0.0.1:7373/' }], qrSvg: '<svg/>', notes: 'Wait -- here' })
    const slides = joined.split('\n---\n')
    expect(slides[0]).toBe('---\nmarp: true\ntheme: kit')
    expect(slides[1]).toContain('# Join')
    expect(slides[1]).toContain('**http://127.0.0.1:7373/**')
    expect(slides[1]).toContain('Wait — here')
    expect(slides[2]).toContain('# Title')
  })

  it('cuts the Steps section into steps at its ### headings', () => {
    expect(splitSteps('### 1. One\n\nrun a\n\n### 2. Two\n\n```sh\n### not a heading\n```\n', 'Steps').map((s) => s.title)).toEqual(['1. One', '2. Two'])
    expect(splitSteps('1. first\n2. second\n', 'Steps')).toEqual([{ title: 'Steps', markdown: '1. first\n2. second\n' }])
    expect(splitSteps('', 'Steps')).toEqual([])
  })
})
