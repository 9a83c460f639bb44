/** engine/model: the pure model semantics shared by the renderer, the CLI and the runtime. */
export * from './layerTypes';
export * from './document';
export * from './program';
export * from './issues';
export { catalog, CATEGORY_ORDER, CLASSIFICATION_LOSSES, formatShape, sizeOf, sameShape, windowGeometry, ShapeError } from './catalog';
export type { LayerCategory, LayerSpec, ParamKind, ParamSpec, Params } from './catalog';
export { resolveParams, defaultParams, validateParam, parseShapeText } from './params';
export { analyzeGraph } from './analyze';
export type { GraphAnalysis, NodeAnalysis, EdgeAnalysis } from './analyze';
export { compileGraph } from './compile';
export type { CompileResult } from './compile';
export { parseDocument, MIGRATIONS } from './migrations';
export type { ParseResult } from './migrations';
export { newNodeId, edgeIdFor } from './ids';
export { modelSummary, formatCount } from './summary';
export { plural } from './plural';
export type { ModelSummary, SummaryRow } from './summary';
export { TEMPLATES, DEFAULT_TEMPLATE_ID } from './templates';
export type { TemplateInfo } from './templates';
export { createEmptyDocument } from './empty';

export { parseProject, serializeProject, suggestedFileName } from './projectFile';
export type { ParseProjectResult, ProjectIssue, ProjectProblem } from './projectFile';
export { findJsonSyntaxError, lineAndColumn, parseJsonText } from './jsonSyntax';
export type { ParseJsonResult } from './jsonSyntax';
