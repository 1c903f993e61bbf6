import type { CompiledSpec } from '../openapi/compile-operations.js';
import type { SpecValidators } from '../validation/spec-validators.js';
import type { RecordValidators } from '../world/record-validators.js';
import type { World } from '../world/world.js';

/** How a start got a compiled part: from the package, from the cache folder, or compiled now. */
export type CompiledFrom = 'precompiled' | 'cache' | 'compiled';

/** Everything immutable a server is built on. Shared by every server built from the same inputs. */
export interface Bundle {
  readonly spec: CompiledSpec;
  readonly validators: SpecValidators;
  readonly records: RecordValidators;
  /** The frozen base world: fixtures (checked) plus generated records. */
  readonly world: World;
  /** The process-cache key of the world (see process-cache), so a reload can let go of the one it replaced. */
  readonly worldKey: string;
  /** What the world and specs are made of, whatever their folder: replicas sharing a store must agree. */
  readonly fingerprint: string;
  /** How this start got each part, for the debug log and tests. */
  readonly from: { readonly specs: CompiledFrom | 'memory'; readonly records: CompiledFrom | 'memory'; readonly world: 'built' | 'memory' };
}
