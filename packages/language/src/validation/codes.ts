// Stable diagnostic codes of Titra checks and the data each code's diagnostics carry to its quick fix; documented in the README.
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
    protocolUsesInLibrary: 'library/uses-in-library',
    referenceDoseDiffers: 'reference/dose-differs',
    referenceDayDiffers: 'reference/day-differs',
    referenceWindowDiffers: 'reference/window-differs',
    referenceRouteDiffers: 'reference/route-differs',
    referenceDoseBasisDiffers: 'reference/dose-basis-differs',
    referenceFrequencyDiffers: 'reference/frequency-differs',
    referencePremedicationDiffers: 'reference/premedication-differs',
    panelMissingGrade: 'panel/missing-grade',
    panelDuplicateGrade: 'panel/duplicate-grade',
    panelIceRanges: 'panel/ice-ranges',
    grade3WithoutEscalation: 'panel/grade3-without-escalation',
    missingCrsIcansHold: 'hold/missing-crs-icans-hold',
    holdWithoutResume: 'hold/without-resume',
    stepUpNotIncreasing: 'schedule/step-up-not-increasing',
    windowExcludesDay: 'schedule/window-excludes-day',
    stepUpWithoutPremedication: 'schedule/step-up-without-premedication',
    stepUpWithoutMonitoring: 'schedule/step-up-without-monitoring',
    maintenanceNotAfterLastStepUp: 'schedule/maintenance-not-after-last-step-up',
    restartOverlap: 'restart/overlap',
    restartGap: 'restart/gap',
    restartDoseNotCovered: 'restart/dose-not-covered',
    suppressionMissingReason: 'suppression/missing-reason',
    suppressionUnused: 'suppression/unused',
    reviewOverdue: 'governance/review-overdue',
    activeWithoutOwner: 'governance/active-without-owner',
    activeWithoutReference: 'governance/active-without-reference',
    draftNotCompiled: 'governance/draft',
    panelPlaceholder: 'panel/placeholder',
    unresolvedReference: 'reference/unresolved',
    agentUnknown: 'agent/unknown',
    agentNotGenericName: 'agent/not-generic-name',
    referenceCycleLengthDiffers: 'reference/cycle-length-differs',
    referenceCycleCountDiffers: 'reference/cycle-count-differs',
    referenceCycleDaysDiffer: 'reference/cycle-days-differ',
    referenceCapMissing: 'reference/cap-missing',
    referenceInfusionDiffers: 'reference/infusion-differs',
    referenceRestartDiffers: 'reference/restart-differs',
    referenceMonitoringShorter: 'reference/monitoring-shorter',
    suppressionNotAllowed: 'suppression/not-allowed',
    drugDoseAboveMaximum: 'drug-dose/above-maximum',
    drugDoseTooFrequent: 'drug-dose/too-frequent',
    drugDoseMissingCap: 'drug-dose/missing-cap',
    drugDoseBelowUsual: 'drug-dose/below-usual',
    drugDoseNotComparable: 'drug-dose/not-comparable',
    drugDoseNoReference: 'drug-dose/no-reference',
    preTreatmentDayOutsideWindow: 'schedule/pre-treatment-day-outside-window',
    numberNotRepresentable: 'number/not-representable',
    implausibleThreshold: 'observation/implausible-threshold',
    thresholdScaleSlip: 'observation/threshold-scale-slip',
    implausiblePremedicationTiming: 'premedication/implausible-timing',
    implausibleTiming: 'timing/implausible',
    guidelineTherapyMissing: 'panel/guideline-therapy-missing',
    infusionDays: 'infusion/days',
    interruptionConflict: 'infusion/interruption-conflict',
    infusionCap: 'infusion/cap',
    hiddenCharacter: 'text/hidden-character'
} as const;

export type Code = (typeof Codes)[keyof typeof Codes];

/**
 * Data any code's findings may carry: `grave: true` marks a finding that no suppression comment silences (a dose
 * 10-fold or more from the reference, a unit-kind swap); see validation/never-suppressible.ts.
 */
export interface GraveFinding {
    grave?: boolean;
}

/**
 * What a diagnostic of each code carries in its `data` besides the code: the quick fix of the code reads it
 * (lsp/quick-fixes.ts), and LSP clients echo it back in code-action requests. A code not listed carries nothing.
 */
interface DataByCode {
    [Codes.nakedDecimal]: { replacement: string };
    [Codes.trailingZero]: { replacement: string };
    /** `spelling` is the unit atom written; a frequency abbreviation has none (the whole word is replaced). */
    [Codes.unsafeAbbreviation]: { replacement: string; spelling?: string };
    [Codes.errorProneSpelling]: { replacement: string; spelling: string };
    [Codes.doseBasisMissingInput]: { missing: string[] };
    [Codes.observationNotRequired]: { missing: string[] };
    [Codes.panelMissingGrade]: { missing: number[] };
    [Codes.panelIceRanges]: { expected?: { min: number; max: number } };
    /** The label's value as it is written in a protocol (`1.5 mg/kg`). */
    [Codes.referenceDoseDiffers]: { expected: string } & GraveFinding;
    [Codes.referenceRouteDiffers]: { expected: string };
    [Codes.referenceDayDiffers]: { expected: number };
    [Codes.referencePremedicationDiffers]: { drug: string; expected: string } & GraveFinding;
    [Codes.missingCrsIcansHold]: { system: string };
    [Codes.missingGovernance]: { field: string };
    [Codes.restartDoseNotCovered]: { dose: string };
    [Codes.reviewOverdue]: { date: string };
    /** Known names closest to the one written, closest first. */
    [Codes.agentUnknown]: { suggestions: string[] };
    /** The generic name that a brand or suffixed US name stands for. */
    [Codes.agentNotGenericName]: { generic: string };
    /** `grave`: weight-based where the label is flat or the reverse (a unit-kind swap). */
    [Codes.referenceDoseBasisDiffers]: GraveFinding;
    /** The label's infusion duration in words (`4 hours`, `bags of 24, 48 hours`). */
    [Codes.referenceInfusionDiffers]: { expected: string };
    /** The label's cap as written in a protocol (`9 mcg/day`). */
    [Codes.referenceCapMissing]: { expected: string };
    /** `grave`: 10-fold or more above the reference, a finding no suppression may silence. */
    [Codes.drugDoseAboveMaximum]: { grave?: boolean };
    [Codes.drugDoseTooFrequent]: { grave?: boolean };
    /** The cap to insert, as written in a protocol (`max 800 mg per dose`). */
    [Codes.drugDoseMissingCap]: { cap: string };
}

/** The data a diagnostic of code `C` carries besides the code. */
export type DataOf<C extends Code> = C extends keyof DataByCode ? DataByCode[C] : Record<never, never>;

/** The `data` of a diagnostic of code `C`: its code and that code's data. */
export type DiagnosticDataOf<C extends Code> = { code: C } & DataOf<C>;

/** The data argument of `diagnostic`: required where a code carries data, optional where all of it is, absent otherwise. */
type DataArgument<C extends Code> = C extends keyof DataByCode ? (Record<never, never> extends DataByCode[C] ? [DataByCode[C]?] : [DataByCode[C]]) : [];

/**
 * The `code` and `data` of a check's diagnostic, to spread into the acceptor's info:
 * `accept('error', message, { node, property: 'unit', ...diagnostic(Codes.unknownUnit) })`. The data argument is
 * typed by the code.
 */
export function diagnostic<C extends Code>(code: C, ...data: DataArgument<C>): { code: C; data: DiagnosticDataOf<C> } {
    return { code, data: { code, ...data[0] } as DiagnosticDataOf<C> };
}
