import { renameSync, writeFileSync } from 'node:fs';
import { shownUrl } from '../kernel/shown-url.js';
import { DriftReport } from './drift/drift-report.js';
import { driftChecks } from './drift/drift-checks.js';
import type { Mode } from '../pipeline/mode.js';
import type { Exchange } from '../pipeline/pipeline.js';
import type { CompiledSpec } from '../openapi/compile-operations.js';
import { Recorder, type FixtureCheck } from './recording/recorder.js';
import type { FixtureError } from '../world/fixture-error.js';
import { proxyMode } from './proxy-mode.js';
import { upstreamSource } from './upstream-source.js';

export interface ProxyOptions {
  readonly upstream: string;
  readonly upstreamTimeoutMs: number;
  readonly upstreamBodyLimit: number;
  /** Deepest nesting of an upstream body that is parsed and validated. */
  readonly maxJsonDepth: number;
  readonly rejectInvalid: boolean;
  readonly driftMaxGroups: number;
  /** Where close() writes the drift report, if anywhere. */
  readonly driftReport?: string | undefined;
  /** --record: the fixtures folder to record into, raw values or fakes, and the start-up checks. */
  readonly recording?:
    | { readonly dir: string; readonly raw: boolean; readonly check: FixtureCheck; readonly onLeftOut?: (error: FixtureError, keptWritten: boolean) => void }
    | undefined;
}

/** A recording is written this long after the last exchange that changed it (and on close). */
const RECORD_AFTER_MS = 1000;

export interface Proxy {
  /** Proxy mode's part of the pipeline: admission, the upstream answering, and what learns from each exchange. */
  readonly mode: Mode;
  readonly drift: DriftReport;
  /** Closes the upstream connections, writes the drift report and the recording (if asked to). */
  readonly close: () => Promise<void>;
}

/** Everything proxy mode adds to a server: the upstream source, the drift report, and its listeners. */
export function createProxy(spec: CompiledSpec, options: ProxyOptions, onError: (what: string, error: unknown) => void): Proxy {
  const upstream = upstreamSource(options.upstream, { timeoutMs: options.upstreamTimeoutMs, bodyLimit: options.upstreamBodyLimit, maxJsonDepth: options.maxJsonDepth, rejectInvalid: options.rejectInvalid });
  // The report is shown and written: without the upstream URL's credentials.
  const drift = new DriftReport({ upstream: shownUrl(options.upstream), maxGroups: options.driftMaxGroups, ...driftChecks(spec) });
  const listeners: Array<(exchange: Exchange) => void> = [drift.observe.bind(drift)];
  const recorder = options.recording ? new Recorder(options.recording.dir, options.recording.raw, options.recording.check, options.recording.onLeftOut) : null;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  const record = () => {
    // One write at a time, in order; a recording that would not start is reported, not written.
    writing = writing.then(() => recorder?.flush()).then(() => undefined, (error: unknown) => onError(`recording into ${options.recording?.dir}`, error));
    return writing;
  };
  if (recorder) {
    listeners.push((exchange) => {
      recorder.observe(exchange);
      clearTimeout(timer);
      timer = setTimeout(() => void record(), RECORD_AFTER_MS);
      timer.unref();
    });
  }
  // What learns from the traffic never fails the request that taught it.
  const observe = (exchange: Exchange) => {
    for (const listener of listeners) {
      try {
        listener(exchange);
      } catch (error) {
        onError('observing an exchange', error);
      }
    }
  };
  return {
    mode: proxyMode(upstream, options.rejectInvalid, observe),
    drift,
    close: async () => {
      upstream.close();
      clearTimeout(timer);
      await record();
      if (options.driftReport === undefined) return;
      try {
        // Beside its final name, then renamed: a reader never sees half a file.
        const temporary = `${options.driftReport}.${process.pid}.tmp`;
        writeFileSync(temporary, `${JSON.stringify(drift.toJSON(), null, 2)}\n`);
        renameSync(temporary, options.driftReport);
      } catch (error) {
        onError(`writing the drift report to ${options.driftReport}`, error);
      }
    },
  };
}
