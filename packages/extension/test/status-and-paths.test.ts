// Tests of the pure parts of the extension: status bar text, output path choice, input validation, failure messages.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isIsoDate } from '@titra/language/orderset';
import { compileFailureMessage } from '../src/messages.js';
import { orderSetFileName, orderSetOutputPath } from '../src/output-path.js';
import { heightInputError, isCalendarDate, localIsoDate, startDateInputError, weightInputError } from '../src/schedule-input.js';
import { statusBarContent } from '../src/status-text.js';

describe('statusBarContent', () => {
    it('shows status and version of a protocol', () => {
        expect(statusBarContent({ kind: 'protocol', id: 'TEC', title: 'Teclistamab', status: 'active', version: '3.1.0' })?.text).toBe('Titra: active 3.1.0');
    });
    it('says what is missing', () => {
        const content = statusBarContent({ kind: 'protocol', id: 'TEC', title: '' });
        expect(content?.text).toBe('Titra: no status no version');
        expect(content?.tooltip).toBe('Protocol TEC, status no status, version no version');
    });
    it('names libraries and hides for anything else', () => {
        expect(statusBarContent({ kind: 'library', id: 'imwg-crs' })?.text).toBe('Titra: library');
        expect(statusBarContent({ kind: 'none' })).toBeUndefined();
    });
});

describe('orderSetOutputPath', () => {
    const source = path.join('/ws', 'protocols', 'tec.titra');
    it('writes beside the protocol by default', () => {
        expect(orderSetOutputPath(source, '', '/ws')).toBe(path.join('/ws', 'protocols', 'tec.orderset.json'));
        expect(orderSetOutputPath(source, '   ', '/ws')).toBe(path.join('/ws', 'protocols', 'tec.orderset.json'));
    });
    it('resolves a relative folder against the workspace folder', () => {
        expect(orderSetOutputPath(source, 'out/ordersets', '/ws')).toBe(path.join('/ws', 'out', 'ordersets', 'tec.orderset.json'));
    });
    it('resolves a relative folder against the protocol folder outside any workspace folder', () => {
        expect(orderSetOutputPath(source, 'out', undefined)).toBe(path.join('/ws', 'protocols', 'out', 'tec.orderset.json'));
    });
    it('uses an absolute folder as given', () => {
        expect(orderSetOutputPath(source, '/srv/ordersets', '/ws')).toBe(path.join('/srv', 'ordersets', 'tec.orderset.json'));
    });
    it('names files like titra compile', () => {
        expect(orderSetFileName('/a/b/teclistamab-outpatient.titra')).toBe('teclistamab-outpatient.orderset.json');
    });
});

describe('schedule inputs', () => {
    it('accepts positive weights only', () => {
        expect(weightInputError('70')).toBeUndefined();
        expect(weightInputError(' 72.5 ')).toBeUndefined();
        for (const bad of ['', 'abc', '0', '-3', 'NaN', 'Infinity', '900']) expect(weightInputError(bad)).toBeDefined();
    });
    it('accepts heights in cm only (a height in m or feet is refused)', () => {
        expect(heightInputError('170')).toBeUndefined();
        expect(heightInputError(' 130.5 ')).toBeUndefined();
        for (const bad of ['', 'abc', '0', '-3', '1.7', '6', '300']) expect(heightInputError(bad)).toBeDefined();
    });
    it('accepts real calendar dates only, like the scheduler', () => {
        for (const text of ['2027-01-04', '2028-02-29', '2027-02-29', '2027-13-01', '2027-1-4', '04/01/2027', '', '2027-01-04T00:00']) {
            expect(isCalendarDate(text)).toBe(isIsoDate(text));
        }
        expect(startDateInputError('2027-02-29')).toBeDefined();
        expect(startDateInputError('2028-02-29')).toBeUndefined();
    });
    it('formats the local date', () => {
        expect(localIsoDate(new Date(2027, 0, 4, 23, 30))).toBe('2027-01-04');
    });
});

describe('compileFailureMessage', () => {
    it('points to the Problems panel for errors', () => {
        const first = { file: 'shared/imwg-crs.titra', line: 11, character: 4, message: "'mgg' is not a unit" };
        expect(compileFailureMessage({ kind: 'errors', errors: 2, files: 1, first }))
            .toBe("Titra: 2 errors; nothing was written. See the Problems panel. First: shared/imwg-crs.titra:12:5: 'mgg' is not a unit");
        expect(compileFailureMessage({ kind: 'errors', errors: 1, files: 2, first })).toContain('1 error in 2 files');
    });
    it('gives the position of a compiler refusal', () => {
        expect(compileFailureMessage({ kind: 'compile-error', message: 'the protocol has no agent', line: 0, character: 9 }))
            .toBe('Titra: cannot compile (line 1, column 10): the protocol has no agent; nothing was written.');
    });
    it('names the line of a refused draft', () => {
        expect(compileFailureMessage({ kind: 'draft', message: 'p.titra has status draft; a draft is not compiled for production: make it active to compile it', line: 2, character: 2 }))
            .toBe('Titra: p.titra has status draft; a draft is not compiled for production: make it active to compile it (line 3); nothing was written.');
    });
});
