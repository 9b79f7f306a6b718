// Public entry of the Titra language package: services, AST, compiler, order-set contract.
export * from './titra-module.js';
export * as ast from './grammar/generated/ast.js';
export { CompileError } from './compiler/compile-protocol.js';
export { ProtocolCompiler, type Compilation, type CompileOptions, type SourceLocation, type ValidatedCompilation } from './compiler/protocol-compiler.js';
export { fixedClock, type Clock } from './environment/clock.js';
export { KnowledgeBase } from './knowledge/knowledge-service.js';
export { titraVersion } from './version.js';
export * from './project.js';
export * from './orderset/index.js';
export * from './fhir/index.js';
export * from './validation/codes.js';
export { CheckCategories } from './validation/register.js';
export { diagnosticCode, SuppressedFindings, type SuppressedFinding } from './validation/suppression.js';
export { formatTitraText, type FormatResult, type SyntaxErrorPosition } from './lsp/formatter.js';
export { importsOf, resolveImport } from './workspace/imports.js';
export { compileAtRevision, type RevisionCompilation } from './workspace/revision.js';
export { workspaceRootOf } from './workspace/workspace-root.js';
export { agentReference, labelStepUpDose } from './knowledge/reference.js';
