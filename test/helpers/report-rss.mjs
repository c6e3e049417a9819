// Preloaded with --import: prints the process's peak memory when it exits.
process.on('exit', () => {
  process.stderr.write(`\nkit-peak-rss-kib ${process.resourceUsage().maxRSS}\n`)
})
