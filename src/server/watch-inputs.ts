import { watch, type FSWatcher } from 'node:fs';

/** How long the folders must stay quiet after a change before the reload starts (an editor's save is several events). */
export const WATCH_SETTLE_MS = 120;

export interface InputWatch {
  close(): void;
}

/**
 * Watches the specs and fixtures folders (their files; editors that save by writing a temporary
 * file and renaming it are seen too) and calls `onChange` once things settle. A folder that
 * cannot be watched is reported once and otherwise ignored: the server keeps serving, and
 * POST /__mock/reload or SIGHUP still reload.
 */
export function watchInputs(folders: readonly string[], onChange: (file: string) => void, onProblem: (message: string) => void): InputWatch {
  let timer: NodeJS.Timeout | undefined;
  let lastFile = '';
  const watchers: FSWatcher[] = [];
  for (const folder of new Set(folders)) {
    try {
      const watcher = watch(folder, { persistent: false }, (_event, file) => {
        const name = typeof file === 'string' ? file : '';
        // Editor droppings (swap files, backups) are not inputs.
        if (name.startsWith('.') || name.endsWith('~') || name.endsWith('.swp')) return;
        lastFile = `${folder}/${name}`;
        clearTimeout(timer);
        timer = setTimeout(() => onChange(lastFile), WATCH_SETTLE_MS);
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
