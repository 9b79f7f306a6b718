// Registers the Titra checks with Langium's validation registry, per AST type.
import type { ValidationChecks } from 'langium';
import type { TitraAstType } from '../grammar/generated/ast.js';
import type { TitraServices } from '../titra-module.js';
import { checkAgentKnown } from './agent-identity.js';
import { checkCyclesAgainstReference } from './cycles.js';
import { checkDrugDose } from './drug-doses.js';
import { checkActiveGovernance, checkReviewBy } from './governance.js';
import { checkGuidelineTherapies } from './guidelines.js';
import { checkCrsIcansHold, checkHoldResumes } from './holds.js';
import { checkImport, checkImportCycle } from './imports.js';
import { checkInfusionAgainstReference } from './infusion.js';
import { checkThresholdPlausible, checkThresholdScale } from './lab-thresholds.js';
import { checkUniqueNames } from './names.js';
import { checkHiddenCharacters } from './hidden-characters.js';
import { checkNumberBounds, checkNumberRepresentable, checkRangeOrder, NUMBER_CHECKED_TYPES } from './numbers.js';
import { checkGradeEscalation, checkGradePlaceholder, checkIceRanges, checkPanelGrades } from './panels.js';
import {
    checkAgentAgainstReference, checkMaintenanceAgainstReference, checkPremedicationAgainstReference, checkStepUpAgainstReference
} from './reference.js';
import { checkRestartAgainstReference } from './restart-reference.js';
import { checkRestartCoversDoses, checkRestartRanges } from './restarts.js';
import { checkInfusionCaps, checkInfusionDays, checkInterruptionRules } from './infusions.js';
import { checkFrequencyAbbreviation, checkNumberSpelling, checkRouteSpelling, checkUnitSpelling } from './safety.js';
import {
    checkClausesOnce, checkLibraryMembers, checkPremedicationTiming, checkProtocolEssentials, checkResolvedPlacement,
    checkStateCondition, checkWhileAlone
} from './structure.js';
import { checkMaintenanceAfterLastStepUp, checkStepUpCare, checkStepUpIncreasing, checkWindowContainsDay } from './schedule.js';
import { checkPreTreatmentDay } from './pre-treatment.js';
import {
    checkContinueAfterLastDose, checkEscalationWait, checkPremedicationTimingPlausible, checkPreTreatmentWindow
} from './timing-plausibility.js';
import {
    checkDoseBasisInputs, checkImportedObservationsRequired, checkObservationCondition, checkUnitKnown
} from './units.js';

/**
 * Titra's own validation categories, besides Langium's 'built-in' (syntax, linking) and 'fast' (every other check).
 * `titra check`, `titra compile` and the editor run every category; tests and tools select some with
 * `DocumentBuilder.build(documents, { validation: { categories } })`.
 */
export const CheckCategories = {
    /** Checks of whole protocols against the reference knowledge base and the IMWG 2024 panels. */
    clinical: 'clinical'
} as const;

export function registerValidationChecks(services: TitraServices): void {
    const registry = services.validation.ValidationRegistry;
    const documents = services.shared.workspace.LangiumDocuments;
    const boundary = services.workspace.ImportBoundary;
    const checks: ValidationChecks<TitraAstType> = {
        Protocol: [checkUniqueNames, checkProtocolEssentials, checkNumberSpelling, checkImportedObservationsRequired, checkImportCycle(documents, boundary)],
        Library: [checkUniqueNames, checkLibraryMembers, checkNumberSpelling, checkImportCycle(documents, boundary)],
        Variant: [checkUniqueNames],
        Import: [checkImport(documents, boundary)],
        DoseAmount: [checkUnitKnown, checkDoseBasisInputs, checkUnitSpelling],
        Quantity: [checkUnitKnown, checkUnitSpelling],
        ObservationCondition: [checkObservationCondition, checkUnitSpelling],
        StateCondition: [checkStateCondition],
        ResolvedCondition: [checkResolvedPlacement],
        PremedicationSet: [checkPremedicationTiming],
        Frequency: [checkFrequencyAbbreviation],
        Agent: [checkRouteSpelling],
        StepUpDose: [checkClausesOnce],
        MaintenancePhase: [checkClausesOnce],
        CycleRule: [checkClausesOnce],
        MedicationOrder: [checkClausesOnce, checkRouteSpelling],
        SupportiveOrder: [checkClausesOnce, checkWhileAlone],
        PreTreatment: [checkPreTreatmentDay],
        ContinuousInfusion: [checkInfusionDays, checkInterruptionRules]
    };
    registry.register(checks);
    const clinical: ValidationChecks<TitraAstType> = {
        Protocol: [checkCrsIcansHold, checkPremedicationAgainstReference],
        Agent: [checkAgentAgainstReference, checkAgentKnown],
        StepUp: [checkStepUpAgainstReference, checkStepUpIncreasing, checkStepUpCare],
        StepUpDose: [checkWindowContainsDay, checkInfusionAgainstReference],
        MaintenancePhase: [checkMaintenanceAgainstReference, checkInfusionAgainstReference],
        Maintenance: [checkMaintenanceAfterLastStepUp],
        CycleSchedule: [checkCyclesAgainstReference],
        CycleRule: [checkInfusionAgainstReference],
        RestartAfterDelay: [checkRestartRanges, checkRestartCoversDoses, checkRestartAgainstReference],
        HoldRule: [checkHoldResumes],
        CrsPanel: [checkPanelGrades],
        IcansPanel: [checkPanelGrades, checkIceRanges],
        GradeEntry: [checkGradeEscalation, checkGradePlaceholder],
        MedicationOrder: [checkDrugDose],
        ContinuousInfusion: [checkInfusionCaps]
    };
    registry.register(clinical, registry, CheckCategories.clinical);
    // Plausibility: lab thresholds, times around a dose, guideline completeness of the CRS and ICANS grades.
    const plausibility: ValidationChecks<TitraAstType> = {
        ObservationCondition: [checkThresholdPlausible, checkThresholdScale],
        BeforeDoseTiming: [checkPremedicationTimingPlausible],
        PreTreatment: [checkPreTreatmentWindow],
        SupportiveOrder: [checkContinueAfterLastDose],
        Escalation: [checkEscalationWait],
        GradeEntry: [checkGuidelineTherapies]
    };
    registry.register(plausibility, registry, CheckCategories.clinical);
    // Governance: review dates, owner and references of active protocols.
    const governance: ValidationChecks<TitraAstType> = {
        Protocol: [checkActiveGovernance],
        ReviewByDecl: [checkReviewBy(services.environment.Clock)]
    };
    registry.register(governance);
    // Bounds and range order apply to several node types; register both checks for each of them.
    const numberChecks: Record<string, Array<typeof checkNumberBounds>> = {};
    for (const type of NUMBER_CHECKED_TYPES) numberChecks[type] = [checkNumberBounds, checkRangeOrder];
    registry.register(numberChecks as ValidationChecks<TitraAstType>);
    // Numbers the order set can hold (digits and significant digits), token by token in protocols and libraries.
    registry.register({ Protocol: [checkNumberRepresentable], Library: [checkNumberRepresentable] } as ValidationChecks<TitraAstType>);
    // Control and text-direction characters in strings and comments, token by token.
    registry.register({ Protocol: [checkHiddenCharacters], Library: [checkHiddenCharacters] } as ValidationChecks<TitraAstType>);
}
