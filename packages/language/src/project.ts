// Where Titra's documents are published: the project home, its README and the contract schemas with their semantics.

/** The project's home page (a reserved `.example` domain, like the FHIR canonical base: a publisher substitutes its own). */
export const TITRA_HOME_URL = 'https://titra.example';

/** The README, whose `#checks` table documents every diagnostic code. */
export const TITRA_README_URL = `${TITRA_HOME_URL}/README.md`;

/** The README's table of checks (section "Checks"): what each diagnostic code catches and its source; SARIF rules and editor diagnostics link here. */
export const CHECKS_DOCUMENTATION_URL = `${TITRA_README_URL}#checks`;

/** Where the contracts' JSON Schemas and the order-set semantics (packages/language/schema/) are published. */
export const TITRA_SCHEMA_BASE_URL = `${TITRA_HOME_URL}/schema/`;

/** The semantics of titra.orderset/1 and titra.schedule/1 (packages/language/schema/titra.orderset-1.semantics.md). */
export const ORDER_SET_SEMANTICS_URL = `${TITRA_SCHEMA_BASE_URL}titra.orderset-1.semantics.md`;
