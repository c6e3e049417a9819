import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { isPictograph, isSpace } from '../../src/load/font-packages.ts'
import { fontsFor } from '../../src/render/editions.ts'
import type { Project } from '../../src/load/project.ts'
import { charactersOf } from '../../src/render/font-faces.ts'
import { copyFixture, loadFixture } from '../helpers/project.ts'
import { InputLog } from '../../src/load/input-log.ts'
import { propertyRuns } from '../helpers/property-runs.ts'

/**
 * Fonts for any text: every character is embedded by the families that
 * draw it, or named as missing, or left out on purpose (spaces, pictographs,
 * colour emoji, controls); a script family never takes a character another
 * script family already drew. Seeded; few cases, each subsets real fonts.
 */
const RUNS = propertyRuns()

/** Each face's family and the characters of its unicode-range. */
function faces(css: string): { family: string; chars: string[] }[] {
  return css
    .split('\n')
    .filter(Boolean)
    .map((rule) => ({
      family: /font-family:'([^']+)'/.exec(rule)?.[1] ?? '',
      chars: (/unicode-range:([^;]*);/.exec(rule)?.[1] ?? '').split(',').map((u) => String.fromCodePoint(Number.parseInt(u.slice(2), 16))),
    }))
}

describe('fonts for any text', () => {
  let project: Project
  beforeAll(async () => {
    project = await loadFixture(await copyFixture('mini'))
  })

  it('embeds, reports or leaves out each character, each script character in one family', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { maxLength: 4 }), async (texts) => {
        const fonts = await fontsFor(project, texts, new InputLog())
        const embedded = faces(fonts.css)
        expect(embedded.every((f) => f.family !== '' && f.chars.length > 0)).toBe(true)
        const families = new Map<string, Set<string>>()
        for (const face of embedded) for (const ch of face.chars) families.set(ch, (families.get(ch) ?? new Set()).add(face.family))
        for (const ch of charactersOf(texts)) {
          const by = families.get(ch)
          if (fonts.missing.includes(ch)) expect(by, `U+${ch.codePointAt(0)?.toString(16)}`).toBeUndefined()
          else if (!by) expect(isSpace(ch) || isPictograph(ch), `U+${ch.codePointAt(0)?.toString(16)} neither embedded nor reported`).toBe(true)
          else {
            const scriptFamilies = [...by].filter((f) => project.fonts.find((x) => x.family === f)?.scripts)
            expect(scriptFamilies.length, `U+${ch.codePointAt(0)?.toString(16)}`).toBeLessThanOrEqual(1)
          }
        }
      }),
      RUNS,
    )
  })
})
