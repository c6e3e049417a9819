/**
 * What a learner reads on the screen, from what a pseudo-terminal sent:
 * without the shells' prompts, without escape sequences (colours, title
 * changes), with `\r\n` as `\n`, and with a carriage return inside a line
 * overwriting it from the left as a progress line does. Pure.
 */

const ESC = String.fromCharCode(0x1b)
const BEL = String.fromCharCode(0x07)

/** CSI (`ESC [ … final`), OSC (`ESC ] … BEL` or `ESC ] … ESC \`) and the two-character ESC sequences. */
const ESCAPE = new RegExp([`${ESC}\\[[0-?]*[ -/]*[@-~]`, `${ESC}\\][^${BEL}${ESC}]*(?:${BEL}|${ESC}\\\\)`, `${ESC}[()*+][0-9A-Za-z]`, `${ESC}[=>78cDEHM]`].join('|'), 'g')

export function screenText(raw: string, prompt: string): string {
  const text = withoutPrompts(raw.replace(ESCAPE, ''), prompt).replace(/\r+\n/g, '\n')
  return text.includes('\r') ? text.split('\n').map(overstrike).join('\n') : text
}

function withoutPrompts(text: string, prompt: string): string {
  return prompt === '' ? text : text.split(prompt).join('')
}

/** `50%\r100%` shows as `100%`; `abcdef\rXY` as `XYcdef`. */
function overstrike(line: string): string {
  return line.split('\r').reduce((shown, part) => part + shown.slice(part.length), '')
}
