export * from './exportable-policy.js';
export { policyToOnnx, MODEL_EXPORT_VERSION, ONNX_OPSET, ONNX_IR_VERSION, type OnnxExportOptions } from './policy-graph.js';
