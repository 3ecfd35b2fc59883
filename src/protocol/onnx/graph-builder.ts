/**
 * Builds one ONNX graph node by node and encodes it as a ModelProto (the IR subset in proto/onnx/onnx.proto,
 * generated into src/protocol/generated/onnx.js). Names are made unique here; weights become initializers
 * (float32, raw little-endian data), attributes carry their ONNX type tag as IR version 4 requires.
 */
import { onnx } from '../generated/onnx.js';

export const ONNX_FLOAT = onnx.TensorProto.DataType.FLOAT;
export const ONNX_INT64 = onnx.TensorProto.DataType.INT64;

/** A symbolic or fixed dimension of a graph input or output. */
export type Dim = number | string;

export type AttributeValue = number | readonly number[] | { readonly float: number } | { readonly floats: readonly number[] };

export interface ModelHeader {
  readonly irVersion: number;
  readonly opset: number;
  readonly producerName: string;
  readonly producerVersion: string;
  readonly graphName: string;
  readonly docString: string;
}

export class GraphBuilder {
  private readonly nodes: onnx.NodeProto.$Properties[] = [];
  private readonly initializers: onnx.TensorProto.$Properties[] = [];
  private readonly inputs: onnx.ValueInfoProto.$Properties[] = [];
  private readonly outputs: onnx.ValueInfoProto.$Properties[] = [];
  private readonly used = new Set<string>();

  /** A fresh name starting with `base`. */
  name(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  input(name: string, elemType: number, dims: readonly Dim[]): string {
    this.used.add(name);
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  output(name: string, elemType: number, dims: readonly Dim[]): void {
    this.outputs.push(valueInfo(name, elemType, dims));
  }

  /** A float32 initializer of `dims` holding `values`. */
  constant(base: string, dims: readonly number[], values: ArrayLike<number>): string {
    const name = this.name(base);
    const data = Float32Array.from(values);
    this.initializers.push({ name, dims: [...dims], dataType: ONNX_FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
    return name;
  }

  /** An int64 initializer (a Reshape's shape). */
  constantInt64(base: string, dims: readonly number[], values: readonly number[]): string {
    const name = this.name(base);
    const data = BigInt64Array.from(values, (v) => BigInt(v));
    this.initializers.push({ name, dims: [...dims], dataType: ONNX_INT64, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
    return name;
  }

  /**
   * One node; its single output is named `out` exactly (a graph output) or a fresh name from `op`. Integers and
   * lists of integers are INT/INTS attributes; `{float}` and `{floats}` are FLOAT/FLOATS.
   */
  node(op: string, inputs: readonly string[], attributes: Readonly<Record<string, AttributeValue>> = {}, out?: string): string {
    const output = out ?? this.name(op.toLowerCase());
    if (out !== undefined) this.used.add(out);
    const attribute = Object.entries(attributes).map(([name, value]) => attributeOf(name, value));
    this.nodes.push({ opType: op, input: [...inputs], output: [output], name: this.name(`${op}_node`), attribute });
    return output;
  }

  encode(header: ModelHeader): Uint8Array {
    const model: onnx.ModelProto.$Properties = {
      irVersion: header.irVersion,
      opsetImport: [{ domain: '', version: header.opset }],
      producerName: header.producerName,
      producerVersion: header.producerVersion,
      docString: header.docString,
      graph: { name: header.graphName, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    };
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(name: string, elemType: number, dims: readonly Dim[]): onnx.ValueInfoProto.$Properties {
  return { name, type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } };
}

function attributeOf(name: string, value: AttributeValue): onnx.AttributeProto.$Properties {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'number') return { name, type: T.INT, i: value };
  if (Array.isArray(value)) return { name, type: T.INTS, ints: [...(value as readonly number[])] };
  if ('float' in value) return { name, type: T.FLOAT, f: value.float };
  return { name, type: T.FLOATS, floats: [...(value as { readonly floats: readonly number[] }).floats] };
}
