// Entry of the Titra language server: speaks LSP over stdio (or node IPC) with the full Titra services.
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createTitraServices } from '../titra-module.js';

const connection = createConnection(ProposedFeatures.all);
const { shared } = createTitraServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
