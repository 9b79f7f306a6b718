// Entry of the Titra language server: speaks LSP over stdio (or node IPC) with the full Titra services and Titra's custom requests.
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createTitraServices } from '../titra-module.js';
import { registerCustomRequests } from './custom-requests.js';

const connection = createConnection(ProposedFeatures.all);
const { shared, Titra } = createTitraServices({ connection, ...NodeFileSystem });
registerCustomRequests(connection, shared, Titra);
startLanguageServer(shared);
