import { describe, expect, it } from 'vitest'
import { assembleDeck } from '../../../src/render/deck/assemble-deck.ts'
import { checkSources } from '../../../src/commands/check/sources.ts'
import { loadContent, type Content } from '../../../src/load/content.ts'
import { parseCheckedDate } from '../../../src/load/checked-date.ts'
import { parseModule } from '../../../src/load/module.ts'
import type { SourceSet } from '../../../src/load/read-sources.ts'
import { planEdition } from '../../../src/plan/edition-plan.ts'
import { Problems } from '../../../src/core/problems.ts'
import { guideView } from '../../../src/render/views/guide.ts'
import { kitMarp } from '../../helpers/project.ts'

const MODULE_FILE = 'content/modules/01-fresh.md'
const NOVEMBER = new Date('2026-11-30T12:00:00Z')

function moduleWith(frontMatter: string): string {
  return `---\nid: fresh\ntitle: Fresh facts\n${frontMatter}\n---\n\n# Slide\n\n<!-- note -->\n`
}

function parse(text: string) {
  const problems = new Problems()
  const module = parseModule({ path: MODULE_FILE, text }, kitMarp(), problems)
  return { module, problems }
}

function workshopYaml(extra = 'event: { date: 2026-12-03 }'): string {
  return `title: T\nauthors: [A]\n${extra}\neditions:\n  - { id: e, title: E, length: 10, items: [fresh] }\n`
}

function load(moduleText: string, workshop = workshopYaml()): { content: Content; problems: Problems } {
  const set: SourceSet = {
    root: '/x',
    workshop: { path: 'content/workshop.yaml', text: workshop },
    modules: [{ path: MODULE_FILE, text: moduleText }],
    exercises: [],
    quiz: [],
  }
  const problems = new Problems()
  const content = loadContent(set, kitMarp(), problems)
  if (!content) throw new Error(problems.list.map((p) => p.message).join('\n'))
  return { content, problems }
}

/** The warnings `kit check` adds on top of loading. */
function check(moduleText: string, workshop?: string, today = NOVEMBER) {
  const { content, problems } = load(moduleText, workshop)
  const before = problems.list.length
  checkSources(content, problems, { exists: () => true, siblings: () => [] }, today)
  return problems.list.slice(before).filter((p) => p.code.startsWith('KIT_SOURCE_'))
}

// Line 4 is the first source, line 5 the second, line 7 the first claim.
const FRONT_MATTER = [
  'sources:',
  '  - { title: Old docs, url: "https://example.org/old", checked: 2026-05 }',
  '  - { title: New docs, url: "https://example.org/new", checked: 2026-06-10 }',
  'volatile:',
  '  - { claim: Tool 2 is the default, source: 1 }',
  '  - { claim: Tool 1 is deprecated, source: "https://example.org/new" }',
].join('\n')

describe('checked dates of sources', () => {
  it('reads a month or a day, and refuses impossible ones', () => {
    expect(parseCheckedDate('2026-11')).toEqual({ year: 2026, month: 11, day: undefined })
    expect(parseCheckedDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 })
    for (const bad of ['2026-13', '2026-00', '2025-02-29', '2026-11-31', '26-11', '2026/11', 'November 2026', '2026-11-5']) {
      expect(parseCheckedDate(bad), bad).toBeUndefined()
    }
  })

  it('keeps a valid checked date on the module source', () => {
    const { module, problems } = parse(moduleWith('sources:\n  - { title: Docs, url: "https://example.org", checked: 2026-11 }'))
    expect(problems.list).toEqual([])
    expect(module?.sources[0]?.checked).toBe('2026-11')
  })

  it('reports a bad checked date at its line and column, with a hint', () => {
    const text = moduleWith('sources:\n  - title: Docs\n    url: "https://example.org"\n    checked: 2026-13')
    const { module, problems } = parse(text)
    expect(module).toBeUndefined()
    expect(problems.errors).toHaveLength(1)
    expect(problems.errors[0]).toMatchObject({ code: 'KIT_SCHEMA', location: { file: MODULE_FILE, line: 7, column: 14 } })
    expect(problems.errors[0]?.message).toContain('sources.0.checked')
    expect(problems.errors[0]?.hint).toMatch(/checked: 2026-11/)
  })

  it('refuses a checked date after the day of the run, at its line', () => {
    const text = moduleWith(
      'sources:\n  - { title: Docs, url: "https://example.org", checked: 2026-11-30 }\n  - { title: Later, url: "https://example.org/l", checked: 2026-12-01 }\n  - { title: Month, url: "https://example.org/m", checked: 2026-12 }',
    )
    const problems = new Problems()
    parseModule({ path: MODULE_FILE, text }, kitMarp(), problems, { today: NOVEMBER })
    expect(problems.errors.map((p) => [p.code, p.location?.line])).toEqual([
      ['KIT_SCHEMA', 6],
      ['KIT_SCHEMA', 7],
    ])
    expect(problems.errors[0]?.message).toContain('checked 2026-12-01, which is after today (2026-11-30)')
  })

  it('takes a month as checked on its first day: the month of the run is not in the future', () => {
    const problems = new Problems()
    parseModule({ path: MODULE_FILE, text: moduleWith('sources:\n  - { title: D, url: "https://e.org", checked: 2026-12 }') }, kitMarp(), problems, { today: new Date('2026-12-01T00:00:00Z') })
    expect(problems.errors).toEqual([])
  })

  it('warns about a misspelt key in a source instead of dropping it', () => {
    const { problems } = parse(moduleWith('sources:\n  - { title: Docs, url: "https://example.org", checkd: 2026-11 }'))
    expect(problems.warnings.map((p) => [p.code, p.location?.line])).toEqual([['KIT_UNKNOWN_KEY', 5]])
    expect(problems.warnings[0]?.message).toContain('`checked`')
  })
})

