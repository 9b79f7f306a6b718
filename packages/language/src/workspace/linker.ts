// Unresolved references in the author's words: "no step-up dose or maintenance phase named 'X'", not grammar type names.
import { DefaultLinker, type AstNodeDescription, type LinkingError, type ReferenceInfo } from 'langium';

/** What authors call each kind of named thing a reference may point to (grammar types as keys). */
const REFERENCE_TARGETS: Readonly<Record<string, string>> = {
    DoseAnchor: 'step-up dose or maintenance phase',
    StepUpDose: 'step-up dose',
    MaintenancePhase: 'maintenance phase',
    PremedicationSet: 'premedication set',
    HoldBlock: 'hold block',
    CrsPanel: 'CRS panel',
    IcansPanel: 'ICANS panel',
    ToxicityPanel: 'toxicity panel',
    SupportiveCare: 'supportive-care block',
    RiskFlag: 'risk flag'
};

/** A grammar type without a word of its own is spelled out: `PreTreatment` -> `pre treatment`. */
function targetWords(type: string): string {
    return REFERENCE_TARGETS[type] ?? type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export class TitraLinker extends DefaultLinker {
    override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        const type = this.reflection.getReferenceType(refInfo);
        return { ...error, message: `There is no ${targetWords(type)} named '${refInfo.reference.$refText}' here (declared in this file or an imported library).` };
    }
}
