import { describe, expect, it } from 'vitest'
import { parseCommandLine } from '../../../src/cli/args.ts'
import { KitError } from '../../../src/core/problems.ts'

/** `kit live` and `kit live report` each accept only their own flags. */
describe('kit live on the command line', () => {
  const usage = (argv: string[]) => {
    try {
      parseCommandLine(argv)
    } catch (error) {
      if (error instanceof KitError) return `${error.exitCode} ${error.problems[0]?.message}`
      throw error
    }
    return 'accepted'
  }

  it('takes its flags, and report takes a session', () => {
    expect(parseCommandLine(['live', '--edition', 'half-day', '--host', 'lan', '--port', '0', '--new'])).toMatchObject({
      command: 'live',
      values: { edition: 'half-day', host: 'lan', port: '0', new: true },
      positionals: [],
    })
    expect(parseCommandLine(['live', 'report', '2026-12-07-half-day'])).toMatchObject({ command: 'live report', positionals: ['2026-12-07-half-day'] })
    expect(parseCommandLine(['--root', 'x', 'live', 'report'])).toMatchObject({ command: 'live report', positionals: [] })
  })

  it('refuses flags of other commands, and a report flag on the server', () => {
    expect(usage(['live', '--formats', 'html'])).toBe('2 --formats is a flag of kit build, not of kit live.')
    expect(usage(['live', 'report', '--port', '9'])).toMatch(/^2 --port is a flag of kit (dev|live), not of kit live report\.$/)
    expect(usage(['live', 'report', 'a', 'b'])).toBe('2 kit live report does not take "b".')
    expect(usage(['live', 'now'])).toBe('2 kit live does not take "now".')
  })
})
