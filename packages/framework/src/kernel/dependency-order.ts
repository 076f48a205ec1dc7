/** A node to order: an instance, the plugin it uses and the plugin ids it depends on. */
export interface DependencyNode {
  readonly instanceId: string;
  readonly pluginId: string;
  readonly dependsOn: readonly string[];
  /** Where it is configured, for messages (e.g. `agents[0]`). */
  readonly path: string;
}

/** Result of ordering: nodes so that every dependency comes first, or every problem found. */
export type DependencyOrder = { readonly ok: true; readonly order: readonly DependencyNode[] } | { readonly ok: false; readonly problems: readonly string[]; readonly code: 'GM_PLUGIN_DEPENDENCY_MISSING' | 'GM_PLUGIN_DEPENDENCY_CYCLE' };

/**
 * Orders nodes so each comes after every instance of the plugins it depends on. Among independent nodes the
 * given order is kept, so creation is deterministic. Reports all missing dependencies, or the cycle.
 */
export function orderByDependencies(nodes: readonly DependencyNode[]): DependencyOrder {
  const missing: string[] = [];
  const edges = new Map<DependencyNode, DependencyNode[]>();
  for (const node of nodes) {
    const providers: DependencyNode[] = [];
    for (const dependency of node.dependsOn) {
      const found = nodes.filter((candidate) => candidate.pluginId === dependency && candidate !== node);
      if (found.length === 0) missing.push(`${node.path} ("${node.instanceId}", plugin "${node.pluginId}") depends on plugin "${dependency}", which is not configured`);
      providers.push(...found);
    }
    edges.set(node, providers);
  }
  if (missing.length > 0) return { ok: false, problems: missing, code: 'GM_PLUGIN_DEPENDENCY_MISSING' };

  const order: DependencyNode[] = [];
  const placed = new Set<DependencyNode>();
  while (order.length < nodes.length) {
    const next = nodes.find((node) => !placed.has(node) && edges.get(node)!.every((provider) => placed.has(provider)));
    if (next === undefined) {
      const stuck = nodes.filter((node) => !placed.has(node)).map((node) => `"${node.instanceId}" (${node.path})`);
      return { ok: false, problems: [`dependency cycle among ${stuck.join(', ')}`], code: 'GM_PLUGIN_DEPENDENCY_CYCLE' };
    }
    order.push(next);
    placed.add(next);
  }
  return { ok: true, order };
}
