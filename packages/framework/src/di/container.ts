// reflect-metadata must load before tsyringe; the framework imports it once, here, so plugins never have to
import 'reflect-metadata';
import { container as globalContainer, type DependencyContainer } from 'tsyringe';

/** Returns a fresh container for one kernel, a child of tsyringe's root so nothing leaks between kernels. */
export function createRootContainer(): DependencyContainer {
  return globalContainer.createChildContainer();
}

export type { DependencyContainer };