describe('volatile claims', () => {
  it('resolve their source by 1-based position or by url', () => {
    const { module, problems } = parse(moduleWith(FRONT_MATTER))
    expect(problems.list).toEqual([])
    expect(module?.volatile.map((c) => [c.claim, c.source, c.location.line])).toEqual([
      ['Tool 2 is the default', 0, 8],
      ['Tool 1 is deprecated', 1, 9],
    ])
  })

  it('naming an unknown source is an error at the source key', () => {
    const text = moduleWith(
      ['sources:', '  - { title: Docs, url: "https://example.org/docs" }', 'volatile:', '  - claim: Too far', '    source: 2', '  - { claim: Wrong url, source: "https://example.org/nope" }'].join(
        '\n',
      ),
    )
    const { module, problems } = parse(text)
    expect(problems.errors.map((p) => [p.code, p.location?.file, p.location?.line, p.location?.column])).toEqual([
      ['KIT_VOLATILE_SOURCE', MODULE_FILE, 8, 13],
      ['KIT_VOLATILE_SOURCE', MODULE_FILE, 9, 33],
    ])
    expect(problems.errors[0]?.hint).toContain('`source:` as 1')
    expect(module?.volatile).toEqual([])
  })

  it('position 0 is a schema error, positions count from 1', () => {
    const { problems } = parse(moduleWith('sources:\n  - { title: D, url: "https://e.org" }\nvolatile:\n  - { claim: C, source: 0 }'))
    expect(problems.errors.map((p) => [p.code, p.location?.line])).toEqual([['KIT_SCHEMA', 7]])
  })
})

describe('kit check on source freshness', () => {
  it('warns a source checked too long before the event date, at its checked date', () => {
    const warnings = check(moduleWith(FRONT_MATTER))
    expect(warnings.map((p) => [p.code, p.severity, p.location?.file, p.location?.line, p.location?.column])).toEqual([['KIT_SOURCE_STALE', 'warning', MODULE_FILE, 5, 65]])
    expect(warnings[0]?.message).toContain('2026-05, 7 months before the event on 2026-12-03; the limit is 6')
    expect(warnings[0]?.hint).toContain('https://example.org/old')
    expect(warnings[0]?.hint).toContain('"Tool 2 is the default"')
    expect(warnings[0]?.hint).toContain('checked: 2026-11')
  })

  it('judges by the event date, not by today', () => {
    expect(check(moduleWith(FRONT_MATTER), undefined, new Date('2026-06-01T00:00:00Z')).map((p) => p.code)).toEqual(['KIT_SOURCE_STALE'])
    const notQuite = workshopYaml('event: { date: 2027-01-09 }')
    expect(check(moduleWith(FRONT_MATTER), notQuite).map((p) => p.location?.line)).toEqual([5])
    const later = workshopYaml('event: { date: 2027-01-10 }')
    expect(check(moduleWith(FRONT_MATTER), later).map((p) => p.location?.line)).toEqual([5, 6])
  })

  it('judges by today when there is no event date', () => {
    expect(check(moduleWith(FRONT_MATTER), workshopYaml(''), new Date('2026-11-20T00:00:00Z'))).toEqual([])
    const warnings = check(moduleWith(FRONT_MATTER), workshopYaml(''), new Date('2027-03-01T00:00:00Z'))
    expect(warnings.map((p) => p.location?.line)).toEqual([5, 6])
    expect(warnings[0]?.message).toContain('today (2027-03-01)')
  })

  it('honours freshness.max-age-months', () => {
    expect(check(moduleWith(FRONT_MATTER), workshopYaml('event: { date: 2026-12-03 }\nfreshness: { max-age-months: 12 }'))).toEqual([])
    expect(check(moduleWith(FRONT_MATTER), workshopYaml('event: { date: 2026-12-03 }\nfreshness: { max-age-months: 3 }')).map((p) => p.location?.line)).toEqual([5, 6])
  })

  it('warns a source that backs a volatile claim and has no checked date, and only that one', () => {
    const text = moduleWith(
      [
        'sources:',
        '  - { title: Backing, url: "https://example.org/a" }',
        '  - { title: Background reading, url: "https://example.org/b" }',
        'volatile:',
        '  - { claim: Version 3 is current, source: 1 }',
      ].join('\n'),
    )
    const warnings = check(text)
    expect(warnings.map((p) => [p.code, p.location?.line, p.location?.column])).toEqual([['KIT_SOURCE_UNCHECKED', 5, 5]])
    expect(warnings[0]?.message).toContain('"Version 3 is current"')
    expect(warnings[0]?.hint).toContain('checked: YYYY-MM')
  })
})

describe('the facilitator guide', () => {
  it('lists every volatile claim with its source, last check and a stale flag', () => {
    const { content } = load(moduleWith(FRONT_MATTER))
    const plan = planEdition(content, content.workshop.editions[0]!)
    const deck = assembleDeck(content, plan, kitMarp(), new Problems())
    const view = guideView(content, plan, deck, [], { fonts: '', print: '' }, NOVEMBER)
    expect(view.recheck.claims).toEqual([
      { claim: 'Tool 2 is the default', module: 'Module 1: Fresh facts', sourceTitle: 'Old docs', url: 'https://example.org/old', checked: '2026-05', flagged: true, flag: 'stale' },
      { claim: 'Tool 1 is deprecated', module: 'Module 1: Fresh facts', sourceTitle: 'New docs', url: 'https://example.org/new', checked: '2026-06-10', flagged: false, flag: '' },
    ])
    expect(view.recheck.flaggedCount).toBe(1)
    expect(view.recheck.rule).toContain('more than 6 months before the event on December 3, 2026')
  })
})
