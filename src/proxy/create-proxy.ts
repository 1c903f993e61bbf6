import type { AnswerSource } from '../answers/answer-source.js';
import { DriftReport } from '../drift/drift-report.js';
import { driftChecks } from '../drift/drift-checks.js';
import { writeDriftReport } from '../drift/write-drift-report.js';
import type { CompiledSpec } from '../openapi/compile-operations.js';
import { Recorder, type FixtureCheck } from '../recording/recorder.js';
import type { FixtureError } from '../store/fixture-error.js';
import type { Exchange, ProxyMode } from './exchange.js';
import { upstreamSource } from './upstream-source.js';

export interface ProxyOptions {
  readonly upstream: string;
  readonly upstreamTimeoutMs: number;
  readonly upstreamBodyLimit: number;
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

export interface Proxy<S> {
  readonly mode: ProxyMode;
  /** The answer source for plan 'normal'. */
  readonly source: AnswerSource<S>;
  readonly drift: DriftReport;
  /** Adds a listener for finished exchanges (the recording). */
  readonly onExchange: (listener: (exchange: Exchange) => void) => void;
  /** Closes the upstream connections, writes the drift report and the recording (if asked to). */
  readonly close: () => Promise<void>;
}

/** Everything proxy mode adds to a server: the upstream source, the drift report, and its listeners. */
export function createProxy<S>(spec: CompiledSpec, options: ProxyOptions, onError: (what: string, error: unknown) => void): Proxy<S> {
  const upstream = upstreamSource<S>(options.upstream, { timeoutMs: options.upstreamTimeoutMs, bodyLimit: options.upstreamBodyLimit });
  const drift = new DriftReport({ upstream: options.upstream, maxGroups: options.driftMaxGroups, ...driftChecks(spec) });
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
  const mode: ProxyMode = {
    rejectInvalid: options.rejectInvalid,
    forward: upstream.forward,
    observe: (exchange) => {
      // What learns from the traffic never fails the request that taught it.
      for (const listener of listeners) {
        try {
          listener(exchange);
        } catch (error) {
          onError('observing an exchange', error);
        }
      }
    },
  };
  return {
    mode,
    source: upstream.source,
    drift,
    onExchange: (listener) => void listeners.push(listener),
    close: async () => {
      upstream.close();
      clearTimeout(timer);
      await record();
      if (options.driftReport === undefined) return;
      try {
        writeDriftReport(options.driftReport, drift.toJSON());
      } catch (error) {
        onError(`writing the drift report to ${options.driftReport}`, error);
      }
    },
  };
}
