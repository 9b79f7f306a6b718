// Type declarations for the parts of @lhncbc/ucum-lhc that Titra uses.
declare module '@lhncbc/ucum-lhc' {
    interface ValidationResult { status: 'valid' | 'invalid' | 'error'; ucumCode: string | null; msg: string[] }
    interface ConversionResult { status: 'succeeded' | 'failed' | 'error'; toVal: number | null; msg: string[] }
    interface UcumLhcUtils {
        validateUnitString(unit: string, suggest?: boolean): ValidationResult;
        convertUnitTo(from: string, value: number, to: string): ConversionResult;
    }
    const ucum: { UcumLhcUtils: { getInstance(): UcumLhcUtils } };
    export default ucum;
}
