// The whole run's budget: past it, whatever is hanging, the bench saves what it has, stops every
// server it started (the exit handler in processes.mjs) and exits 1.

import { fmt } from './format.mjs';
import { log } from './log.mjs';

export function watchdog(seconds, onExpiry) {
  const timer = setTimeout(() => {
    log(`\nbench: watchdog: the run passed its budget of ${fmt(seconds / 60, 1)} min (BENCH_MAX_MINUTES); stopping.`);
    try {
      onExpiry();
    } finally {
      process.exit(1);
    }
  }, seconds * 1000);
  timer.unref();
  return () => clearTimeout(timer);
}
