// The language server checks every protocol of the workspace at start-up: an error in a file nobody has open reaches the Problems panel.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { errorProtocol, positionOf, withExamples } from '#test-support/cli-workspace.js';
import { startLanguageServer } from '#test-support/lsp-client.js';
import { removeTemporaryFolders } from '#test-support/titra-process.js';

afterAll(removeTemporaryFolders);

describe('workspace problems', () => {
    test('an unknown unit in an unopened protocol is published with its code and line', async () => {
        const { ex } = withExamples();
        const { file, text } = errorProtocol(ex);
        const session = await startLanguageServer(ex);
        try {
            const diagnostics = await session.diagnostics(pathToFileURL(path.join(ex, path.basename(file))).toString(), (d) => d.length > 0);
            expect(diagnostics.map((d) => [d.code, d.range.start.line + 1])).toEqual([['unit/unknown', positionOf(text, 'mgg/kg').line]]);
        } finally {
            session.close();
        }
    });
});
