import type { Browser } from 'puppeteer-core'
import type { BrowserChoice } from './find.ts'

/** Flags for a headless browser that never reaches the network on its own. */
export const BROWSER_ARGS = [
  '--headless=new',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
  // Tabs of the page pool work in parallel; none of them may be throttled as
  // a background tab, or its screenshots never arrive.
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
]

/** Launches the browser findBrowser chose: headless, offline, and tied to kit's process. */
export async function launchBrowser(choice: BrowserChoice): Promise<Browser> {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0
  // The npm-packaged Chromium is a headless shell built for containers: it
  // runs as one process, without a zygote or a sandbox.
  const packaged = choice.source === 'npm' ? ['--no-sandbox', '--no-zygote', '--single-process'] : []
  // Loaded on first launch: commands and builds that need no browser start faster.
  const { default: puppeteer } = await import('puppeteer-core')
  return puppeteer.launch({
    executablePath: choice.path,
    headless: choice.source === 'npm' ? 'shell' : true,
    args: [...BROWSER_ARGS, ...(asRoot || process.env.CI ? ['--no-sandbox'] : []), ...packaged],
    protocolTimeout: 120_000,
    // Talk to the browser over a pipe: when kit dies, even by SIGKILL, the
    // pipe closes and the browser quits instead of lingering.
    pipe: true,
  })
}
