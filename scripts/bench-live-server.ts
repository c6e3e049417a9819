/**
 * The server side of `npm run bench`'s live scenario, in its own process so
 * that its memory is measured alone: `kit live` on a project, with rate
 * limits lifted (every simulated learner comes from 127.0.0.1), printing
 * its addresses as JSON on the first line. Runs the compiled lib/, as the
 * command does.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'

// The compiled code, as `kit live` runs it (npm run compile first).
const compiled = pathToFileURL(path.resolve(import.meta.dirname, '../lib/commands/live/live.js')).href
const { startLive } = (await import(compiled)) as typeof import('../src/commands/live/live.ts')

const root = process.argv[2]
if (!root) throw new Error('usage: bench-live-server.ts PROJECT')
const open = { burst: 100_000, perSecond: 100_000 }
const live = await startLive({ root, port: 0, fresh: true, limits: { join: open, sockets: open, actions: open, reads: open } })
const exercise = [...live.room.model.exercises.values()][0]
const question = [...live.room.model.questions.values()][0]
console.log(
  JSON.stringify({
    joinUrl: live.joinUrl,
    presenterUrl: live.presenterUrl,
    code: live.code,
    slides: live.room.model.slides.length,
    question: question && { id: question.id, slide: question.slide },
    exercise: exercise?.id,
  }),
)
process.once('SIGTERM', () => void live.close().then(() => process.exit(0)))
