import { parseArgs, type ParseArgsConfig } from 'node:util'
import { distance } from 'fastest-levenshtein'
import { closest } from '../core/closest.ts'
import { usageError } from '../core/problems.ts'

/**
 * The command line's grammar: each command accepts its own flags and the
 * common ones, nothing else. A flag a command does not know is a usage error
 * (exit 2) that names the closest flag it does know, or the command that
 * owns it, instead of being ignored. Node's own parser does the parsing;
 * this file only says which flags belong where and words its errors.
 */

type Options = NonNullable<ParseArgsConfig['options']>

const COMMON = {
  root: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

export const COMMANDS = {
  build: {
    options: {
      edition: { type: 'string', multiple: true },
      lang: { type: 'string', multiple: true },
      formats: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean' },
      pptx: { type: 'string' },
      quiet: { type: 'boolean' },
      verbose: { type: 'boolean' },
      roster: { type: 'string' },
      results: { type: 'string' },
    },
    positionals: [],
  },
  check: {
    options: {
      strict: { type: 'boolean' },
      format: { type: 'string' },
      'no-browser': { type: 'boolean' },
      pptx: { type: 'boolean' },
      roster: { type: 'string' },
      results: { type: 'string' },
      edition: { type: 'string', multiple: true },
    },
    positionals: [],
  },
  dev: { options: { port: { type: 'string' } }, positionals: [] },
  new: { options: {}, positionals: ['KIND', 'SLUG'] },
  init: { options: { title: { type: 'string' }, lang: { type: 'string' }, force: { type: 'boolean' } }, positionals: ['DIR'] },
  import: { options: { 'max-mb': { type: 'string' }, timeout: { type: 'string' }, allow: { type: 'string', multiple: true } }, positionals: ['DECK…'] },
  eject: { options: {}, positionals: ['FILE…'] },
  list: { options: { translations: { type: 'boolean' } }, positionals: [] },
  translate: { options: { mark: { type: 'string' } }, positionals: ['FILE…'] },
  labs: { options: { exercise: { type: 'string', multiple: true }, runtime: { type: 'string' }, yes: { type: 'boolean', short: 'y' } }, positionals: [] },
  live: { options: { edition: { type: 'string' }, lang: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, new: { type: 'boolean' } }, positionals: [] },
  'live report': { options: {}, positionals: ['SESSION'] },
} as const satisfies Record<string, { options: Options; positionals: readonly string[] }>

export type Command = keyof typeof COMMANDS

export interface ParsedCommand {
  command: Command
  values: Record<string, string | boolean | (string | boolean)[] | undefined>
  positionals: string[]
}

export type Parsed = ParsedCommand | { command: 'help' } | { command: 'version' }

/** Parses `argv` (without node and the script). Throws a usage KitError for anything it does not understand. */
export function parseCommandLine(argv: string[]): Parsed {
  const name = argv.find((a, i) => !a.startsWith('-') && argv[i - 1] !== '--root')
  if (name === undefined) {
    if (argv.includes('-v') || argv.includes('--version')) return { command: 'version' }
    if (argv.includes('-h') || argv.includes('--help') || argv.length === 0) return { command: 'help' }
    throw usageError('KIT_USAGE', 'No command given.', 'Commands: build, check, dev, eject, import, init, labs, list, live, new, translate. See kit --help.')
  }
  if (!(name in COMMANDS) || name.includes(' ')) {
    const guess = closest(
      name,
      Object.keys(COMMANDS).filter((c) => !c.includes(' ')),
    )
    throw usageError(
      'KIT_USAGE',
      `Unknown command "${name}".${guess ? ` Did you mean "kit ${guess}"?` : ''}`,
      'Commands: build, check, dev, eject, import, init, labs, list, live, new, translate. See kit --help.',
    )
  }
  // `kit live report` is a command of its own, with its own flags.
  const rest = withoutFirst(argv, name)
  const sub = `${name} ${rest.find((a, i) => !a.startsWith('-') && rest[i - 1] !== '--root') ?? ''}`
  const command = (sub in COMMANDS ? sub : name) as Command
  const spec = COMMANDS[command]
  const options: Options = { ...COMMON, ...spec.options }
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: command === name ? rest : withoutFirst(rest, command.split(' ')[1] ?? ''), options, allowPositionals: true, strict: true })
  } catch (error) {
    throw explain(error as Error & { code?: string }, command, options)
  }
  if (parsed.values.help) return { command: 'help' }
  const variadic = (spec.positionals as readonly string[]).at(-1)?.endsWith('…')
  if (!variadic && parsed.positionals.length > spec.positionals.length) {
    const extra = parsed.positionals[spec.positionals.length]
    throw usageError(
      'KIT_USAGE',
      `kit ${command} does not take "${extra}".`,
      spec.positionals.length ? `Usage: kit ${command} ${spec.positionals.join(' ')}.` : `kit ${command} takes no arguments besides its flags; see kit --help.`,
    )
  }
  return { command, values: parsed.values, positionals: parsed.positionals }
}

function withoutFirst(argv: string[], name: string): string[] {
  const i = argv.indexOf(name)
  return [...argv.slice(0, i), ...argv.slice(i + 1)]
}

/** Node's parse error, in the words of a usage problem with "did you mean". */
function explain(error: Error & { code?: string }, command: Command, options: Options) {
  const flag = /'(-{1,2}[^']+)'/.exec(error.message)?.[1] ?? ''
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = flag.replace(/^-+/, '').split('=')[0] ?? ''
    const guess = closest(name, Object.keys(options))
    const owner = (Object.keys(COMMANDS) as Command[]).find((c) => c !== command && name in COMMANDS[c].options)
    // A flag of another command wins over a loose guess; a one-letter slip (--format for --formats) does not.
    if (owner && (!guess || distance(guess, name) > 1)) return usageError('KIT_USAGE', `--${name} is a flag of kit ${owner}, not of kit ${command}.`, `Flags of kit ${command}: ${flagList(options)}.`)
    return usageError('KIT_USAGE', `kit ${command} has no flag ${flag}.${guess ? ` Did you mean --${guess}?` : ''}`, `Flags of kit ${command}: ${flagList(options)}.`)
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = /--([\w-]+)/.exec(error.message)?.[1] ?? flag
    const type = options[name]?.type
    return usageError('KIT_USAGE', type === 'boolean' ? `--${name} takes no value.` : `--${name} needs a value.`, `See kit --help.`)
  }
  return usageError('KIT_USAGE', error.message, 'See kit --help.')
}

function flagList(options: Options): string {
  return Object.keys(options)
    .map((o) => `--${o}`)
    .join(', ')
}
