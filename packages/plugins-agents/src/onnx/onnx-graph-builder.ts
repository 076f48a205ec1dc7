import { SdkError } from '@grandmodel/framework';
import { MODEL_PROTO, ONNX_ATTRIBUTE_TYPE, ONNX_DATA_TYPE, ONNX_IR_VERSION, ONNX_OPSET_VERSION } from './onnx-schema.js';

/** A node attribute value; the key says its ONNX type. */
export type OnnxAttributeValue =
  | { readonly int: number }
  | { readonly float: number }
  | { readonly ints: readonly number[] }
  | { readonly floats: readonly number[] }
  | { readonly string: string };

/** One dimension of a graph input or output: a size, or a symbolic name such as `batch`. */
export type OnnxDimension = number | string;

/** Model-level fields written by `toBytes`. */
export interface OnnxModelInfo {
  readonly producerName?: string;
  readonly producerVersion?: string;
  readonly docString?: string;
  /** Key/value pairs stored as `metadata_props` (e.g. the contract name, the dropout rate). */
  readonly metadata?: Readonly<Record<string, string>>;
}

interface ValueInfo {
  readonly name: string;
  readonly shape: readonly OnnxDimension[];
  readonly docString?: string;
}

/**
 * Builds a float32 ONNX graph node by node and serialises it as a model file. Nodes must be added in
 * topological order (each node's inputs exist before it), which the builder checks as it goes.
 */
export class OnnxGraphBuilder {
  private readonly inputs: ValueInfo[] = [];
  private readonly outputs: ValueInfo[] = [];
  private readonly initializers: { name: string; dims: number[]; rawData: Uint8Array }[] = [];
  private readonly nodes: { input: string[]; output: string[]; name: string; opType: string; attribute: unknown[] }[] = [];
  private readonly known = new Set<string>();

  constructor(private readonly graphName: string) {}

  /** Declares a float32 graph input. */
  input(name: string, shape: readonly OnnxDimension[], docString?: string): this {
    this.declare(name);
    this.inputs.push({ name, shape, docString });
    return this;
  }

  /** Adds a float32 constant (weights, biases); `data.length` must equal the product of `dims`. */
  initializer(name: string, dims: readonly number[], data: Float32Array): this {
    const size = dims.reduce((product, dim) => product * dim, 1);
    if (data.length !== size) {
      throw new SdkError('GM_INPUT_INVALID', `ONNX initializer "${name}": expected ${size} values for dims [${dims.join(', ')}], received ${data.length}`);
    }
    this.declare(name);
    // raw_data is little-endian IEEE 754 whatever the host byte order
    const bytes = new Uint8Array(size * 4);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < size; i++) view.setFloat32(i * 4, data[i]!, true);
    this.initializers.push({ name, dims: [...dims], rawData: bytes });
    return this;
  }

  /** Appends an operator node of the default ONNX domain. */
  node(opType: string, inputs: readonly string[], outputs: readonly string[], attributes: Readonly<Record<string, OnnxAttributeValue>> = {}): this {
    for (const name of inputs) {
      if (!this.known.has(name)) throw new SdkError('GM_INPUT_INVALID', `ONNX node ${opType}: input "${name}" is not defined by an earlier input, initializer or node`);
    }
    for (const name of outputs) this.declare(name);
    this.nodes.push({
      input: [...inputs],
      output: [...outputs],
      name: `${opType}_${this.nodes.length}`,
      opType,
      attribute: Object.entries(attributes).map(([name, value]) => encodeAttribute(name, value)),
    });
    return this;
  }

  /** Declares a float32 graph output; it must be produced by a node or be an input. */
  output(name: string, shape: readonly OnnxDimension[], docString?: string): this {
    if (!this.known.has(name)) throw new SdkError('GM_INPUT_INVALID', `ONNX output "${name}" is not produced by any node`);
    this.outputs.push({ name, shape, docString });
    return this;
  }

  /** Serialises the model (ModelProto) to bytes; the same graph always gives the same bytes. */
  toBytes(info: OnnxModelInfo = {}): Uint8Array {
    const message = MODEL_PROTO.fromObject({
      irVersion: ONNX_IR_VERSION,
      producerName: info.producerName ?? '@grandmodel/plugins-agents',
      producerVersion: info.producerVersion ?? '',
      docString: info.docString ?? '',
      opsetImport: [{ domain: '', version: ONNX_OPSET_VERSION }],
      metadataProps: Object.entries(info.metadata ?? {}).map(([key, value]) => ({ key, value })),
      graph: {
        name: this.graphName,
        node: this.nodes,
        initializer: this.initializers.map((t) => ({ name: t.name, dims: t.dims, dataType: ONNX_DATA_TYPE.float, rawData: t.rawData })),
        input: this.inputs.map(valueInfo),
        output: this.outputs.map(valueInfo),
      },
    });
    return MODEL_PROTO.encode(message).finish();
  }

  private declare(name: string): void {
    if (this.known.has(name)) throw new SdkError('GM_INPUT_INVALID', `ONNX value name "${name}" is defined twice`);
    this.known.add(name);
  }
}

function valueInfo(info: ValueInfo): Record<string, unknown> {
  return {
    name: info.name,
    docString: info.docString ?? '',
    type: {
      tensorType: {
        elemType: ONNX_DATA_TYPE.float,
        shape: { dim: info.shape.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim })) },
      },
    },
  };
}

function encodeAttribute(name: string, value: OnnxAttributeValue): Record<string, unknown> {
  if ('int' in value) return { name, type: ONNX_ATTRIBUTE_TYPE.int, i: value.int };
  if ('float' in value) return { name, type: ONNX_ATTRIBUTE_TYPE.float, f: value.float };
  if ('ints' in value) return { name, type: ONNX_ATTRIBUTE_TYPE.ints, ints: [...value.ints] };
  if ('floats' in value) return { name, type: ONNX_ATTRIBUTE_TYPE.floats, floats: [...value.floats] };
  return { name, type: ONNX_ATTRIBUTE_TYPE.string, s: new TextEncoder().encode(value.string) };
}
