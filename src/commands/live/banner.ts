import pc from 'picocolors'
import type { LiveRoom } from './live.ts'
import { qrTerminal } from './qr.ts'

/**
 * What `kit live` prints when the room opens: where learners go (the
 * address, the room code, a QR code), whether they can reach it from their
 * own machines, and the trainer's own link with a QR code for a phone used
 * as a remote. The trainer's link is printed here and nowhere else.
 */
export async function liveBanner(live: LiveRoom, options: { color: boolean }): Promise<string[]> {
  const c = options.color ? pc : pc.createColors(false)
  const reach = live.binding.lan
    ? `Learners on the room's network open ${c.bold(live.joinUrl)} (this machine's address ${live.binding.public}).`
    : `Only this machine can open ${live.joinUrl} (loopback). For learners on the room's network: kit live --host lan`
  return [
    `kit live: ${live.resumed ? 'resumed' : 'started'} session ${c.bold(live.session)} (edition ${live.edition}, ${live.lang}); its record: ${live.file}`,
    '',
    `  Join:       ${c.bold(live.joinUrl)}`,
    `  Room code:  ${c.bold(live.code)}`,
    `  ${reach}`,
    '',
    ...(await qrTerminal(live.joinLink))
      .trimEnd()
      .split('\n')
      .map((l) => `  ${l}`),
    '',
    `  Presenter (keep it to yourself; it carries your token): ${live.presenterUrl}`,
    '  Scan with your phone to use it as a remote:',
    ...(await qrTerminal(live.presenterUrl))
      .trimEnd()
      .split('\n')
      .map((l) => `  ${l}`),
    '',
    'The join slide is the deck’s first slide. Ctrl-C stops serving; the session stays in .kit-live/ and kit live resumes it.',
  ]
}
