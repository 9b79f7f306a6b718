// Stable diagnostic codes of Titra checks; documented in the README and used by quick fixes and suppression.
export const Codes = {
    duplicateName: 'name/duplicate',
    duplicateClause: 'syntax/duplicate-clause',
    importNotFound: 'import/not-found',
    importCycle: 'import/cycle',
    importNotLibrary: 'import/not-a-library',
    unknownUnit: 'unit/unknown',
    doseBasisMissingInput: 'unit/missing-required-input',
    incompatibleUnit: 'unit/incompatible',
    missingThresholdUnit: 'unit/missing',
    unknownObservation: 'input/unknown-observation',
    observationNotRequired: 'input/not-required',
    unknownState: 'condition/unknown-state',
    nakedDecimal: 'safety/naked-decimal',
    trailingZero: 'safety/trailing-zero',
    missingAgent: 'protocol/missing-agent',
    missingGovernance: 'governance/missing-field',
    librarySharedName: 'library/unnamed-member',
    protocolUsesInLibrary: 'library/uses-in-library'
} as const;

export type Code = (typeof Codes)[keyof typeof Codes];
