// Which documents an edit affects: the importers of the changed document, directly or through libraries, and no others.
import { URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { buildFiles, services } from '#test-support/language-services.js';

const library = (name: string, imports = '') => `library ${name} "${name}" {\n  version 1.0.0\n${imports}  flag ${name}-flag "a flag"\n}\n`;

describe('reverse-import index', () => {
    test('a change to a library affects the documents that import it, through other libraries too; not the others', async () => {
        const documents = await buildFiles({
            'base.titra': library('BASE'),
            'middle.titra': library('MIDDLE', '  import "base.titra"\n'),
            'user.titra': library('USER', '  import "middle.titra"\n'),
            'other.titra': library('OTHER'),
            'missing-importer.titra': library('WAITING', '  import "later.titra"\n')
        }, { categories: [] });
        const index = services.shared.workspace.IndexManager;
        const affectedBy = (changed: string) => [...documents]
            .filter(([, document]) => index.isAffected(document, new Set([URI.file(`/ws/${changed}`).toString()])))
            .map(([path]) => path);
        expect(affectedBy('base.titra')).toEqual(['middle.titra', 'user.titra']);
        expect(affectedBy('middle.titra')).toEqual(['user.titra']);
        expect(affectedBy('user.titra')).toEqual([]);
        // A file that does not exist yet affects the documents that import it once it is created.
        expect(affectedBy('later.titra')).toEqual(['missing-importer.titra']);
    });
});
