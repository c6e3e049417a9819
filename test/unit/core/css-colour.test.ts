import { describe, expect, it } from 'vitest'
import { isCssColour } from '../../../src/core/css-colour.ts'

describe('CSS colours', () => {
  it.each([
    '#b53',
    '#b53f',
    '#b5372a',
    '#b5372aff',
    'rebeccapurple',
    'Teal',
    'rgb(12, 34, 56)',
    'rgba(12,34,56,0.5)',
    'rgb(10% 20% 30% / 50%)',
    'hsl(210deg 60% 40%)',
    'hsla(210, 60%, 40%, .8)',
    'oklch(0.6 0.15 250)',
  ])('accepts %s', (colour) => {
    expect(isCssColour(colour)).toBe(true)
  })

  it.each([
    '#b5372',
    '#b5372a0',
    '#ggg',
    'notacolour',
    'rgb(1, 2)',
    'rgb(a, b, c)',
    'rgb(1 2 3);color:red',
    'red;}body{display:none',
    'rgb(</style><meta http-equiv=refresh content=0;url=https://evil.example/><style>)',
    'url(x)',
    'var(--x)',
    'toString',
    '',
  ])('refuses %s', (colour) => {
    expect(isCssColour(colour)).toBe(false)
  })
})
