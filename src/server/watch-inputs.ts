import { watch, type FSWatcher } from 'node:fs';

/** How long the folders must stay quiet after a change before the reload starts (an editor's save is several events). */
const WATCH_SETTLE_MS = 120;

/**
 * Calls `onChange` once changes to the folders' files settle (renames by editors included). A
 * folder that cannot be watched is reported once: POST /__mock/reload and SIGHUP still reload.
 */
export function watchInputs(folders: readonly string[], onChange: (file: string) => void, onProblem: (message: string) => void): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  const watchers: FSWatcher[] = [];
  for (const folder of new Set(folders)) {
    try {
      const watcher = watch(folder, { persistent: false }, (_event, file) => {
        const name = typeof file === 'string' ? file : '';
        // Editor droppings (swap files, backups) are not inputs.
        if (name.startsWith('.') || name.endsWith('~') || name.endsWith('.swp')) return;
        clearTimeout(timer);
        timer = setTimeout(() => onChange(`${folder}/${name}`), WATCH_SETTLE_MS);
      });
      watcher.on('error', (error) => onProblem(`stopped watching ${folder}: ${error.message}`));
      watchers.push(watcher);
    } catch (error) {
      onProblem(`cannot watch ${folder}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return {
    close: () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
