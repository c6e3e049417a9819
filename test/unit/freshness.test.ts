import { describe, expect, it } from 'vitest'
import { parseCheckedDate } from '../../src/load/checked-date.ts'
import { parseModule } from '../../src/load/module.ts'
import { Problems } from '../../src/problems.ts'
import { kitMarp } from '../helpers/project.ts'

const MODULE_FILE = 'content/modules/01-fresh.md'

function moduleWith(frontMatter: string): string {
  return `---\nid: fresh\n${frontMatter}\n---\n\n# Slide\n\n<!-- note -->\n`
}

function parse(text: string) {
  const problems = new Problems()
  const module = parseModule({ path: MODULE_FILE, text }, kitMarp(), problems)
  return { module, problems }
}

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
    expect(problems.errors[0]).toMatchObject({ code: 'KIT_SCHEMA', location: { file: MODULE_FILE, line: 6, column: 14 } })
    expect(problems.errors[0]?.message).toContain('sources.0.checked')
    expect(problems.errors[0]?.hint).toMatch(/checked: 2026-11/)
  })
})
