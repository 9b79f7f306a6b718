// StructureDefinitions of the Titra extensions a set of exported Bundles uses, and the FHIR package folder (package.json + StructureDefinition-*.json) that ships them.
import { computableName, extensionUrl, FHIR_CANONICAL_BASE } from './datatypes.js';
import type { Bundle, ElementDefinition, Extension, StructureDefinition } from './fhir-types.js';
import { rebase } from './bundle.js';
import { narrative } from './narrative.js';

/** What each Titra extension carries; every extension the export writes has an entry (a missing one is an internal error). */
const EXTENSION_DESCRIPTIONS: Readonly<Record<string, string>> = {
    'agent': 'The bispecific antibody of the protocol: name, route and dose basis.',
    'approximate-timing': 'The premedication timing is approximate ("about 1 hour before").',
    'before-dose': 'An order given before each dose or before the first dose of the course (each-dose, first-dose).',
    'condition-expression': 'A condition as titra.orderset/1 Condition JSON (language application/x-titra-condition+json) with its text, kept beside the FHIRPath condition.expression.',
    'continue-after-last-dose': 'How long a supportive order continues after the last dose of the agent.',
    'continuous-infusion': 'A continuous infusion schedule: cycle length, maximum cycles and bag interval.',
    'cycle-rule': 'The cycles (first, last) and cycle days of a cycle rule.',
    'cycle-schedule': 'A cycle schedule: cycle length and maximum number of cycles.',
    'deviation': 'A suppressed check error on the record: code, message, the authors\' reason, scope and source location.',
    'dose-basis': 'What a per-kg or per-m2 dose refers to: actual-weight, ideal-weight, adjusted-weight, body-surface-area, or flat.',
    'dose-component': 'The strength of one component of a combination product (800 of 800/160 mg).',
    'dose-name': 'The dose name as written in the protocol (restart rules and `before` use it).',
    'dose-rounding': 'Round the computed dose to a multiple of this quantity.',
    'dosing-action': 'What a dosing order does to the agent (hold, reduce, extend the interval, premedicate the next dose, ...).',
    'dosing-change': 'The new dose or interval of a dosing order, and whether it lasts until the toxicity resolves.',
    'escalation': 'When a toxicity order escalates: after a duration without improvement, or when refractory.',
    'from-week': 'The week of the course from which a maintenance phase applies.',
    'grade-panel': 'A toxicity management panel: kind, name, grading system and source library.',
    'hold-action': 'What a hold rule does: hold the agent, or discontinue permanently.',
    'ice-score-range': 'The ICE score range of an ICANS grade.',
    'infusion-duration-without-crs': 'The shorter infusion time allowed when the previous dose caused no CRS.',
    'infusion-segment': 'One rate of a continuous infusion: cycles, cycle length and days.',
    'interruption-rule': 'What to do when a continuous infusion is interrupted for a given number of hours.',
    'max-doses': 'A limit on the number of doses, optionally per period ("max 3 doses per 24 h").',
    'min-spacing': 'The least time between two doses of a maintenance phase.',
    'phase-progress': 'Progress a maintenance phase waits for: doses given or time spent in named doses and phases.',
    'premedication-set': 'The id of the premedication set of a group of premedication actions or an interruption rule.',
    'provenance': 'The order set this resource was derived from: format, source file, SHA-256 and compiler.',
    'provenance-import': 'A library the protocol imports, with its SHA-256.',
    'replaced-by': 'The protocol that replaces this retired one.',
    'required-input': 'A patient input the protocol needs before ordering (weight, ANC, ...), with its unit.',
    'restart-after-delay': 'One row of the restart-after-delay table: last dose, gap in days and the action.',
    'resume-at': 'The dose a held treatment resumes at.',
    'resume-repeat-last-dose': 'A held treatment resumes by giving the last step-up dose again instead of stepping up.',
    'review-by': 'The date by which the protocol must be reviewed.',
    'risk-flag': 'A patient risk flag the protocol defines (id and description).',
    'route-option': 'One of several routes an order allows, coded where the route vocabulary cites a code.',
    'source-library': 'The shared library an order or rule comes from.',
    'through-week': 'The last week of the course a maintenance phase applies to.',
    'throughout': 'A supportive order continues throughout treatment.',
    'treatment-day': 'The planned day of the course (day 1 is the first dose day) of a dose or pre-treatment phase.'
};

/** Where an extension was met and what it carried: the element paths, the value[x] types, and each part's value types. */
interface Usage {
    contexts: Set<string>;
    valueTypes: Set<string>;
    parts: Map<string, Set<string>>;
}

/** The value[x] type names of an extension (valueQuantity -> Quantity, valueCode -> code). */
function valueTypes(extension: Extension): string[] {
    return Object.keys(extension).filter((k) => k.startsWith('value')).map((k) => {
        const type = k.slice('value'.length);
        return /^(Boolean|Code|Date|Decimal|Integer|String)$/.test(type) ? type[0].toLowerCase() + type.slice(1) : type;
    });
}

