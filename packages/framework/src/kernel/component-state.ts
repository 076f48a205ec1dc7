import type { DependencyContainer } from 'tsyringe';
import type { ScopedBus } from '../bus/scoped-bus.js';
import type { ComponentSection } from '../config/envelope.js';
import type { FAULT_POLICIES } from '../config/envelope.js';
import type { ResolvedManifest } from '../plugin/manifest.js';
import type { Lifecycle } from '../plugin/plugin-context.js';

/** Lifecycle of one component: created → running → stopped → disposed, or faulted when its policy disabled it. */
export type ComponentState = 'created' | 'running' | 'stopped' | 'faulted' | 'disposed';

/** What the kernel keeps for each created component. */
export interface ComponentRecord {
  readonly instanceId: string;
  readonly section: ComponentSection;
  /** Path in the config, e.g. `agents[0]`. */
  readonly path: string;
  readonly manifest: ResolvedManifest;
  readonly instance: Lifecycle & Record<string, unknown>;
  readonly container: DependencyContainer;
  readonly bus: ScopedBus;
  readonly onFault: (typeof FAULT_POLICIES)[number];
  state: ComponentState;
  faults: number;
}
