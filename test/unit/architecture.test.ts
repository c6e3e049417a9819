import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { KIT } from '../helpers/project.ts'

/**
 * ARCHITECTURE.md is a map a newcomer trusts: every path it names exists,
 * and every folder of src/ is on it.
 */
describe('ARCHITECTURE.md', () => {
  const text = readFileSync(path.join(KIT, 'ARCHITECTURE.md'), 'utf8')

  it('names only files and folders that exist', () => {
    const named = [...text.matchAll(/`((?:src|templates|test|docs|scripts|bin)\/[^`*\s<]*)`/g)].map((m) => (m[1] ?? '').replace(/\/$/, ''))
    expect(named.length).toBeGreaterThan(20)
    expect(named.filter((p) => !existsSync(path.join(KIT, p)))).toEqual([])
  })

  it('describes every folder of src/', () => {
    const folders = readdirSync(path.join(KIT, 'src')).filter((name) => statSync(path.join(KIT, 'src', name)).isDirectory())
    expect(folders.filter((folder) => !text.includes(`src/${folder}/`))).toEqual([])
  })
})
