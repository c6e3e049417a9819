import { describe, expect, it } from 'vitest'
import { buildAgenda, formatClock, formatDuration, parseClock } from '../../../src/plan/agenda.ts'

describe('agenda arithmetic', () => {
  it('gives clock times through breaks and past noon', () => {
    const agenda = buildAgenda(
      [
        { kind: 'module', title: 'A', minutes: 40 },
        { kind: 'break', title: 'Lunch', minutes: 60 },
        { kind: 'exercise', title: 'B', minutes: 25 },
      ],
      '11:30',
      120,
    )
    expect(agenda.entries.map((e) => [e.start, e.end])).toEqual([
      ['11:30', '12:10'],
      ['12:10', '13:10'],
      ['13:10', '13:35'],
    ])
    expect(agenda.total).toBe(125)
  })

  it('flags a total more than 10 % away from the target, either way', () => {
    const item = (minutes: number) => [{ kind: 'module' as const, title: 'x', minutes }]
    expect(buildAgenda(item(110), '09:00', 100).offTarget).toBe(false)
    expect(buildAgenda(item(111), '09:00', 100).offTarget).toBe(true)
    expect(buildAgenda(item(89), '09:00', 100).offTarget).toBe(true)
    expect(buildAgenda(item(111), '09:00', 100).deviation).toBeCloseTo(0.11)
  })

  it('wraps past midnight and formats durations', () => {
    expect(formatClock(parseClock('23:30') + 45)).toBe('00:15')
    expect(formatDuration(210)).toBe('3 h 30 min')
    expect(formatDuration(45)).toBe('45 min')
    expect(formatDuration(420)).toBe('7 h')
  })
})
