// Imports may not leave the workspace: the folders set by the CLI, or the editor's workspace folders.
import { afterEach, describe, expect, test } from 'vitest';
import { buildFiles, codesOf, services, WITHOUT_CLINICAL_CHECKS } from '#test-support/language-services.js';

const library = 'library SHARED "Shared" {\n  version 1.0.0\n  crs-panel shared-crs { grade 1: observe }\n}\n';
const protocol = (importPath: string) =>
    `protocol P "P" {\n  version 1.0.0\n  status draft\n  import "${importPath}"\n  agent teclistamab route subcut\n  crs-panel uses shared-crs\n}\n`;

describe('import boundary', () => {
    afterEach(() => services.Titra.workspace.ImportBoundary.setRoots([]));

    test('an import inside the workspace folder is fine', async () => {
        services.Titra.workspace.ImportBoundary.setRoots(['/ws']);
        const documents = await buildFiles({ 'p/p.titra': protocol('../shared/s.titra'), 'shared/s.titra': library }, WITHOUT_CLINICAL_CHECKS);
        expect(codesOf(documents.get('p/p.titra')!)).toEqual([]);
    });

    test('an import that leaves the workspace folder is reported at the import', async () => {
        services.Titra.workspace.ImportBoundary.setRoots(['/ws/p']);
        const documents = await buildFiles({ 'p/p.titra': protocol('../shared/s.titra'), 'shared/s.titra': library });
        const document = documents.get('p/p.titra')!;
        expect(codesOf(document)).toContain('import/outside-workspace');
        const diagnostic = document.diagnostics!.find((d) => d.code === 'import/outside-workspace')!;
        expect(diagnostic.range.start.line).toBe(3);
        expect(diagnostic.message).toContain("'../shared/s.titra' is outside the workspace");
    });

    test('without any known folder every import is allowed', async () => {
        const documents = await buildFiles({ 'p/p.titra': protocol('../shared/s.titra'), 'shared/s.titra': library }, WITHOUT_CLINICAL_CHECKS);
        expect(codesOf(documents.get('p/p.titra')!)).toEqual([]);
    });
});
