// Stable diagnostic codes of Titra checks; documented in the README and used by quick fixes and suppression.
export const Codes = {
    duplicateName: 'name/duplicate',
    duplicateClause: 'syntax/duplicate-clause',
    importNotFound: 'import/not-found',
    importCycle: 'import/cycle',
    importNotLibrary: 'import/not-a-library',
    importOutsideWorkspace: 'import/outside-workspace',
    unknownUnit: 'unit/unknown',
    doseBasisMissingInput: 'unit/missing-required-input',
    incompatibleUnit: 'unit/incompatible',
    missingThresholdUnit: 'unit/missing',
    unknownObservation: 'input/unknown-observation',
    observationNotRequired: 'input/not-required',
    unknownState: 'condition/unknown-state',
    nakedDecimal: 'safety/naked-decimal',
    unsafeAbbreviation: 'safety/do-not-use-abbreviation',
    errorProneSpelling: 'safety/error-prone-spelling',
    premedicationTiming: 'premedication/missing-timing',
    reversedRange: 'range/reversed',
    numberOutOfRange: 'number/out-of-range',
    resolvedOutsideResume: 'condition/resolved-outside-resume',
    trailingZero: 'safety/trailing-zero',
    missingAgent: 'protocol/missing-agent',
    missingGovernance: 'governance/missing-field',
    librarySharedName: 'library/unnamed-member',
    protocolUsesInLibrary: 'library/uses-in-library'
} as const;

export type Code = (typeof Codes)[keyof typeof Codes];
