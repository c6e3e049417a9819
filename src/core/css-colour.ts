import colourNames from 'color-name'

/**
 * A colour an author writes in workshop.yaml (`brand.accent`) goes into
 * every inlined stylesheet, so it is read by a strict grammar instead of a
 * pattern that lets anything through: a hex colour of 3, 4, 6 or 8 digits,
 * a colour function of numbers only (rgb(), rgba(), hsl(), hsla(), and the
 * newer hwb(), lab(), lch(), oklab(), oklch()), in comma or space syntax
 * with an optional alpha, or a CSS colour name. Nothing else passes, so
 * `</style>`, `;`, `{` or `}` can never reach a style.
 */

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?`
/** A component: a number, a percentage or an angle. */
const COMPONENT = `${NUMBER}(?:%|deg|grad|rad|turn)?`
const COMMAS = `${COMPONENT}(?:\\s*,\\s*${COMPONENT}){2}(?:\\s*,\\s*${COMPONENT})?`
const SPACES = `${COMPONENT}(?:\\s+${COMPONENT}){2}(?:\\s*\\/\\s*${COMPONENT})?`
const FUNCTION = new RegExp(`^(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\\(\\s*(?:${COMMAS}|${SPACES})\\s*\\)$`, 'i')
const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i

/** Whether `text` is a CSS colour of the grammar above. */
export function isCssColour(text: string): boolean {
  return HEX.test(text) || FUNCTION.test(text) || Object.hasOwn(colourNames, text.toLowerCase())
}
