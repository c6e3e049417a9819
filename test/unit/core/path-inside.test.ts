import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { isPathInside, staysInside } from '../../../src/core/path-inside.ts'

describe('lexical path containment', () => {
  it('keeps a root and what is below it, refuses what climbs out or sits elsewhere', () => {
    expect(isPathInside('/p', '/p')).toBe(true)
    expect(isPathInside('/p/content/a.png', '/p')).toBe(true)
    expect(isPathInside('/p/content/../a.png', '/p')).toBe(true)
    expect(isPathInside('/p/../etc/hostname', '/p')).toBe(false)
    expect(isPathInside('/etc/hostname', '/p')).toBe(false)
    // A sibling whose name starts like the root is not inside it.
    expect(isPathInside('/project-secrets/x', '/project')).toBe(false)
    // A name that merely starts with two dots stays inside.
    expect(isPathInside('/p/..hidden', '/p')).toBe(true)
  })

  it('reads relative paths as they would resolve below their root', () => {
    expect(staysInside('content/a.png')).toBe(true)
    expect(staysInside('')).toBe(true)
    expect(staysInside('..')).toBe(false)
    expect(staysInside(`..${path.sep}x`)).toBe(false)
    expect(staysInside(path.resolve('/abs'))).toBe(false)
  })

  it('works on project paths with forward slashes whatever the platform', () => {
    expect(staysInside('content/../../x', path.posix)).toBe(false)
    expect(staysInside('content/../x', path.posix)).toBe(true)
    expect(isPathInside('C:\\p\\a.png', 'C:\\p', path.win32)).toBe(true)
    expect(isPathInside('D:\\p\\a.png', 'C:\\p', path.win32)).toBe(false)
  })
})

describe('served folders (kit dev uses the same check)', () => {
  const root = path.resolve('/srv/project/.kit-cache/dev')

  it('accepts the root and what lies below it, a name starting with two dots included', () => {
    for (const target of [root, path.join(root, 'index.html'), path.join(root, 'long/assets/box.svg'), path.join(root, '..dots')]) {
      expect(isPathInside(target, root), target).toBe(true)
    }
  })

  it('refuses what is above or beside it, a sibling sharing its prefix included', () => {
    for (const target of [path.dirname(root), path.join(root, '../secret.txt'), `${root}-secret.txt`, path.resolve('/srv/project/.kit-cache/devices/x'), path.resolve('/etc/passwd')]) {
      expect(isPathInside(target, root), target).toBe(false)
    }
  })
})
