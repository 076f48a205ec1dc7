import type { ModelContract, TensorSpec } from './model-contract.js';

/** An input or output as a model declares it (onnxruntime's session metadata has this shape). */
export interface DeclaredTensor {
  readonly name: string;
  /** Element type name, e.g. `float32`; undefined for non-tensor values. */
  readonly type: string | undefined;
  /** Sizes, or names of symbolic (dynamic) dimensions. */
  readonly shape: readonly (number | string)[];
}

/** What a model file declares. */
export interface DeclaredInterface {
  readonly inputs: readonly DeclaredTensor[];
  readonly outputs: readonly DeclaredTensor[];
}

/** Outcome of comparing a model with a contract. */
export interface ContractCheck {
  /** Every mismatch in words; empty when the model fits. */
  readonly mismatches: readonly string[];
  /** True when the model has the contract's dropout-mask inputs (MC-dropout works). */
  readonly hasMasks: boolean;
}

/**
 * Compares a model's declared inputs and outputs with a contract and lists every difference: missing
 * or unexpected inputs, missing outputs, element types, ranks and dimensions. A batch dimension (-1 in
 * the contract) must be dynamic in the model. Extra outputs are allowed; mask inputs are all or none.
 */
export function checkContract(declared: DeclaredInterface, contract: ModelContract): ContractCheck {
  const mismatches: string[] = [];
  const inputs = new Map(declared.inputs.map((t) => [t.name, t]));
  const outputs = new Map(declared.outputs.map((t) => [t.name, t]));
  for (const spec of contract.inputs) compare('input', spec, inputs.get(spec.name), mismatches);
  const presentMasks = contract.masks.filter((spec) => inputs.has(spec.name));
  const hasMasks = contract.masks.length > 0 && presentMasks.length === contract.masks.length;
  if (presentMasks.length > 0) {
    for (const spec of contract.masks) {
      if (!inputs.has(spec.name)) mismatches.push(`missing mask input "${spec.name}" ${formatShape(spec.shape)} (a model has all of [${contract.masks.map((m) => m.name).join(', ')}] or none)`);
      else compare('mask input', spec, inputs.get(spec.name), mismatches);
    }
  }
  const known = new Set([...contract.inputs, ...contract.masks].map((spec) => spec.name));
  for (const input of declared.inputs) {
    if (!known.has(input.name)) mismatches.push(`unexpected input "${input.name}" ${formatShape(input.shape)}; the contract's inputs are [${[...known].join(', ')}]`);
  }
  for (const spec of contract.outputs) compare('output', spec, outputs.get(spec.name), mismatches);
  return { mismatches, hasMasks };
}

function compare(role: string, spec: TensorSpec, found: DeclaredTensor | undefined, mismatches: string[]): void {
  if (found === undefined) {
    mismatches.push(`missing ${role} "${spec.name}" ${formatShape(spec.shape)} ${spec.dtype}`);
    return;
  }
  if (found.type !== spec.dtype) mismatches.push(`${role} "${spec.name}": expected element type ${spec.dtype}, was ${found.type ?? 'a non-tensor value'}`);
  if (found.shape.length !== spec.shape.length) {
    mismatches.push(`${role} "${spec.name}": expected shape ${formatShape(spec.shape)} (rank ${spec.shape.length}), was ${formatShape(found.shape)} (rank ${found.shape.length})`);
    return;
  }
  spec.shape.forEach((expected, axis) => {
    const actual = found.shape[axis]!;
    if (expected === -1) {
      if (typeof actual === 'number' && actual >= 0) {
        mismatches.push(`${role} "${spec.name}" dim ${axis}: expected a dynamic batch dimension, was fixed at ${actual} (export it with a dynamic axis, e.g. dynamic_axes={"${spec.name}": {0: "batch"}})`);
      }
    } else if (actual !== expected) {
      mismatches.push(`${role} "${spec.name}" dim ${axis}: expected ${expected}, was ${typeof actual === 'string' ? `symbolic "${actual}"` : actual}`);
    }
  });
}

/** Renders a shape for messages, with `batch` for dynamic dimensions. */
export function formatShape(shape: readonly (number | string)[]): string {
  return `[${shape.map((dim) => (dim === -1 ? 'batch' : String(dim))).join(', ')}]`;
}
