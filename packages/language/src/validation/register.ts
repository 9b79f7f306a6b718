// Registers the Titra checks with Langium's validation registry, per AST type.
import type { ValidationChecks } from 'langium';
import type { TitraAstType } from '../grammar/generated/ast.js';
import type { TitraServices } from '../titra-module.js';
import { checkImport } from './imports.js';
import { checkUniqueNames } from './names.js';
import { checkNumberSpelling } from './safety.js';
import { checkClausesOnce, checkLibraryMembers, checkProtocolEssentials, checkStateCondition } from './structure.js';
import {
    checkDoseBasisInputs, checkImportedObservationsRequired, checkObservationCondition, checkUnitKnown
} from './units.js';

/** Holds the services that checks need; the checks themselves are plain functions, one file per theme. */
export class TitraValidator {
    constructor(readonly services: TitraServices) {}
}

export function registerValidationChecks(services: TitraServices): void {
    const registry = services.validation.ValidationRegistry;
    const documents = services.shared.workspace.LangiumDocuments;
    const checks: ValidationChecks<TitraAstType> = {
        Protocol: [checkUniqueNames, checkProtocolEssentials, checkNumberSpelling, checkImportedObservationsRequired],
        Library: [checkUniqueNames, checkLibraryMembers, checkNumberSpelling],
        Variant: [checkUniqueNames],
        Import: [checkImport(documents)],
        DoseAmount: [checkUnitKnown, checkDoseBasisInputs],
        Quantity: [checkUnitKnown],
        ObservationCondition: [checkObservationCondition],
        StateCondition: [checkStateCondition],
        StepUpDose: [checkClausesOnce],
        MaintenancePhase: [checkClausesOnce],
        CycleRule: [checkClausesOnce],
        MedicationOrder: [checkClausesOnce],
        SupportiveOrder: [checkClausesOnce]
    };
    registry.register(checks);
}
