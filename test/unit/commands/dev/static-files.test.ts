import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { isInside } from '../../../../src/commands/dev/static-files.ts'

describe('kit dev: containment of served files', () => {
  const root = path.resolve('/srv/project/.kit-cache/dev')

  it('accepts the root and what lies below it', () => {
    for (const target of [root, path.join(root, 'index.html'), path.join(root, 'long/assets/box.svg'), path.join(root, '..dots')]) {
      expect(isInside(root, target), target).toBe(true)
    }
  })

  it('refuses what is above or beside it, a sibling sharing its prefix included', () => {
    for (const target of [path.dirname(root), path.join(root, '../secret.txt'), `${root}-secret.txt`, path.resolve('/srv/project/.kit-cache/devices/x'), path.resolve('/etc/passwd')]) {
      expect(isInside(root, target), target).toBe(false)
    }
  })
})
