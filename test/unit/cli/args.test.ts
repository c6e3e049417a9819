import { describe, expect, it } from 'vitest'
import { COMMANDS, parseCommandLine } from '../../../src/cli/args.ts'
import { KitError } from '../../../src/core/problems.ts'

/** The usage problem a command line gives, or undefined when it parses. */
function usage(argv: string[]) {
  try {
    parseCommandLine(argv)
    return undefined
  } catch (error) {
    expect(error).toBeInstanceOf(KitError)
    const e = error as KitError
    expect(e.exitCode).toBe(2)
    expect(e.problems).toHaveLength(1)
    return e.problems[0]!
  }
}

describe('the command line accepts only what each command understands', () => {
  it.each(Object.keys(COMMANDS))('kit %s rejects a flag it does not have, with exit 2 and a hint', (command) => {
    const problem = usage([...command.split(' '), '--no-such-flag'])
    expect(problem?.code).toBe('KIT_USAGE')
    expect(problem?.message).toContain('--no-such-flag')
    expect(problem?.hint).toContain(`Flags of kit ${command}`)
  })

  it('suggests the flag that was meant', () => {
    expect(usage(['build', '--format', 'html'])?.message).toBe('kit build has no flag --format. Did you mean --formats?')
    expect(usage(['check', '--stirct'])?.message).toContain('Did you mean --strict?')
  })

  it('names the command that owns a flag used elsewhere', () => {
    expect(usage(['check', '--lang', 'de'])?.message).toBe('--lang is a flag of kit build, not of kit check.')
    expect(usage(['dev', '--roster', 'learners.csv'])?.message).toBe('--roster is a flag of kit build, not of kit dev.')
    expect(usage(['check', '--port', '99'])?.message).toBe('--port is a flag of kit dev, not of kit check.')
  })

  it('suggests the command that was meant, and refuses stray arguments', () => {
    expect(usage(['biuld'])?.message).toBe('Unknown command "biuld". Did you mean "kit build"?')
    expect(usage(['list', 'extra'])?.message).toContain('does not take "extra"')
    expect(usage(['new', 'module', 'a', 'b'])?.message).toContain('does not take "b"')
    expect(usage(['build', '--formats'])?.message).toBe('--formats needs a value.')
    expect(usage(['build', '--force=yes'])?.message).toBe('--force takes no value.')
  })

  it('parses what it understands, --root before or after the command', () => {
    expect(parseCommandLine(['--root', 'w', 'build', '--edition', 'a', '--edition', 'b'])).toEqual({ command: 'build', values: { root: 'w', edition: ['a', 'b'] }, positionals: [] })
    expect(parseCommandLine(['new', 'module', 'intro', '--root', 'w'])).toMatchObject({ command: 'new', positionals: ['module', 'intro'] })
    expect(parseCommandLine(['check', '--format=json', '--no-browser'])).toMatchObject({ values: { format: 'json', 'no-browser': true } })
    expect(parseCommandLine(['--version'])).toEqual({ command: 'version' })
    expect(parseCommandLine(['labs', '-h'])).toEqual({ command: 'help' })
  })

  it('takes the languages flags: build --lang (repeatable), list --translations, translate --mark LANG FILE…', () => {
    expect(parseCommandLine(['build', '--lang', 'de', '--lang', 'pt-BR', '--edition', 'talk'])).toEqual({ command: 'build', values: { lang: ['de', 'pt-BR'], edition: ['talk'] }, positionals: [] })
    expect(parseCommandLine(['list', '--translations'])).toEqual({ command: 'list', values: { translations: true }, positionals: [] })
    expect(parseCommandLine(['translate', '--mark', 'de', 'a.de.md', 'b.de.md'])).toEqual({ command: 'translate', values: { mark: 'de' }, positionals: ['a.de.md', 'b.de.md'] })
    expect(usage(['translate', '--mark'])?.message).toBe('--mark needs a value.')
    expect(usage(['check', '--lang', 'de'])?.message).toBe('--lang is a flag of kit build, not of kit check.')
    expect(usage(['list', '--translation'])?.message).toContain('Did you mean --translations?')
    expect(usage(['translate', '--mrak', 'de'])?.message).toContain('Did you mean --mark?')
  })
})
