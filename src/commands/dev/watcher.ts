import { watch, type FSWatcher } from 'node:fs'
import path from 'node:path'
import { LAYOUT } from '../../load/read-sources.ts'

/** Saved sources: the source folders, watched recursively with Node's `fs.watch`. */
export class SourceWatcher {
  private readonly watchers: FSWatcher[] = []
  /** Resolves once the folders are being watched: a save after this is seen. */
  readonly ready: Promise<void> = Promise.resolve()

  /** `saved` gets each path that changed, relative to `root` with forward slashes (`*` when the system does not say). */
  constructor(root: string, saved: (file: string) => void, failed: (error: unknown) => void) {
    for (const dir of ['content', LAYOUT.exercises, LAYOUT.templates]) {
      try {
        const watcher = watch(path.join(root, dir), { recursive: true }, (_event, filename) => {
          saved(filename ? path.join(dir, String(filename)).split(path.sep).join('/') : '*')
        })
        watcher.on('error', failed)
        this.watchers.push(watcher)
      } catch {
        // A project without this folder has nothing to watch there.
      }
    }
  }

  async close(): Promise<void> {
    for (const watcher of this.watchers) watcher.close()
  }
}
