import QRCode from 'qrcode'

/**
 * QR codes of the room's links, made on this machine (no service): an SVG
 * for the join slide, and text for the terminal (the join link, and the
 * presenter's link for a phone used as a remote).
 */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1, color: { dark: '#000000', light: '#ffffff' } })
}

export function qrTerminal(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'terminal', small: true, errorCorrectionLevel: 'L' })
}
