// Public entry of the Titra language package: services, AST, compiler, order-set contract.
export * from './titra-module.js';
export * as ast from './grammar/generated/ast.js';
export { compileProtocol, CompileError, type CompileContext } from './compiler/compile-protocol.js';
export * from './orderset/index.js';
export * from './fhir/index.js';
export * from './validation/codes.js';
export { CheckCategories } from './validation/register.js';
export { diagnosticCode, suppressedFindingsOf, type SuppressedFinding } from './validation/suppression.js';
export { draftStatusOf, setToday } from './validation/governance.js';
export { formatTitraText, type FormatResult, type SyntaxErrorPosition } from './lsp/formatter.js';
export { importsOf, resolveImport } from './workspace/imports.js';
export { fileAtRevision, findGitRoot } from './workspace/git.js';
export { agentReference, labelStepUpDose } from './knowledge/reference.js';
