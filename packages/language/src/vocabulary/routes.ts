// Routes of administration: how authors write them, the route an order set names, and their FHIR codes (no Langium inside).

/**
 * Each route as authors may write it (the grammar's Route rule), with the route's name in order sets, FHIR and
 * displays: `SC`, `SQ` and `subcut` are all `subcutaneous`.
 */
export const ROUTE_OF_SPELLING = {
    PO: 'oral', IV: 'intravenous', IM: 'intramuscular', SL: 'sublingual', subcut: 'subcutaneous',
    SC: 'subcutaneous', SQ: 'subcutaneous', intrathecal: 'intrathecal', topical: 'topical', inhaled: 'inhaled',
    po: 'oral', iv: 'intravenous', im: 'intramuscular', sl: 'sublingual', sc: 'subcutaneous', sq: 'subcutaneous', subq: 'subcutaneous'
} as const;
export type RouteSpelling = keyof typeof ROUTE_OF_SPELLING;

/** Spellings ISMP lists as error-prone, with the spelling to write instead: SC and SQ are mistaken for SL and "5 every". */
export const ERROR_PRONE_ROUTE_SPELLINGS: Readonly<Partial<Record<RouteSpelling, RouteSpelling>>> = {
    SC: 'subcut', SQ: 'subcut', sc: 'subcut', sq: 'subcut', subq: 'subcut'
};

/** Lower-case route codes as authors type them, with the canonical spelling (route codes are written in capitals). */
export const LOWER_CASE_ROUTE_SPELLINGS: Readonly<Partial<Record<RouteSpelling, RouteSpelling>>> = { po: 'PO', iv: 'IV', im: 'IM', sl: 'SL' };

/**
 * SNOMED CT codes from the FHIR route value set (http://hl7.org/fhir/ValueSet/route-codes), only for the
 * routes whose code and display were checked against that value set's published expansion
 * (hl7.org/fhir/R5/valueset-route-codes.html and the R4-era pages). Other routes are exported as text only.
 */
export const FHIR_ROUTE_CODINGS: Readonly<Record<string, { system: string; code: string; display: string }>> = {
    oral: { system: 'http://snomed.info/sct', code: '26643006', display: 'Oral route' },
    subcutaneous: { system: 'http://snomed.info/sct', code: '34206005', display: 'Subcutaneous route' },
    // 47625008 Intravenous route: the same value set's expansion in hl7.org/fhir/STU3/valueset-route-codes.html and the R4 ballot pages.
    intravenous: { system: 'http://snomed.info/sct', code: '47625008', display: 'Intravenous route' }
};

/**
 * How fast and completely a route delivers a drug, for comparing a protocol's route with a label's: an intravenous or
 * intrathecal dose reaches its peak at once (2), a subcutaneous or intramuscular one is absorbed over hours (1), the others
 * depend on absorption (0). A route ranked above the label's exposes the patient to more drug sooner.
 */
export function routeRisk(route: RouteSpelling): number {
    const delivered = ROUTE_OF_SPELLING[route];
    return delivered === 'intravenous' || delivered === 'intrathecal' ? 2 : delivered === 'subcutaneous' || delivered === 'intramuscular' ? 1 : 0;
}

/** The route names an order set uses (its `route` and `routes` code list), one per route, in spelling order. */
export const ROUTE_NAMES = [...new Set(Object.values(ROUTE_OF_SPELLING))] as [RouteName, ...RouteName[]];
export type RouteName = (typeof ROUTE_OF_SPELLING)[RouteSpelling];