/** Walks a resource and records every extension under `prefix` with its element path (nested actions are PlanDefinition.action). */
function collect(node: unknown, elementPath: string, prefix: string, usages: Map<string, Usage>): void {
    if (Array.isArray(node)) {
        node.forEach((item) => collect(item, elementPath, prefix, usages));
        return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
        if (key === 'extension') {
            for (const extension of value as Extension[]) {
                const name = extension.url.startsWith(prefix) ? extension.url.slice(prefix.length) : undefined;
                if (name === undefined) continue;
                const usage = usages.get(name) ?? { contexts: new Set(), valueTypes: new Set(), parts: new Map() };
                usage.contexts.add(elementPath);
                valueTypes(extension).forEach((t) => usage.valueTypes.add(t));
                for (const part of extension.extension ?? []) {
                    const types = usage.parts.get(part.url) ?? new Set();
                    valueTypes(part).forEach((t) => types.add(t));
                    usage.parts.set(part.url, types);
                }
                usages.set(name, usage);
            }
            continue;
        }
        const child = key === 'action' && elementPath.endsWith('.action') ? elementPath : `${elementPath}.${key}`;
        collect(value, child, prefix, usages);
    }
}

function typeList(types: Set<string>): Array<{ code: string }> {
    return [...types].sort().map((code) => ({ code }));
}

/** The StructureDefinition of one extension, from where and how the export uses it. */
function definition(name: string, usage: Usage, version: string): StructureDefinition {
    const description = EXTENSION_DESCRIPTIONS[name];
    if (description === undefined) throw new Error(`internal error: the extension ${name} has no description`);
    const url = extensionUrl(name);
    const complex = usage.parts.size > 0;
    const element: ElementDefinition[] = [
        { id: 'Extension', path: 'Extension', short: description, definition: description },
        complex
            ? { id: 'Extension.extension', path: 'Extension.extension', slicing: { discriminator: [{ type: 'value', path: 'url' }], rules: 'open' } }
            : { id: 'Extension.extension', path: 'Extension.extension', max: '0' },
        ...[...usage.parts].sort(([a], [b]) => a.localeCompare(b)).flatMap(([part, types]): ElementDefinition[] => [
            { id: `Extension.extension:${part}`, path: 'Extension.extension', sliceName: part, min: 0, max: '*' },
            { id: `Extension.extension:${part}.url`, path: 'Extension.extension.url', fixedUri: part },
            { id: `Extension.extension:${part}.value[x]`, path: 'Extension.extension.value[x]', min: 1, type: typeList(types) }
        ]),
        { id: 'Extension.url', path: 'Extension.url', fixedUri: url },
        complex ? { id: 'Extension.value[x]', path: 'Extension.value[x]', max: '0' } : { id: 'Extension.value[x]', path: 'Extension.value[x]', min: 1, type: typeList(usage.valueTypes) }
    ];
    const title = `Titra extension ${name}`;
    return {
        resourceType: 'StructureDefinition',
        id: name,
        text: narrative(title, [{ text: description }, { text: `Used on ${[...usage.contexts].sort().join(', ')}` }]),
        url,
        version,
        name: computableName(name.replace(/(^|-)([a-z])/g, (_m, _dash: string, letter: string) => letter.toUpperCase())),
        title,
        status: 'active',
        publisher: 'Titra',
        description,
        fhirVersion: '4.0.1',
        kind: 'complex-type',
        abstract: false,
        context: [...usage.contexts].sort().map((expression) => ({ type: 'element', expression })),
        type: 'Extension',
        baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Extension',
        derivation: 'constraint',
        differential: { element }
    };
}

/**
 * The StructureDefinitions of every Titra extension the Bundles use, sorted by id, each with the contexts it is
 * used in and the value types it carries there. The Bundles may be under another base: the definitions follow it.
 */
export function extensionDefinitions(bundles: Bundle[], version: string, base = FHIR_CANONICAL_BASE): StructureDefinition[] {
    const usages = new Map<string, Usage>();
    for (const { resource } of bundles.flatMap((b) => b.entry)) collect(resource, resource.resourceType, `${base}/StructureDefinition/`, usages);
    return [...usages].sort(([a], [b]) => a.localeCompare(b)).map(([name, usage]) => rebase(definition(name, usage, version), base));
}

/**
 * A FHIR package folder (NPM-style, as the FHIR package specification lays out) of the extension definitions: file
 * name -> JSON text. `package.json` names the package, its canonical base and FHIR version.
 */
export function fhirPackageFiles(bundles: Bundle[], version: string, base = FHIR_CANONICAL_BASE): Map<string, string> {
    const definitions = extensionDefinitions(bundles, version, base);
    const manifest = {
        name: 'titra.extensions',
        version,
        canonical: base,
        fhirVersions: ['4.0.1'],
        type: 'fhir.ig',
        description: 'StructureDefinitions of the Titra extensions used by the exported PlanDefinitions and ActivityDefinitions',
        dependencies: { 'hl7.fhir.r4.core': '4.0.1' }
    };
    const text = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
    return new Map([['package.json', text(manifest)], ...definitions.map((d): [string, string] => [`StructureDefinition-${d.id}.json`, text(d)])]);
}
