import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SdkError } from '@grandmodel/framework';
import type { ModelContract } from './model-contract.js';
import { OnnxPolicy, type OnnxPolicyOptions } from './onnx-policy.js';

/** Folder of the models shipped with the package (`models/`, next to `src/` and `dist/`). */
export const SHIPPED_MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

/** Path of the shipped model for a contract (`models/<contract name>.onnx`). */
export function shippedModelPath(contractName: string): string {
  return resolve(SHIPPED_MODELS_DIR, `${contractName}.onnx`);
}

/** Path of the JSON card that describes a shipped model (how it was trained, its hash). */
export function shippedModelCardPath(contractName: string): string {
  return resolve(SHIPPED_MODELS_DIR, `${contractName}.card.json`);
}

/**
 * Loads the model for a contract: `model` (an `.onnx` path from a plugin's options, relative to
 * `baseDir`) when given, else the shipped one. Throws when the file is missing or breaks the contract.
 */
export async function loadPolicy(contract: ModelContract, model: string | undefined, baseDir: string, options: OnnxPolicyOptions = {}): Promise<OnnxPolicy> {
  const path = model === undefined ? shippedModelPath(contract.name) : isAbsolute(model) ? model : resolve(baseDir, model);
  if (!existsSync(path)) {
    throw new SdkError(
      'GM_DATA_FILE',
      model === undefined
        ? `No shipped model for contract "${contract.name}" at ${path}; train one with \`grandmodel train\` or set options.model`
        : `Model file ${path} (options.model "${model}") does not exist`,
    );
  }
  return OnnxPolicy.load(path, contract, options);
}
