// Entry of the Titra language server: speaks LSP over stdio (or node IPC) with the full Titra services and Titra's custom requests, each message checked by the connection guard.
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createTitraServices } from '../titra-module.js';
import { guardConnection } from './connection-guard.js';
import { registerCustomRequests } from './custom-requests.js';
import { DiagnosticPublication } from './published-diagnostics.js';

const rawConnection = createConnection(ProposedFeatures.all);
const diagnostics = new DiagnosticPublication();
const connection = guardConnection(rawConnection, {
    services: () => shared,
    publishDiagnostics: (params) => diagnostics.decorate(params)
});
const { shared, Titra } = createTitraServices({ connection, ...NodeFileSystem });
shared.lsp.LanguageServer.onInitialize((params) => diagnostics.initialize(params.capabilities, shared));
registerCustomRequests(connection, shared, Titra);
// A failure inside a background build must not end the server: it is logged, and the next edit builds again.
process.on('unhandledRejection', (reason) => rawConnection.console.error(`Unhandled failure: ${reason instanceof Error ? reason.stack : String(reason)}`));
startLanguageServer(shared);
