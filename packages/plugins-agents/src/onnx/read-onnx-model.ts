import { SdkError } from '@grandmodel/framework';
import { MODEL_PROTO } from './onnx-schema.js';

/** A graph input or output as declared in a model file. */
export interface OnnxValueSummary {
  readonly name: string;
  /** ONNX element type code (1 = float32, 7 = int64, …). */
  readonly elemType: number;
  /** Each dimension: a size, a symbolic name, or -1 when the file leaves it unspecified. */
  readonly shape: readonly (number | string)[];
}

/** What a model file declares: its interface, metadata and graph outline. */
export interface OnnxModelSummary {
  readonly irVersion: number;
  readonly opsetVersion: number;
  readonly producerName: string;
  readonly inputs: readonly OnnxValueSummary[];
  readonly outputs: readonly OnnxValueSummary[];
  readonly initializers: readonly { readonly name: string; readonly dims: readonly number[] }[];
  readonly nodes: readonly { readonly opType: string; readonly inputs: readonly string[]; readonly outputs: readonly string[] }[];
  readonly metadata: Readonly<Record<string, string>>;
}

interface DecodedValueInfo {
  name?: string;
  type?: { tensorType?: { elemType?: number; shape?: { dim?: { dimValue?: number; dimParam?: string }[] } } };
}

interface DecodedModel {
  irVersion?: number;
  producerName?: string;
  opsetImport?: { domain?: string; version?: number }[];
  metadataProps?: { key?: string; value?: string }[];
  graph?: {
    node?: { opType?: string; input?: string[]; output?: string[] }[];
    initializer?: { name?: string; dims?: number[] }[];
    input?: DecodedValueInfo[];
    output?: DecodedValueInfo[];
  };
}

/**
 * Decodes the interface of an ONNX model file (inputs, outputs, metadata, node list) without running it.
 * Graph inputs that are also initializers (older exporters list weights as inputs) are left out.
 */
export function readOnnxModel(bytes: Uint8Array, source = 'model'): OnnxModelSummary {
  let model: DecodedModel;
  try {
    model = MODEL_PROTO.toObject(MODEL_PROTO.decode(bytes), { longs: Number, defaults: false, arrays: true }) as DecodedModel;
  } catch (cause) {
    throw new SdkError('GM_INPUT_INVALID', `${source}: not an ONNX model file (${(cause as Error).message})`, { cause });
  }
  const graph = model.graph ?? {};
  const initializerNames = new Set((graph.initializer ?? []).map((t) => t.name ?? ''));
  const metadata: Record<string, string> = {};
  for (const entry of model.metadataProps ?? []) metadata[entry.key ?? ''] = entry.value ?? '';
  const opset = (model.opsetImport ?? []).find((o) => (o.domain ?? '') === '' || o.domain === 'ai.onnx');
  return {
    irVersion: model.irVersion ?? 0,
    opsetVersion: opset?.version ?? 0,
    producerName: model.producerName ?? '',
    inputs: (graph.input ?? []).filter((v) => !initializerNames.has(v.name ?? '')).map(summarise),
    outputs: (graph.output ?? []).map(summarise),
    initializers: (graph.initializer ?? []).map((t) => ({ name: t.name ?? '', dims: t.dims ?? [] })),
    nodes: (graph.node ?? []).map((n) => ({ opType: n.opType ?? '', inputs: n.input ?? [], outputs: n.output ?? [] })),
    metadata,
  };
}

function summarise(value: DecodedValueInfo): OnnxValueSummary {
  const tensor = value.type?.tensorType;
  return {
    name: value.name ?? '',
    elemType: tensor?.elemType ?? 0,
    shape: (tensor?.shape?.dim ?? []).map((d) => (d.dimParam !== undefined && d.dimParam !== '' ? d.dimParam : d.dimValue ?? -1)),
  };
}
