// Deviations on the record: suppressed errors of a protocol and its imports in the order set, its clinical text and its clinical diff.
import { describe, expect, test } from 'vitest';
import { clinicalText, diffMarkdown, diffOrderSets, OrderSet, type Deviation } from '../src/orderset/index.js';
import { buildFiles, compileDocument, lineOfText, protocolText } from '#test-support/language-services.js';

const REASON = 'dose as printed by the pharmacy system';
const LIBRARY_REASON = 'copied from the 2019 order set, under review';
const TRAILING_ZERO_MESSAGE = "Write '16', not '16.0': a trailing zero can be missed and read as a 10-fold larger dose (ISMP).";

/** A protocol with supportive care `order`, importing `shared/lib.titra` whose supportive care it uses when `library` is given. */
function compiled(order: string, library?: string): Promise<OrderSet> {
    const uses = library ? '  import "shared/lib.titra"\n  supportive-care uses infection\n' : '';
    const files: Record<string, string> = { 'protocol.titra': protocolText(`${uses}  supportive-care {\n    ${order}\n  }`) };
    if (library) files['shared/lib.titra'] = `library L "Shared" {\n  version 1.0.0\n  supportive-care infection {\n    ${library}\n  }\n}\n`;
    return buildFiles(files).then((documents) => compileDocument(documents.get('protocol.titra')!));
}

describe('deviations in the order set', () => {
    test('a suppressed error is on the record: code, message, reason, suppression, file, line and column', async () => {
        const orderSet = await compiled(`dexamethasone 16.0 mg PO throughout // titra-ignore safety/trailing-zero: ${REASON}`);
        const line = lineOfText(protocolText('  supportive-care {\n    dexamethasone'), 'dexamethasone');
        expect(orderSet.deviations).toEqual([{
            code: 'safety/trailing-zero', message: TRAILING_ZERO_MESSAGE, reason: REASON, suppression: 'line',
            location: { file: 'protocol.titra', line, column: 19 }
        }]);
        expect(OrderSet.safeParse(orderSet).success).toBe(true);
    });

    test('without suppressed errors there is no deviations field (titra.orderset/1 as before)', async () => {
        const orderSet = await compiled('dexamethasone 16 mg PO throughout');
        expect('deviations' in orderSet).toBe(false);
    });

    test('a suppressed warning is no deviation', async () => {
        const orderSet = await compiled('dexamethasone 16 mg SC throughout // titra-ignore safety/error-prone-spelling: as the pharmacy system prints it');
        expect(orderSet.deviations).toBeUndefined();
    });

    test("an imported library's suppressed errors come after the protocol's, with their file and the file-wide suppression", async () => {
        const orderSet = await compiled(
            `dexamethasone 16.0 mg PO throughout // titra-ignore safety/trailing-zero: ${REASON}`,
            `acyclovir 400.0 mg PO 2 times daily throughout\n  }\n  // titra-ignore-file safety/trailing-zero: ${LIBRARY_REASON}\n  supportive-care other {`
        );
        expect(orderSet.deviations?.map((d) => [d.location.file, d.location.line, d.suppression, d.reason])).toEqual([
            ['protocol.titra', 8, 'line', REASON],
            ['shared/lib.titra', 4, 'file', LIBRARY_REASON]
        ]);
    });
});

/** The order set with `deviations`. */
function withDeviations(orderSet: OrderSet, deviations: Deviation[]): OrderSet {
    return { ...orderSet, deviations };
}

const deviation = (over: Partial<Deviation> = {}): Deviation => ({
    code: 'safety/trailing-zero', message: TRAILING_ZERO_MESSAGE, reason: REASON, suppression: 'line',
    location: { file: 'protocol.titra', line: 8, column: 18 }, ...over
});

describe('deviations in the clinical text and the clinical diff', () => {
    const base = async () => compiled('dexamethasone 16 mg PO throughout');

    test('textconv: one line per deviation, with the file only for a library', async () => {
        const text = clinicalText(withDeviations(await base(), [deviation(), deviation({ location: { file: 'shared/lib.titra', line: 4, column: 5 }, suppression: 'file', reason: LIBRARY_REASON })]));
        const lines = text.split('\n').filter((l) => l.startsWith('deviation'));
        expect(lines).toEqual([
            `deviation: safety/trailing-zero in shared/lib.titra: ${TRAILING_ZERO_MESSAGE} (suppressed in the whole file: ${LIBRARY_REASON})`,
            `deviation: safety/trailing-zero: ${TRAILING_ZERO_MESSAGE} (suppressed on its line: ${REASON})`
        ]);
    });

    test('diff: a deviation that appears or disappears is a safety-rule change, in the changes and the markdown', async () => {
        const before = await base();
        const after = withDeviations(before, [deviation()]);
        const added = diffOrderSets(before, after);
        expect(added.changes).toEqual([{
            risk: 'safety-rule', kind: 'added', key: `deviation/safety/trailing-zero: ${TRAILING_ZERO_MESSAGE} (suppressed on its line: ${REASON})`,
            text: `deviation added: safety/trailing-zero: ${TRAILING_ZERO_MESSAGE} (suppressed on its line: ${REASON})`,
            after: `safety/trailing-zero: ${TRAILING_ZERO_MESSAGE} (suppressed on its line: ${REASON})`
        }]);
        expect(added.problems).toEqual([`the protocol changed clinically but its version is still ${before.protocol.version}; bump the version`]);
        expect(diffMarkdown(added)).toContain('| Safety rule | added | deviation added: safety/trailing-zero: Write');
        expect(diffOrderSets(after, before).changes.map((c) => [c.risk, c.kind])).toEqual([['safety-rule', 'removed']]);
    });

    test('diff: a moved deviation is no change; a changed reason is', async () => {
        const before = withDeviations(await base(), [deviation()]);
        expect(diffOrderSets(before, withDeviations(before, [deviation({ location: { file: 'protocol.titra', line: 12, column: 7 } })])).changes).toEqual([]);
        expect(diffOrderSets(before, withDeviations(before, [deviation({ reason: 'another reason' })])).changes.map((c) => [c.risk, c.kind, c.before ?? c.after])).toEqual([
            ['safety-rule', 'added', `safety/trailing-zero: ${TRAILING_ZERO_MESSAGE} (suppressed on its line: another reason)`],
            ['safety-rule', 'removed', `safety/trailing-zero: ${TRAILING_ZERO_MESSAGE} (suppressed on its line: ${REASON})`]
        ]);
    });
});
