import type { Messages } from '../../core/messages.ts'
import type { PreflightCheck, PreflightPlan } from './checks.ts'
import { PREFLIGHT_END, PREFLIGHT_LIBRARY, PREFLIGHT_MESSAGE_KEYS, PREFLIGHT_VARIABLES } from './library.ts'
import { fileFixes, programFixes, FAMILIES, type Fixes } from './packages.ts'

/**
 * The learner's preflight script, `check-my-machine.sh`: the checks of an
 * edition's exercises as POSIX sh, every sentence from the workshop's
 * catalogue (`preflight.*`), every value from content single-quoted. Pure.
 */

export const PREFLIGHT_FILE = 'check-my-machine.sh'

export interface PreflightMeta {
  workshop: string
  edition: string
}

export function renderPreflightScript(plan: PreflightPlan, messages: Messages, meta: PreflightMeta): string {
  const labelWidth = Math.max(...LABELS.map((label) => displayWidth(messages.t(`preflight.label.${label}`))))
  const comment = (text: string) => `# ${text.replace(/[\r\n]+/g, ' ')}`
  const header = [
    '#!/bin/sh',
    comment(`${PREFLIGHT_FILE}: ${messages.t('preflight.header.title', { workshop: meta.workshop, edition: meta.edition })}`),
    comment(messages.t('preflight.header.usage')),
    // For the whole file: fix commands name $USER for the learner to type, and sentences keep their typographic apostrophes.
    '# shellcheck disable=SC2016,SC1112',
    '',
    `v_workshop=${shellQuote(meta.workshop)}`,
    `v_edition=${shellQuote(meta.edition)}`,
    ...PREFLIGHT_MESSAGE_KEYS.map((key) => messageFunction(key, messages, labelWidth)),
    // Lines under a check start below its title.
    `indent=${shellQuote(' '.repeat(labelWidth + 4))}`,
  ]
  const intro = [
    'if [ -z "$machine" ]; then',
    `  printf '%s\\n' "$(m_header_title)" "$(m_header_usage)" "$(m_header_system)"`,
    ...plan.unchecked.map((word) => `  v_requirement=${shellQuote(word)}; printf '%s\\n' "$(m_header_notChecked)"`),
    '  echo',
    'fi',
  ]
  const checks = plan.checks.flatMap((check) => [`used_by ${shellQuote(check.usedBy.join(', '))}`, checkCall(check)])
  return `${[...header, PREFLIGHT_LIBRARY, ...intro, ...checks].join('\n')}\n${PREFLIGHT_END}`
}

/** One shell line that runs `check`. */
function checkCall(check: PreflightCheck): string {
  const id = shellQuote(check.id)
  const severity = check.severity
  switch (check.kind) {
    case 'cgroup':
      return `check_cgroup ${severity} ${shellQuote(check.versions.join(' '))}`
    case 'command':
      return `check_command ${id} ${severity} ${shellQuote(check.program)} ${fixArgs(programFixes(check.program))}`
    case 'file':
      return `check_file ${id} ${severity} ${shellQuote(check.pattern)} "$(first_existing ${globWord(check.pattern)})" ${fixArgs(fileFixes(check.pattern))}`
    case 'kernel':
      return `check_kernel ${id} ${severity} ${shellQuote(check.pattern)} "$(first_existing ${globWord(check.pattern)})"`
    case 'image':
      return `check_image ${id} ${severity} ${shellQuote(check.image)}`
    case 'disk':
      return `check_disk ${id} ${severity} ${check.where} ${check.megabytes}`
    default:
      return `check_${check.kind} ${severity}`
  }
}

function fixArgs(fixes: Fixes): string {
  return FAMILIES.map((family) => shellQuote(fixes[family])).join(' ')
}

/**
 * A `file:` pattern as shell words that the shell expands: everything
 * quoted except each `*` of the last part (as kit labs matches it: a `*`
 * in a folder name is a character). kit labs' `*` also matches a leading
 * dot, which the shell's does not: a pattern that starts with `*` gets a
 * second word for names that start with a dot.
 */
export function globWord(pattern: string): string {
  const cut = pattern.lastIndexOf('/') + 1
  const base = pattern.slice(cut)
  const word = (prefix: string) => {
    const [first = '', ...rest] = base.split('*')
    return shellQuote(pattern.slice(0, cut) + prefix + first) + rest.map((part) => `*${part ? shellQuote(part) : ''}`).join('')
  }
  return base.startsWith('*') ? `${word('')} ${word('.')}` : word('')
}

/** `text` as one shell word that the shell takes literally. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

/** The verdicts' labels (OK, FAIL…), padded to one width so that the checks' titles line up. */
const LABELS = ['pass', 'fail', 'warn', 'skip']

/** Columns a terminal gives `text`: two for each wide (East Asian) character. */
export function displayWidth(text: string): number {
  let width = 0
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1
  return width
}

const OPEN = '\u0001'
const CLOSE = '\u0002'

/**
 * `m_userns_maxZero() { printf '…%s…' "$v_command"; }`: the message with each
 * placeholder filled at run time from its `v_` variable, in the order this
 * language writes them.
 */
function messageFunction(key: string, messages: Messages, labelWidth: number): string {
  const slots = Object.fromEntries(PREFLIGHT_VARIABLES.map((name) => [name, `${OPEN}${name}${CLOSE}`]))
  const message = messages.t(`preflight.${key}`, slots)
  const text = key.startsWith('label.') ? message + ' '.repeat(labelWidth - displayWidth(message)) : message
  const args: string[] = []
  const format = text
    .split(new RegExp(`${OPEN}(\\w+)${CLOSE}`))
    .map((part, i) => {
      if (i % 2 === 1) {
        args.push(` "$v_${part}"`)
        return '%s'
      }
      return part.replace(/\\/g, '\\\\').replace(/%/g, '%%')
    })
    .join('')
  return `m_${key.replace(/\./g, '_')}() { printf -- ${shellQuote(format)}${args.join('')}; }`
}
