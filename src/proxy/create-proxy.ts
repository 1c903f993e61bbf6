import type { Bundle } from '../bundle/bundle.js';
import { shownUrl } from '../kernel/shown-url.js';
import type { Logger } from '../logging/logger.js';
import { DriftReport } from './drift/drift-report.js';
import type { Mode } from '../pipeline/mode.js';
import type { Exchange } from '../pipeline/pipeline.js';
import { checkRecording } from './recording/check-recording.js';
import { Recorder } from './recording/recorder.js';
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
  /** --record: the fixtures folder to record into (made if missing), with raw values or fakes. */
  readonly record?: string | undefined;
  readonly recordRaw: boolean;
}

/** A recording is written this long after the last exchange that changed it (and on close). */
const RECORD_AFTER_MS = 1000;

export interface Proxy {
  /** Proxy mode's part of the pipeline: admission, the upstream answering, and what learns from each exchange. */
  readonly mode: Mode;
  readonly drift: DriftReport;
  /** Closes the upstream connections and writes the recording (if asked to). */
  readonly close: () => Promise<void>;
}

/** Everything proxy mode adds to a server: the upstream source, the drift report, and its listeners. */
export function createProxy(bundle: Bundle, options: ProxyOptions, logger: Logger): Proxy {
  const onError = (what: string, error: unknown) => logger.error(`proxy: ${what} failed`, { error: error instanceof Error ? error.message : String(error) });
  const upstream = upstreamSource(options.upstream, { timeoutMs: options.upstreamTimeoutMs, bodyLimit: options.upstreamBodyLimit, maxJsonDepth: options.maxJsonDepth, rejectInvalid: options.rejectInvalid });
  // The report is shown and written: without the upstream URL's credentials.
  const drift = new DriftReport(shownUrl(options.upstream), options.driftMaxGroups, bundle.spec);
  const listeners: Array<(exchange: Exchange) => void> = [drift.observe.bind(drift)];
  const onLeftOut = (error: Error, kept: boolean) =>
    logger.warn(`proxy: recording into ${options.record} ${kept ? 'kept the last written version of' : 'left out'} a record that would not pass the fixture checks (until a later answer changes it)`, { error: error.message });
  const recorder = options.record === undefined ? null : new Recorder(options.record, options.recordRaw, checkRecording(bundle), onLeftOut);
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  const record = () => {
    // One write at a time, in order; a recording that would not start is reported, not written.
    writing = writing.then(() => recorder?.flush()).then(() => undefined, (error: unknown) => onError(`recording into ${options.record}`, error));
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
    },
  };
}
