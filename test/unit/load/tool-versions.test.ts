import { describe, expect, it } from 'vitest'
import { cacheSalt } from '../../../src/export/cache-salt.ts'
import { kitCodeDigest, kitVersion } from '../../../src/load/tool-versions.ts'

describe('what versions a build', () => {
  it('salts the artefact cache with a digest of kit’s code, not only its version number', async () => {
    const digest = await kitCodeDigest()
    expect(digest).toMatch(/^[0-9a-f]{64}$/)
    expect(await kitCodeDigest()).toBe(digest)
    const salt = await cacheSalt(undefined)
    expect(salt).toContain(`kit@${kitVersion()}+${digest.slice(0, 16)}`)
  })
})
